// The emulator serves the page as a real host would: compressed as the browser accepts,
// the wasm as application/wasm (so it compiles while it streams).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { emulatorAndBrowser, rewritePage } from './harness.mjs';

const env = emulatorAndBrowser();
const wasm = readdirSync(process.env.DIST_DIR ?? 'dist').find((f) => f.endsWith('.wasm'));

for (const encoding of ['br', 'gzip']) {
  test(`the wasm comes ${encoding}-compressed as application/wasm`, async () => {
    const answer = await fetch(`${env.emulator.url}/${wasm}`, { headers: { 'accept-encoding': encoding } });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-encoding'), encoding);
    assert.equal(answer.headers.get('content-type'), 'application/wasm');
    const bytes = new Uint8Array(await answer.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 4)], [0, 0x61, 0x73, 0x6d], 'a wasm module once decoded');
  });
}

test('the browser gets the page, its script and its wasm compressed', async () => {
  const page = await env.browser.newPage();
  const encodings = {};
  page.on('response', async (r) => {
    const path = new URL(r.url()).pathname;
    if (/\.(wasm|js)$|^\/$/.test(path)) encodings[path.split('.').pop()] = (await r.allHeaders())['content-encoding'];
  });
  await page.goto(env.emulator.url);
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  assert.equal(encodings.wasm, 'br');
  assert.equal(encodings.js, 'br');
  await page.close();
});

// The page, the admin demo (also with a trailing slash) and the example portal.
test('a load of each page logs no error and no request fails', async () => {
  for (const path of ['/', '/admin/', '/portal/']) {
    const page = await env.browser.newPage();
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
    // The pages preload their wasm: a preload the glue's own request does not match
    // (crossorigin) fetches it twice.
    const wasms = [];
    page.on('request', (r) => r.url().endsWith('.wasm') && wasms.push(new URL(r.url()).pathname));
    await page.goto(`${env.emulator.url}${path}`);
    await page.getByRole('heading', { name: 'Passkeys' }).first().waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, [], path);
    assert.equal(wasms.length, 1, `${path} fetched ${wasms.join(', ')}`);
    // The browser asks for /favicon.ico some time after the load (and logs its 404)
    // unless the page names an icon.
    assert.ok(await page.locator('link[rel~=icon]').count(), `${path} names an icon`);
    await page.close();
  }
});

// The page's module script is async, so the wasm starts before the stylesheet and the
// parser are done. It can then run before the widget's element is parsed: here a slow
// parser-blocking script in front of the element holds the parser until the wasm has
// long run. Without waiting for the DOM the widget never mounted.
test('the widget mounts when its script runs before the page is parsed', async () => {
  const page = await env.browser.newPage();
  let ran = null;
  await page.route('**/slow-parser.js', async (route) => {
    // Let the wasm run first: its start shows as the custom element being defined.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !ran) {
      ran = await page.evaluate(() => !!customElements.get('zitadel-mfa-manager')).catch(() => false);
      if (!ran) await new Promise((done) => setTimeout(done, 50));
    }
    await route.fulfill({ contentType: 'text/javascript', body: 'window.parsedLate = true;' });
  });
  await rewritePage(page, (html) => {
    assert.match(html, /module" async/, 'the module script is async');
    return html.replace('<main', '<script src="/slow-parser.js"></script><main');
  });
  await page.goto(env.emulator.url);
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  assert.equal(ran, true, 'the wasm ran while the parser waited');
  assert.equal(await page.evaluate(() => window.parsedLate), true);
  await page.close();
});
