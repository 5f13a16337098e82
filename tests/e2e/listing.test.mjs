// The served page lists the demo user's factors from the emulator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, emulatorAndBrowser, screenshot } from './harness.mjs';

const env = emulatorAndBrowser();

async function openPage(options = {}) {
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push({ method: r.method(), url: r.url(), headers: r.headers() }));
  await page.goto(env.emulator.url);
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  return { page, requests, context };
}

const itemsOf = (page, group) =>
  page.getByRole('list', { name: group }).locator('.zmm-row__name').allTextContents();

test('the demo user sees every factor, grouped by kind', async () => {
  const { page, requests, context } = await openPage();
  // ZITADEL lists READY passkeys only: the seeded unfinished one is not shown.
  assert.deepEqual(await itemsOf(page, 'Passkeys'), ['MacBook Touch ID', 'Pixel 8']);
  assert.deepEqual(await itemsOf(page, 'Security keys'), ['YubiKey 5C', 'Security key …1234']);
  assert.deepEqual(await itemsOf(page, 'Authenticator app'), ['Authenticator app']);
  assert.deepEqual(await itemsOf(page, 'SMS codes'), ['SMS codes']);
  assert.deepEqual(await itemsOf(page, 'Email codes'), ['Email codes']);

  // The list, and beside it what the risk assessment needs: policy, who "me" is, and
  // (v2) whether a password or an IdP is set.
  await page.waitForLoadState('networkidle');
  const apiCalls = requests.filter((r) => /\/(auth|management|v2)\//.test(new URL(r.url).pathname));
  assert.deepEqual(apiCalls.map((r) => `${r.method} ${new URL(r.url).pathname}`).sort(), [
    'GET /auth/v1/policies/login',
    'GET /auth/v1/users/me',
    'GET /v2/users/283746529384750001/authentication_methods',
    'POST /auth/v1/users/me/auth_factors/_search',
    'POST /auth/v1/users/me/idps/_search',
    'POST /auth/v1/users/me/passwordless/_search',
  ]);
  for (const call of apiCalls) {
    assert.equal(call.headers.authorization, 'Bearer demo-alice');
    assert.ok(!call.url.includes('demo-alice'), 'the token is never in a URL');
  }
  // The token attribute is read once and removed from the DOM.
  assert.equal(await page.locator('[data-access-token]').count(), 0);

  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'listing-light');
  await context.close();
});

test('dark mode and a 320 px wide screen stay readable', async () => {
  const { page, context } = await openPage({ colorScheme: 'dark', viewport: { width: 320, height: 800 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  // Regression: names were squeezed to one letter per line beside the state and button.
  const narrowest = await page.locator('.zmm-row__name').evaluateAll((names) =>
    Math.min(...names.map((n) => n.getBoundingClientRect().width)));
  assert.ok(narrowest >= 120, `a factor name is only ${narrowest}px wide`);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'listing-dark-320');
  await context.close();
});

// Regression: in forced colors (Windows High Contrast) the browser drops backgrounds, and
// the loading rows, drawn by their background only, left an empty box ("nothing ever
// blank").
test('in forced colors the loading rows stay visible', async () => {
  const context = await env.browser.newContext({ forcedColors: 'active' });
  const page = await context.newPage();
  await page.route('**/_search', () => {}); // the list never answers
  await page.goto(env.emulator.url);
  const rows = page.locator('.zmm-skeleton__row');
  await rows.first().waitFor();
  const borders = await rows.evaluateAll((all) =>
    all.map((row) => {
      const style = getComputedStyle(row);
      return style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) >= 1;
    }));
  assert.deepEqual(borders, [true, true, true]);
  await screenshot(page, 'loading-forced-colors');
  await context.close();
});

test('without a valid token the emulator answers 401 with a google.rpc.Status', async () => {
  const response = await fetch(`${env.emulator.url}/auth/v1/users/me/auth_factors/_search`, { method: 'POST' });
  assert.equal(response.status, 401);
  assert.deepEqual(await response.json(), { code: 16, message: 'auth header missing' });
});

test('the page can mount a second widget from JavaScript and unmount it', async () => {
  const { page, context } = await openPage();
  const count = await page.evaluate(async () => {
    const element = document.createElement('div');
    document.body.append(element);
    const handle = window.wasmBindings.mount(element, { accessToken: 'demo-nora' });
    const start = Date.now();
    const inside = () => element.shadowRoot ?? element;
    while (!inside().querySelector('.zmm-group') && Date.now() - start < 5000) {
      await new Promise((done) => setTimeout(done, 20));
    }
    const empties = inside().querySelectorAll('.zmm-empty').length;
    handle.unmount();
    return { empties, left: element.childElementCount + inside().childElementCount };
  });
  // nora: five kinds of factor and the linked accounts, all empty.
  assert.deepEqual(count, { empties: 6, left: 0 });
  await context.close();
});
