// The page signs in with ZITADEL (here the emulator's OpenID provider, as `make run`
// serves it): the code flow with PKCE, the token in memory only, sign out, and a
// tampered answer refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, emulatorAndBrowser, pageWords, rewritePage } from './harness.mjs';

const env = emulatorAndBrowser(['--sign-in']);

async function signedOutPage() {
  await fetch(`${env.emulator.url}/__emulator/reset`, { method: 'POST' });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(env.emulator.url);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  return { context, page };
}

test('sign in with the provider, remove a factor, sign out', async () => {
  const { context, page } = await signedOutPage();
  assert.match(await page.locator('.page-signin').textContent(), /Sign in with your ZITADEL account/);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The provider's page: pick the seeded user. (It names an icon, so the browser logs no
  // /favicon.ico 404 on the way.)
  await page.getByRole('button', { name: 'alice', exact: true }).waitFor();
  assert.equal(await page.locator('link[rel~=icon]').count(), 1);
  await page.getByRole('button', { name: 'alice', exact: true }).click();
  await page.getByText('Signed in as Alice Adams').waitFor();
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  assert.equal(new URL(page.url()).search, '', 'code and state left the address bar');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  assert.equal(stored, '{}', 'nothing stays in storage');
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('button', { name: 'Remove authenticator app' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Remove authenticator app' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.match(await page.locator('.zmm-result').textContent(), /Authenticator app removed/);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  // The provider's session ended too: signing in asks again.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'alice', exact: true }).waitFor();
  await context.close();
});

test('an answer with another state is refused and leaves nothing behind', async () => {
  const { context, page } = await signedOutPage();
  // Start a sign-in, then come back with a forged answer instead of the provider's.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'alice', exact: true }).waitFor();
  await page.goto(`${env.emulator.url}/?code=stolen&state=forged`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await page.locator('.page-signin').textContent(), /does not belong to a sign-in this page started/);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  assert.equal(new URL(page.url()).search, '');
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await context.close();
});

test('a replayed callback and a provider error each end in Start over, the token never in the console', async () => {
  const { context, page } = await signedOutPage();
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  let callback;
  page.on('request', (r) => {
    if (r.url().includes('?code=')) callback = r.url();
  });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'alice', exact: true }).click();
  await page.getByText('Signed in as Alice Adams').waitFor();
  const token = await (await fetch(`${env.emulator.url}/__emulator/requests`)).text();
  assert.ok(!token.includes('at-'), 'the emulator never logs a token');
  // The same answer once more: this tab started no sign-in for it any more.
  await page.goto(callback);
  await page.getByRole('alert').waitFor();
  assert.match(await page.locator('.page-signin').textContent(), /does not belong to a sign-in this page started/);
  assert.ok(logs.every((line) => !line.includes('at-')), logs.join('\n'));
  await context.close();

  // The provider's own refusal, for a sign-in this tab did start (a fresh browser, so
  // the provider asks rather than reusing the session above).
  const fresh = await signedOutPage();
  await fresh.page.getByRole('button', { name: 'Sign in' }).click();
  await fresh.page.getByRole('button', { name: 'alice', exact: true }).waitFor();
  const state = await fresh.page.evaluate(() => sessionStorage.getItem('zitadel-mfa-manager.signin')?.split('\n')[0]);
  assert.ok(state, 'the started sign-in kept its state');
  await fresh.page.goto(`${env.emulator.url}/?error=access_denied&error_description=User%20cancelled&state=${state}`);
  await fresh.page.getByRole('alert').waitFor();
  assert.match(await fresh.page.locator('.page-signin').textContent(), /access_denied: User cancelled/);
  assert.equal(await fresh.page.evaluate(() => sessionStorage.length), 0);
  await fresh.context.close();
});

test('a stale sign-in: the removal waits for a fresh one, then the same confirmation opens again', async () => {
  await fetch(`${env.emulator.url}/__emulator/reset`, { method: 'POST' });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  // A one-second limit instead of five minutes, so the sign-in is stale in a moment.
  await page.route(`${env.emulator.url}/signin.json`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), maxAuthAge: 1 } });
  });
  await page.goto(env.emulator.url);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'alice', exact: true }).click();
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  await new Promise((done) => setTimeout(done, 2100));

  await page.getByRole('button', { name: 'Remove authenticator app' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Remove authenticator app' }).click();
  const notice = dialog.locator('.zmm-reauth');
  await notice.waitFor();
  assert.match(await notice.textContent(), /Removing a sign-in method needs a fresh sign-in/);
  await notice.getByRole('button', { name: 'Sign in again to confirm' }).click();
  // The provider asks again (max_age=0), although its session is still there.
  await page.getByRole('button', { name: 'alice', exact: true }).click();
  // Back on the page: the same confirmation, and nothing was sent before it.
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Remove authenticator app\?/);
  const log = async () => (await (await fetch(`${env.emulator.url}/__emulator/requests`)).json()).filter((r) => r.method === 'DELETE');
  assert.deepEqual(await log(), [], 'no DELETE before the fresh sign-in was confirmed');
  await dialog.getByRole('button', { name: 'Remove authenticator app' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.match(await page.locator('.zmm-result').textContent(), /Authenticator app removed/);
  assert.equal((await log()).length, 1);
  await context.close();
});

test('a 401 ends the session: the page says so, and signing in again comes back to the same address', async () => {
  await fetch(`${env.emulator.url}/__emulator/reset`, { method: 'POST' });
  // ZITADEL's answer to an expired or revoked token, on the first list call.
  await fetch(`${env.emulator.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'POST', path: '/auth/v1/users/me/auth_factors/_search', status: 401 }),
  });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${env.emulator.url}/?lang=en&from=settings`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'alice', exact: true }).click();
  await page.getByText('Your session has ended. Sign in again to continue').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  // The provider still has its session: straight back, and to the same address.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as Alice Adams').waitFor();
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  assert.equal(new URL(page.url()).search, '?lang=en&from=settings');
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  await context.close();
});

