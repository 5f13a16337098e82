// Removing factors through the served page, against the emulator: the request the
// emulator received, the row gone, the details shown; friction that follows the risk.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, browserAndSignIns, focused, screenshot } from './harness.mjs';

const env = browserAndSignIns();

/** A fresh emulator whose page is signed in as `user`, and a page on it. */
async function signedInAs(user, options = {}) {
  const emulator = await env.signIn(user);
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(emulator.url);
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  return { emulator, page };
}

async function received(emulator) {
  return (await fetch(`${emulator.url}/__emulator/requests`)).json();
}

const dialog = (page) => page.getByRole('alertdialog');

async function removeThroughDialog(page, label, confirmLabel) {
  await page.getByRole('button', { name: label }).click();
  await dialog(page).waitFor();
  assert.equal(await focused(page, (el) => el.textContent.trim()), 'Cancel');
  await dialog(page).getByRole('button', { name: confirmLabel }).click();
  await dialog(page).waitFor({ state: 'detached' });
}

test('the demo user removes one factor of each kind', async () => {
  const { emulator, page } = await signedInAs('alice');
  const cases = [
    ['Remove passkey “Pixel 8”', 'Remove passkey', 'DELETE /auth/v1/users/me/passwordless/283746529384757001'],
    ['Remove security key “YubiKey 5C”', 'Remove security key', 'DELETE /auth/v1/users/me/auth_factors/u2f/283746529384756123'],
    ['Remove authenticator app', 'Remove authenticator app', 'DELETE /auth/v1/users/me/auth_factors/otp'],
    ['Remove SMS codes', 'Remove SMS codes', 'DELETE /auth/v1/users/me/auth_factors/otp_sms'],
    ['Remove email codes', 'Remove email codes', 'DELETE /auth/v1/users/me/auth_factors/otp_email'],
  ];
  for (const [label, confirmLabel, request] of cases) {
    await removeThroughDialog(page, label, confirmLabel);
    // The row is gone and focus went back to the list's heading.
    await page.getByRole('button', { name: label }).waitFor({ state: 'detached' });
    assert.equal(await focused(page, (el) => el.textContent), 'Sign-in methods');
    const deletes = (await received(emulator)).filter((r) => r.method === 'DELETE');
    assert.equal(`${deletes.at(-1).method} ${deletes.at(-1).path}`, request);
    assert.equal(deletes.filter((r) => r.path === deletes.at(-1).path).length, 1, 'exactly one DELETE');
    const result = page.locator('.zmm-result');
    assert.match(await result.textContent(), /removed/);
    assert.match(await result.textContent(), /69629023906488334/);
  }
  const details = await page.locator('.zmm-details').textContent();
  assert.match(details, /Change number\s*5/);
  assert.match(await page.locator('.zmm-details time').getAttribute('datetime'), /^\d{4}-\d\d-\d\dT.*Z$/);
  assert.equal(await page.getByRole('status').filter({ hasText: 'Removed' }).textContent(), 'Removed email codes.');
  await screenshot(page, 'after-removals');
  assert.deepEqual(await axeViolations(page), []);
});

test('removing the last passkey of a passwordless-only user needs its name typed', async () => {
  const { emulator, page } = await signedInAs('pat');
  await page.getByRole('button', { name: 'Remove passkey “iPhone 15”' }).click();
  const open = dialog(page);
  await open.waitFor();
  assert.match(await open.textContent(), /will not be able to sign in at all/);
  const confirm = open.getByRole('button', { name: 'Remove passkey' });
  assert.equal(await confirm.isDisabled(), true);
  const input = open.getByLabel('To confirm, type iPhone 15');
  await input.fill('iphone 15');
  assert.equal(await confirm.isDisabled(), true, 'a near miss does not unlock it');
  assert.deepEqual(await axeViolations(page, '.zmm-dialog'), []);
  await screenshot(page, 'dialog-danger', { fullPage: false });
  await input.fill('iPhone 15');
  assert.equal(await confirm.isDisabled(), false);
  await confirm.click();
  await open.waitFor({ state: 'detached' });
  await page.getByText('No passkeys yet.').waitFor();
  const deletes = (await received(emulator)).filter((r) => r.method === 'DELETE');
  assert.deepEqual(deletes.map((r) => r.path), ['/auth/v1/users/me/passwordless/283746529384758001']);
});

