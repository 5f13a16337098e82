// Adversarial content from the server, against the real page: hostile names in every
// server string, hostile ids on all three API surfaces, and a canary token that must
// never leak. Each suite prints its figures.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { emulatorAndBrowser } from './harness.mjs';

const LONG = 'W'.repeat(5000);
const NAMES = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
  '"><svg onload="window.__pwned=1">',
  'evil\u202Egpj.exe',
  'מפתח אבטחה',
  'zero\u200Bwidth\u200Djoin\uFEFF',
  LONG,
];
// Ids a path could be bent with; `.` and `..` are refused before any request.
const IDS = ['../../users/me', 'a/b', 'a?b=c', 'a#b', '%2e%2e', 'a b%', 'ü-🔑', '..;x', '\\..\\x', '.', '..'];
const CANARY = 'canary-7f3e9b2d41c8a6e5';

/** The shipped seed with alice's names, ids, display name and token made hostile. */
function hostileSeed() {
  const seed = JSON.parse(readFileSync(new URL('../../emulator/seed.json', import.meta.url)));
  const alice = seed.users.find((u) => u.userName === 'alice');
  alice.token = CANARY;
  alice.displayName = `${NAMES[0]} ${NAMES[4]} ${LONG}`;
  alice.userName = `alice${NAMES[3]}`;
  alice.passkeys = NAMES.map((name, i) => ({ id: `name-${i}`, name }));
  alice.u2f = IDS.map((id) => ({ id, name: `key ${id}` }));
  return seed;
}

const dir = mkdtempSync(join(tmpdir(), 'zmm-hostile-'));
const seedFile = join(dir, 'seed.json');
writeFileSync(seedFile, JSON.stringify(hostileSeed()));
const env = emulatorAndBrowser(['--seed', seedFile, '--demo-user', `alice${NAMES[3]}`]);
after(() => rmSync(dir, { recursive: true, force: true }));

const control = (path, method = 'POST') => fetch(`${env.emulator.url}/__emulator${path}`, { method });

