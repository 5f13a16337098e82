// The emulator serves the page as a real host would: compressed as the browser accepts,
// the wasm as application/wasm (so it compiles while it streams).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { emulatorAndBrowser } from './harness.mjs';

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
    await page.goto(`${env.emulator.url}${path}`);
    await page.getByRole('heading', { name: 'Passkeys' }).first().waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, [], path);
    // The browser asks for /favicon.ico some time after the load (and logs its 404)
    // unless the page names an icon.
    assert.ok(await page.locator('link[rel~=icon]').count(), `${path} names an icon`);
    await page.close();
  }
});
