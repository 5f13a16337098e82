// The lockout rules of ZITADEL's two logins, end to end, with users seeded for them:
// after a password or IdP sign-in only factors of a type the policy allows now count
// in v1 (internal/user/model/user_view.go MFATypesAllowed); forceMfaLocalOnly alone
// requires MFA after a password sign-in (internal/domain/user.go RequiresMFA) and, in
// v1, spares IdP sign-ins; v1 signs in only through IdPs the policy lists
// (auth_request.go checkForAllowedIDPs), Login V2 through the user's links
// (apps/login/src/lib/server/loginname.ts); forced MFA with no type allowed closes the
// path (auth_request.go mfaChecked, LOGIN-5Hm8s). Without the page's loginUi a way in
// counts only if it works with both. Nothing is sent before the confirmation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserAndSignIns, rewritePage } from './harness.mjs';

const env = browserAndSignIns();

async function pageOf(user, loginUi) {
  const emulator = await env.signIn(user);
  const page = await (await env.browser.newContext()).newPage();
  if (loginUi) {
    await rewritePage(page, (html) =>
      html.replace('data-zitadel-mfa-manager', `data-zitadel-mfa-manager data-login-ui="${loginUi}"`),
    );
  }
  await page.goto(emulator.url);
  return { emulator, page };
}

async function dialogFor(user, trigger, loginUi) {
  const { emulator, page } = await pageOf(user, loginUi);
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: trigger, exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  const deletes = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()).filter(
    (r) => r.method === 'DELETE',
  );
  assert.deepEqual(deletes, [], 'nothing is sent before the confirmation');
  return { page, dialog, text: await dialog.textContent() };
}

test('quinn: the password path is closed by forced MFA with no type allowed, so the last passkey is a lockout', async () => {
  const { dialog, text } = await dialogFor('quinn', 'Remove passkey “ThinkPad”');
  assert.equal(await dialog.getAttribute('data-severity'), 'danger');
  assert.match(text, /allows none to be set up, so those cannot finish/);
  assert.doesNotMatch(text, /still sign in with your password/, 'a closed path is not offered');
  assert.equal(await dialog.getByRole('button', { name: 'Remove passkey' }).isDisabled(), true);
  await dialog.getByLabel('To confirm, type ThinkPad').fill('ThinkPad');
  assert.equal(await dialog.getByRole('button', { name: 'Remove passkey' }).isDisabled(), false);
});

test('walt: the last allowed second factor is a warning even though SMS codes remain', async () => {
  const { dialog, text } = await dialogFor('walt', 'Remove authenticator app');
  assert.equal(await dialog.getAttribute('data-severity'), 'warning');
  assert.match(text, /at your next sign-in with a password, you will have to set up a new one/);
  assert.doesNotMatch(text, /SMS codes/, 'a factor of a type not allowed does not count');
});

test('lena: with forceMfa and forceMfaLocalOnly, v1 spares the IdP sign-in and Login V2 does not', async () => {
  // Unset: the stricter of the two (shouldEnforceMFA: forceMfa requires MFA after an IdP too).
  const unset = await dialogFor('lena', 'Remove authenticator app');
  assert.equal(await unset.dialog.getAttribute('data-severity'), 'warning');
  assert.match(unset.text, /at your next sign-in with a password or your identity provider, you will have to set up a new one/);
  assert.match(unset.text, /This is what happens if the organization signs in with ZITADEL's Login V2; with ZITADEL's hosted login it may not\./);
  assert.match(unset.text, /You can still sign in with your password and Google/);
  const v1 = await dialogFor('lena', 'Remove authenticator app', 'v1');
  assert.match(v1.text, /at your next sign-in with a password, you will have to set up a new one/);
  assert.doesNotMatch(v1.text, /may not/);
  assert.match(v1.text, /You can still sign in with your password and Google/);
});

test('lou: forceMfaLocalOnly alone requires MFA after a password sign-in, so the last authenticator app is a warning', async () => {
  const { dialog, text } = await dialogFor('lou', 'Remove authenticator app');
  assert.equal(await dialog.getAttribute('data-severity'), 'warning');
  assert.match(text, /at your next sign-in with a password, you will have to set up a new one/);
  assert.doesNotMatch(text, /may not/, 'both logins agree');
});

test('uma: a link to an IdP the policy does not list is no way in with v1; judged with loginUi v1, v2 and unset', async () => {
  const trigger = 'Remove passkey “Galaxy S24”';
  const unset = await dialogFor('uma', trigger);
  assert.equal(await unset.dialog.getAttribute('data-severity'), 'danger');
  assert.match(unset.text, /login settings do not offer your identity provider, so after removing it, you will not be able to sign in at all/);
  assert.match(unset.text, /This is what happens if the organization signs in with ZITADEL's hosted login; with ZITADEL's Login V2 it may not\./);
  assert.doesNotMatch(unset.text, /still sign in/);
  await unset.dialog.getByLabel('To confirm, type Galaxy S24').waitFor();

  const v1 = await dialogFor('uma', trigger, 'v1');
  assert.equal(await v1.dialog.getAttribute('data-severity'), 'danger');
  assert.doesNotMatch(v1.text, /may not/, 'the named login decides alone');

  const v2 = await dialogFor('uma', trigger, 'v2');
  assert.equal(await v2.dialog.getAttribute('data-severity'), 'info');
  assert.match(v2.text, /You can still sign in with Okta\./);
});

test('ida: an IdP the policy lists still signs her in, by its name', async () => {
  const { dialog, text } = await dialogFor('ida', 'Remove passkey “Work laptop”');
  assert.equal(await dialog.getAttribute('data-severity'), 'info');
  assert.match(text, /You can still sign in with Google\./);
});

test('mona: a token without MFA where MFA is forced is told to sign in with a second factor', async () => {
  const { page } = await pageOf('mona');
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /Sign in again with your second factor/);
  assert.match(text, /AUTHZ-Kl3p0/);
  assert.doesNotMatch(text, /administrator/);
});