async function open(path) {
  await control('/reset');
  const context = await env.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${env.emulator.url}${path}`);
  await page.locator('section.zmm-group').first().waitFor();
  return { context, page };
}

const pageFits = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

const inView = (locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight + 1 && r.right <= window.innerWidth + 1;
  });

test('hostile names in every server string: no script runs, nothing overflows', async () => {
  let checked = 0;
  for (const path of ['/', '/admin?of=alice%22%3E%3Csvg%20onload%3D%22window.__pwned%3D1%22%3E']) {
    const { context, page } = await open(path);
    const widget = page.locator('[data-zitadel-mfa-manager]');
    const passkeys = widget.getByRole('button', { name: /^Remove passkey/ });
    // The first group on screen may be another panel's (the admin page has two): wait
    // for the passkeys themselves before counting them.
    await passkeys.first().waitFor();
    assert.equal(await passkeys.count(), NAMES.length);
    for (let i = 0; i < NAMES.length; i += 1) {
      const what = JSON.stringify(NAMES[i].slice(0, 24));
      await passkeys.nth(i).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      for (const part of ['.zmm-dialog__title', '.zmm-button--danger', '.zmm-button--quiet']) {
        assert.ok(await inView(dialog.locator(part)), `${part} in view for ${what}`);
      }
      assert.ok(await pageFits(page), `page fits with ${what}`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      checked += 1;
    }
    assert.ok(await pageFits(page), `${path}: page fits`);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
    const injected = await page.evaluate(() => {
      const root = document.querySelector('[data-zitadel-mfa-manager]').shadowRoot;
      return root.querySelectorAll('img, script, svg:not([aria-hidden])').length;
    });
    assert.equal(injected, 0, 'names stay text');
    await context.close();
  }
  console.log(`hostile content: ${NAMES.length} names on 2 pages, ${checked} dialogs in view, no script ran, no overflow`);
});

/** The widget's encoding of a path segment: RFC 3986 unreserved kept, all else escaped. */
const encode = (id) => encodeURIComponent(id).replace(/[!'()*.]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

test('hostile ids on all three surfaces hit only their own encoded path', async () => {
  const ALICE = '283746529384750001';
  const surfaces = [
    ['/', `/auth/v1/users/me/auth_factors/u2f/`],
    ['/admin?of=alice%22%3E%3Csvg%20onload%3D%22window.__pwned%3D1%22%3E', `/management/v1/users/${ALICE}/auth_factors/u2f/`],
    ['/admin?of=alice%22%3E%3Csvg%20onload%3D%22window.__pwned%3D1%22%3E&api=v2', `/v2/users/${ALICE}/u2f/`],
  ];
  let held = 0;
  const failures = [];
  for (const [path, prefix] of surfaces) {
    const { context, page } = await open(path);
    const widget = page.locator('[data-zitadel-mfa-manager]');
    for (const id of IDS) {
      await control('/requests', 'DELETE');
      const button = widget.getByRole('button', { name: `Remove security key “key ${id}”`, exact: true });
      await button.click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByRole('button', { name: 'Remove security key' }).click();
      await Promise.race([dialog.waitFor({ state: 'detached' }), dialog.getByRole('alert').waitFor()]);
      const deletes = (await (await control('/requests', 'GET')).json()).filter((r) => r.method === 'DELETE');
      const expected = id === '.' || id === '..' ? [] : [`${prefix}${encode(id)}`];
      const got = deletes.map((r) => r.path);
      if (JSON.stringify(got) === JSON.stringify(expected)) held += 1;
      else failures.push(`${path} ${id}: ${JSON.stringify(got)} instead of ${JSON.stringify(expected)}`);
      if (await dialog.isVisible()) {
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await dialog.waitFor({ state: 'detached' });
      }
    }
    await context.close();
  }
  const total = IDS.length * surfaces.length;
  console.log(`path injection: ${held}/${total} ids on 3 surfaces hit only their own encoded path`);
  assert.deepEqual(failures, []);
});

test('the canary token never leaves memory', async () => {
  const { context, page } = await open('/');
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.evaluate(() => {
    window.__events = [];
    for (const name of ['zitadel-mfa-before-remove', 'zitadel-mfa-removed', 'zitadel-mfa-error']) {
      document.addEventListener(name, (e) => window.__events.push(JSON.stringify(e.detail)));
    }
  });
  // A removal and an error, so that events and error panels exist too.
  await page.getByRole('button', { name: 'Remove authenticator app' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove authenticator app' }).click();
  await page.getByRole('alertdialog').waitFor({ state: 'detached' });
  await fetch(`${env.emulator.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'DELETE', status: 403 }),
  });
  await page.getByRole('button', { name: 'Remove SMS codes' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove SMS codes' }).click();
  await page.getByRole('alertdialog').getByRole('alert').waitFor();
  const places = await page.evaluate(() => {
    const dom = [];
    const walk = (node) => {
      dom.push(node.outerHTML ?? node.innerHTML ?? '');
      for (const el of node.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document.documentElement);
    return {
      url: location.href,
      dom: dom.join('\n'),
      localStorage: JSON.stringify({ ...localStorage }),
      sessionStorage: JSON.stringify({ ...sessionStorage }),
      cookies: document.cookie,
      events: window.__events.join('\n'),
    };
  });
  const emulatorLog = await (await control('/requests', 'GET')).text();
  const all = { ...places, console: logs.join('\n'), requestUrls: urls.join('\n'), emulatorLog };
  const leaks = Object.entries(all).filter(([, text]) => text.includes(CANARY)).map(([place]) => place);
  console.log(`token canary: ${Object.keys(all).length - leaks.length}/${Object.keys(all).length} places clean`);
  assert.deepEqual(leaks, []);
  assert.ok(places.events.includes('"doing":"remove"'), 'the events were seen');
  await context.close();
});