test('forced MFA: removing the last second factor is a warning in bold', async () => {
  const { emulator, page } = await signedInAs('frank');
  await page.getByRole('button', { name: 'Remove authenticator app' }).click();
  const open = dialog(page);
  await open.waitFor();
  const bold = await open.locator('strong').first().textContent();
  assert.match(bold, /requires a second factor and this is the last one/);
  assert.match(await open.textContent(), /You can still sign in with your password\./);
  assert.equal(await open.getAttribute('data-severity'), 'warning');
  assert.deepEqual(await axeViolations(page, '.zmm-dialog'), []);
  await screenshot(page, 'dialog-warning', { fullPage: false });
  // Escape cancels: nothing is sent, focus returns to the trigger.
  await page.keyboard.press('Escape');
  await open.waitFor({ state: 'detached' });
  assert.equal(await focused(page, (el) => el.getAttribute('aria-label')), 'Remove authenticator app');
  assert.equal((await received(emulator)).filter((r) => r.method === 'DELETE').length, 0);
});

test('the info dialog in light and dark, and on a 320 px screen', async () => {
  for (const [scheme, viewport, name] of [
    ['light', { width: 1280, height: 900 }, 'dialog-info-light'],
    ['dark', { width: 320, height: 720 }, 'dialog-info-dark-320'],
  ]) {
    const { page } = await signedInAs('alice', { colorScheme: scheme, viewport });
    await page.getByRole('button', { name: 'Remove security key “YubiKey 5C”' }).click();
    const open = dialog(page);
    await open.waitFor();
    assert.equal(await open.getAttribute('data-severity'), 'info');
    assert.match(await open.textContent(), /You can still sign in with your password, your passkeys/);
    assert.deepEqual(await axeViolations(page, '.zmm-dialog'), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: page scrolls sideways by ${overflow}px`);
    await screenshot(page, name, { fullPage: false });
  }
});

test('a removal that fails shows the error inside the dialog and keeps the list', async () => {
  const { emulator, page } = await signedInAs('alice');
  await fetch(`${emulator.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'DELETE', status: 503 }),
  });
  await page.getByRole('button', { name: 'Remove authenticator app' }).click();
  await dialog(page).getByRole('button', { name: 'Remove authenticator app' }).click();
  const alert = dialog(page).getByRole('alert');
  await alert.waitFor();
  // A 503 leaves open whether it happened: the list loaded again says it did not.
  assert.match(await alert.textContent(), /Not removed/);
  assert.match(await alert.textContent(), /still shows it/);
  assert.match(await alert.textContent(), /HTTP 503/);
  // The user decides to try again: a second, deliberate confirmation succeeds.
  await dialog(page).getByRole('button', { name: 'Remove authenticator app' }).click();
  await dialog(page).waitFor({ state: 'detached' });
  const deletes = (await received(emulator)).filter((r) => r.method === 'DELETE');
  assert.deepEqual(deletes.map((r) => r.status), [503, 200]);
});

