// The lockout rules of ZITADEL's login, end to end, with users seeded for them:
// after a password or IdP sign-in only factors of a type the policy allows now count
// (internal/user/model/user_view.go MFATypesAllowed); forceMfaLocalOnly spares IdP
// sign-ins; forced MFA with no type allowed closes the path (auth_request.go
// mfaChecked, LOGIN-5Hm8s). Nothing is sent before the confirmation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserAndSignIns } from './harness.mjs';

const env = browserAndSignIns();

async function pageOf(user) {
  const emulator = await env.signIn(user);
  const page = await (await env.browser.newContext()).newPage();
  await page.goto(emulator.url);
  return { emulator, page };
}

async function dialogFor(user, trigger) {
  const { emulator, page } = await pageOf(user);
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

test('lena: forceMfaLocalOnly spares the IdP sign-in, which the dialog names', async () => {
  const { dialog, text } = await dialogFor('lena', 'Remove authenticator app');
  assert.equal(await dialog.getAttribute('data-severity'), 'warning');
  assert.match(text, /at your next sign-in with a password, you will have to set up a new one/);
  assert.match(text, /You can still sign in with your password and your identity provider/);
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
