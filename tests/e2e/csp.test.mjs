// Host pages with a strict Content-Security-Policy: the minimal policy the README names
// is enough (no inline styles needed), and a connect-src that leaves ZITADEL out is
// named as the cause.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emulatorAndBrowser } from './harness.mjs';

const env = emulatorAndBrowser();

// The README's minimal policy; ZITADEL is the page's own origin here.
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "connect-src 'self'; img-src 'self' data:";

/**
 * Opens `path` served with `policy`, recording every violation the page reports;
 * `rewrite` may change the page's HTML first.
 */
async function openWithPolicy(path, policy, rewrite = (html) => html) {
  await fetch(`${env.emulator.url}/__emulator/reset`, { method: 'POST' });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  await page.route(`${env.emulator.url}${path}`, async (route) => {
    const response = await route.fetch();
    const body = rewrite(await response.text());
    await route.fulfill({ response, body, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
  await page.goto(`${env.emulator.url}${path}`);
  return { context, page };
}

test('the minimal policy: no violation, the widget styled and working', async () => {
  const { context, page } = await openWithPolicy('/portal/', STRICT);
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  const widget = page.locator('zitadel-mfa-manager section.zmm').first();
  assert.equal(await widget.evaluate((e) => getComputedStyle(e).borderTopStyle), 'solid', 'styled');
  await page.getByRole('button', { name: 'Remove authenticator app' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Remove authenticator app' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('zitadel-mfa-manager .zmm-result').waitFor();
  const violations = await page.evaluate(() => window.__violations);
  console.log(`strict CSP: ${violations.length} securitypolicyviolation events, widget styled, a removal made`);
  assert.deepEqual(violations, []);
  await context.close();
});

test("a connect-src without ZITADEL's origin is named as the cause", async () => {
  // ZITADEL on another origin (localhost, the same emulator) than the page (127.0.0.1),
  // and a policy that allows only the page's own. The demo page boots from an inline
  // script, so only connect-src is restricted here.
  const zitadel = env.emulator.url.replace('127.0.0.1', 'localhost');
  const { context, page } = await openWithPolicy('/', "connect-src 'self'", (html) =>
    html.replace('data-api-base-url=""', `data-api-base-url="${zitadel}"`));
  const error = page.locator('.zmm-load-error');
  await error.waitFor();
  const text = await error.textContent();
  assert.match(text, /Content-Security-Policy blocked the request/);
  assert.match(text, new RegExp(`does not allow ${zitadel}`));
  const violations = await page.evaluate(() => window.__violations);
  assert.ok(violations.some((v) => v.startsWith('connect-src')), violations.join('\n'));
  await context.close();
});