test('removed, but the answer was lost: the list loaded again tells the truth', async () => {
  const { emulator, page } = await signedInAs('alice');
  // The emulator removes the factor, then answers 502 as a failing proxy would.
  await fetch(`${emulator.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'DELETE', status: 502, body: 'html', after: true }),
  });
  await page.getByRole('button', { name: 'Remove authenticator app' }).click();
  await dialog(page).getByRole('button', { name: 'Remove authenticator app' }).click();
  await dialog(page).waitFor({ state: 'detached' });
  const result = await page.locator('.zmm-result').textContent();
  assert.match(result, /Authenticator app removed/);
  assert.match(result, /answer did not arrive/);
  assert.equal(await page.getByRole('button', { name: 'Remove authenticator app' }).count(), 0);
  const deletes = (await received(emulator)).filter((r) => r.method === 'DELETE');
  assert.deepEqual(deletes.map((r) => r.status), [502], 'one DELETE');
});

test('a removed factor stays hidden while the list still lags behind', async () => {
  const { emulator, page } = await signedInAs('alice');
  await fetch(`${emulator.url}/__emulator/lag`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ms: 4000 }),
  });
  await removeThroughDialog(page, 'Remove passkey “MacBook Touch ID”', 'Remove passkey');
  // The refetch after the removal still lists it (the projection lags): it stays hidden.
  await page.waitForLoadState('networkidle');
  const lists = (await received(emulator)).filter((r) => r.path.endsWith('/passwordless/_search'));
  assert.ok(lists.length >= 2, 'the list was loaded again after the removal');
  assert.equal(await page.getByRole('button', { name: 'Remove passkey “MacBook Touch ID”' }).count(), 0);
  // Pixel 8 is left (the unfinished passkey is not listed: ZITADEL lists READY ones only).
  assert.equal(await page.getByRole('list', { name: 'Passkeys' }).getByRole('listitem').count(), 1);
});

// Issue 23: every way in is on the list. A linked account is removed as safely as a
// factor: the verdict, one DELETE (RemoveMyLinkedIDP), the row gone, axe clean.
test('ida removes her link to Google: her passkey still signs her in', async () => {
  const { emulator, page } = await signedInAs('ida');
  const group = page.getByRole('heading', { name: 'Linked accounts' });
  await group.waitFor();
  await page.waitForLoadState('networkidle');
  const label = 'Remove linked account “Google (ida.external@gmail.com)”';
  await page.getByRole('button', { name: label }).click();
  await dialog(page).waitFor();
  assert.equal(await dialog(page).getAttribute('data-severity'), 'info');
  assert.match(await dialog(page).textContent(), /You can still sign in with your passkey “Work laptop”/);
  assert.deepEqual(await axeViolations(page), []);
  await dialog(page).getByRole('button', { name: 'Remove linked account' }).click();
  await dialog(page).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: label }).waitFor({ state: 'detached' });
  await page.getByText('No linked accounts.').waitFor();
  const deletes = (await received(emulator)).filter((r) => r.method === 'DELETE');
  assert.deepEqual(
    deletes.map((r) => r.path),
    ['/auth/v1/users/me/idps/251438001923849217/google-0005'],
    'exactly one DELETE',
  );
  assert.match(await page.locator('.zmm-result').textContent(), /removed/);
});

test('iggy: the link to Google is the last way in, a lockout to type for', async () => {
  const { emulator, page } = await signedInAs('iggy');
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Remove linked account “Google (iggy@gmail.com)”' }).click();
  await dialog(page).waitFor();
  assert.equal(await dialog(page).getAttribute('data-severity'), 'danger');
  assert.match(
    await dialog(page).textContent(),
    /This is the last way to sign in to your account: after removing the link to Google, you will not be able to sign in at all\./,
  );
  const confirm = dialog(page).getByRole('button', { name: 'Remove linked account' });
  assert.equal(await confirm.isDisabled(), true);
  await dialog(page).getByLabel('To confirm, type Google').fill('Google');
  assert.equal(await confirm.isDisabled(), false);
  assert.deepEqual((await received(emulator)).filter((r) => r.method === 'DELETE'), []);
});

test("uma: a link to an IdP the settings do not list is said to sign nobody in with the hosted login", async () => {
  const { page } = await signedInAs('uma');
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Remove linked account “Okta (uma@okta.example.com)”' }).click();
  await dialog(page).waitFor();
  const text = await dialog(page).textContent();
  assert.equal(await dialog(page).getAttribute('data-severity'), 'info');
  assert.match(text, /do not offer Okta, so ZITADEL's hosted login does not sign you in with it/);
  assert.match(text, /You can still sign in with your passkey “Galaxy S24”/);
});
