// The page signs in through a provider nobody here wrote: npm `oidc-provider`, a
// certified OpenID provider, with a public client using PKCE on loopback. The page and
// its code are unchanged; only its sign-in file names that provider as the issuer, as a
// deployment's would. The emulator stays the API: it accepts the provider's access
// tokens as ZITADEL's API accepts those of ZITADEL's own provider.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Provider from 'oidc-provider';
import { freePort, launchBrowser, startEmulator } from './harness.mjs';

const CLIENT_ID = 'mfa-manager';
const NAMES = { alice: 'Alice Adams' };
const env = { revoked: [], tokenRequests: 0 };

/** A certified provider on a free loopback port, its public client redirecting to the page. */
async function startProvider(page) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${page}/`],
        post_logout_redirect_uris: [`${page}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // ZITADEL's ID tokens always carry auth_time; this provider does when asked.
        require_auth_time: true,
      },
    ],
    // The dev interactions' sign-in form takes any login: the login is the account.
    findAccount: (_, id) => ({ accountId: id, claims: () => ({ sub: id, name: NAMES[id] ?? id }) }),
    claims: { openid: ['sub'], profile: ['name'] },
    features: { devInteractions: { enabled: true }, revocation: { enabled: true } },
    cookies: { keys: ['e2e-only-cookie-key'] },
  });
  provider.on('access_token.destroyed', () => env.revoked.push('revoked'));
  // Before the token answer leaves: the emulator's API accepts that access token for the
  // account the ID token names (with no ZITADEL behind it, the bridge is the test's).
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route !== 'token') return;
    env.tokenRequests += 1;
    if (ctx.status !== 200 || !ctx.body?.access_token) return;
    const claims = JSON.parse(Buffer.from(ctx.body.id_token.split('.')[1], 'base64url'));
    const accepted = await fetch(`${page}/__emulator/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: ctx.body.access_token, userName: claims.sub }),
    });
    assert.equal(accepted.status, 204);
  });
  const server = await new Promise((done) => {
    const s = provider.listen(port, '127.0.0.1', () => done(s));
  });
  return { issuer, stop: () => new Promise((done) => server.close(done)) };
}

before(async () => {
  env.emulator = await startEmulator(['--sign-in']);
  env.provider = await startProvider(env.emulator.url);
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.provider?.stop();
  await env.emulator?.stop();
});

/** A fresh browser whose page's sign-in file names the provider (and `extra`). */
async function pageOnProvider(extra = {}) {
  await fetch(`${env.emulator.url}/__emulator/reset`, { method: 'POST' });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.route(`${env.emulator.url}/signin.json`, (route) =>
    route.fulfill({
      json: { issuer: env.provider.issuer, clientId: CLIENT_ID, redirectUri: `${env.emulator.url}/`, ...extra },
    }),
  );
  await page.goto(env.emulator.url);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  return { context, page };
}

/** The provider's own pages: its sign-in form, then its consent when it asks; resolves
 * back on the page (the list, a dialog, or the page's alert). */
async function signInAtProvider(page, login) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  const back = page.locator('.page-signin');
  await consent.or(back).first().waitFor();
  if (await consent.isVisible()) await consent.click();
  await page.waitForURL((url) => url.origin === env.emulator.url);
}

const deletes = async () =>
  (await (await fetch(`${env.emulator.url}/__emulator/requests`)).json()).filter((r) => r.method === 'DELETE');

test('oidc-provider: sign in, remove a factor, sign out (revoked, session ended)', async () => {
  const { context, page } = await pageOnProvider();
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === env.provider.issuer);
  await signInAtProvider(page, 'alice');
  await page.getByText('Signed in as Alice Adams').waitFor();
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  assert.equal(new URL(page.url()).search, '', 'code and state left the address bar');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  assert.equal(stored, '{}', 'nothing stays in storage');

  await page.getByRole('button', { name: 'Remove authenticator app' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Remove authenticator app' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.match(await page.locator('.zmm-result').textContent(), /Authenticator app removed/);
  assert.equal((await deletes()).length, 1);

  await page.getByRole('button', { name: 'Sign out' }).click();
  // The provider asks to confirm ending its session (RP-initiated logout, its own page).
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.equal(new URL(page.url()).origin, env.emulator.url, 'back on the page');
  assert.deepEqual(env.revoked, ['revoked'], 'the access token was revoked');
  // The provider's session is gone: signing in shows its form again.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('input[name="login"]').waitFor();
  assert.ok(logs.every((line) => !/eyJ|access_token/.test(line)), logs.join('\n'));
  await context.close();
});

test('oidc-provider: a stale sign-in signs in again at the provider before the DELETE', async () => {
  const { context, page } = await pageOnProvider({ maxAuthAge: 1 });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await signInAtProvider(page, 'alice');
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  await new Promise((done) => setTimeout(done, 2100));

  await page.getByRole('button', { name: 'Remove authenticator app' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Remove authenticator app' }).click();
  await dialog.locator('.zmm-reauth').getByRole('button', { name: 'Sign in again to confirm' }).click();
  // prompt=login: the provider shows its form although its session is still there.
  await page.waitForURL((url) => url.origin === env.provider.issuer);
  await signInAtProvider(page, 'alice');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Remove authenticator app\?/);
  assert.deepEqual(await deletes(), [], 'no DELETE before the fresh sign-in was confirmed');
  await dialog.getByRole('button', { name: 'Remove authenticator app' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.match(await page.locator('.zmm-result').textContent(), /Authenticator app removed/);
  assert.equal((await deletes()).length, 1);
  await context.close();
});

test('oidc-provider: an ID token for another nonce is refused, and so is a code it will not exchange', async () => {
  // The authorization request leaves the page with another nonce than the one it kept:
  // the provider signs that nonce into the ID token, and the page must refuse it.
  const first = await pageOnProvider();
  await first.page.route((url) => url.href.startsWith(`${env.provider.issuer}/auth?`), (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('nonce', 'not-the-pages-nonce');
    return route.continue({ url: url.toString() });
  });
  await first.page.getByRole('button', { name: 'Sign in' }).click();
  await signInAtProvider(first.page, 'alice');
  await first.page.getByRole('alert').waitFor();
  assert.match(await first.page.locator('.page-signin').textContent(), /nonce/i);
  assert.equal(await first.page.evaluate(() => sessionStorage.length), 0);
  assert.equal(await first.page.getByRole('heading', { name: 'Passkeys' }).count(), 0, 'no list without a sign-in');
  await first.page.getByRole('button', { name: 'Start over' }).click();
  await first.page.getByRole('button', { name: 'Sign in' }).waitFor();
  await first.context.close();

  // The provider's answer with its code altered: the token endpoint refuses it (invalid_grant).
  const second = await pageOnProvider();
  // The provider's redirect back to the page, its code altered on the way. (A browser
  // follows redirects past the route, so the provider's own hops are followed here.)
  await second.page.route((url) => url.origin === env.provider.issuer, async (route) => {
    let response = await route.fetch({ maxRedirects: 0 });
    let back = new URL(response.headers().location ?? '/', env.provider.issuer);
    while (response.status() === 303 && back.origin === env.provider.issuer) {
      response = await second.context.request.get(back.href, { maxRedirects: 0 });
      back = new URL(response.headers().location ?? '/', env.provider.issuer);
    }
    if (back.origin !== env.emulator.url || !back.searchParams.has('code')) return route.fulfill({ response });
    back.searchParams.set('code', `${back.searchParams.get('code')}x`);
    return route.fulfill({ response, headers: { ...response.headers(), location: back.href } });
  });
  const before = env.tokenRequests;
  await second.page.getByRole('button', { name: 'Sign in' }).click();
  await signInAtProvider(second.page, 'alice');
  await second.page.getByRole('alert').waitFor();
  assert.equal(env.tokenRequests, before + 1, 'one exchange was tried');
  assert.match(await second.page.locator('.page-signin').textContent(), /invalid_grant/);
  assert.equal(await second.page.evaluate(() => sessionStorage.length), 0);
  await second.page.getByRole('button', { name: 'Start over' }).click();
  await second.page.getByRole('button', { name: 'Sign in' }).waitFor();
  await second.context.close();
});