/** Serves the page (`/`, when navigated to directly) with `attribute` on its widget element. */
async function withWidgetAttribute(page, attribute) {
  await rewritePage(page, (html) => html.replace('data-zitadel-mfa-manager', `data-zitadel-mfa-manager ${attribute}`));
}

// Regression: the bar followed the browser's language only, so a page that set
// data-locale="de" had a German widget under an English sign-in bar.
test("the sign-in bar speaks the widget's data-locale", async () => {
  await fetch(`${env.emulator.url}/__emulator/reset`, { method: 'POST' });
  const context = await env.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await withWidgetAttribute(page, 'data-locale="de"');
  await page.goto(env.emulator.url);
  await page.getByRole('button', { name: 'Anmelden' }).waitFor();
  const bar = page.locator('.page-signin');
  assert.equal(await bar.getAttribute('lang'), 'de');
  assert.match(await bar.textContent(), /Melden Sie sich mit Ihrem ZITADEL-Konto an/);
  // Regression: the page's heading, <title> and lang stayed English around it.
  assert.deepEqual(await pageWords(page), { lang: 'de', title: 'Anmeldemethoden', heading: 'Kontosicherheit' });
  // The whole flow uses the bar's texts; a refused answer shows them too. (Playwright
  // does not route the provider's redirect back, so the signed-in bar is not seen here.)
  await page.goto(`${env.emulator.url}/?code=stolen&state=forged`);
  await page.getByRole('alert').waitFor();
  assert.match(await bar.textContent(), /Die Anmeldung wurde nicht abgeschlossen/);
  await page.getByRole('button', { name: 'Neu beginnen' }).waitFor();
  await context.close();
});

// A German browser: the bar signed in, and the page's own words around the widget, speak
// German too (the page's heading and <title> stayed English).
test('a German browser signs in and the whole page speaks German', async () => {
  await fetch(`${env.emulator.url}/__emulator/reset`, { method: 'POST' });
  const context = await env.browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(env.emulator.url);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: 'alice', exact: true }).click();
  await page.getByText('Angemeldet als Alice Adams').waitFor();
  await page.getByRole('heading', { name: 'Sicherheitsschlüssel' }).waitFor();
  await page.getByRole('button', { name: 'Abmelden' }).waitFor();
  assert.deepEqual(await pageWords(page), { lang: 'de-DE', title: 'Anmeldemethoden', heading: 'Kontosicherheit' });
  assert.equal(await page.locator('.page-signin').getAttribute('lang'), 'de-DE');
  await context.close();
});

// Regression: the sign-in's own requests had no time limit, so a provider that never
// answered left the page blank (no bar, no widget) for good.
test('a provider that does not answer ends in Start over after the time limit', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await withWidgetAttribute(page, 'data-timeout-ms="1000"');
  // The discovery document never comes.
  await page.route('**/.well-known/openid-configuration', () => {});
  await page.goto(env.emulator.url);
  // Meanwhile the bar says what is going on.
  await page.getByRole('status').filter({ hasText: 'Preparing the sign-in…' }).waitFor();
  await page.getByRole('alert').waitFor();
  const bar = await page.locator('.page-signin').textContent();
  assert.match(bar, /The sign-in did not complete/);
  assert.match(bar, /openid-configuration: no answer within 1 s/);
  await page.getByRole('button', { name: 'Start over' }).waitFor();
  await context.close();
});

// Regression: a sign-in that could not start (here: no session storage to keep its
// verifier) was only logged to the console; the button seemed to do nothing.
test('a sign-in that cannot start in this browser says why', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'sessionStorage', {
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
  });
  await page.goto(env.emulator.url);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.locator('.page-signin').textContent(), /this browser keeps no session storage/);
  assert.equal(new URL(page.url()).origin, env.emulator.url, 'still on the page');
  await context.close();
});
