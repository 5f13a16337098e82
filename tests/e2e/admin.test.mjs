// Admin mode against the emulator: the seeded admin administers Gina of another
// organization (Globex) through the Management API with x-zitadel-orgid, and the
// organization's login settings; a non-admin gets the permission explained.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, emulatorAndBrowser, holdBack, screenshot, searchesAsked } from './harness.mjs';

const GINA = '283746529384750006';
const GLOBEX = '71203958304958201';
const ACME = '69629023906488334';
const env = emulatorAndBrowser();

async function openAdmin(as, api, of) {
  await fetch(`${env.emulator.url}/__emulator/reset`, { method: 'POST' });
  const page = await env.browser.newPage();
  const query = new URLSearchParams({ ...(as && { as }), ...(api && { api }), ...(of && { of }) });
  await page.goto(`${env.emulator.url}/admin?${query}`);
  return page;
}

const received = async () => (await fetch(`${env.emulator.url}/__emulator/requests`)).json();
const deletes = async () => (await received()).filter((r) => r.method === 'DELETE');

/** The login policy as ZITADEL answers it for `org`, read as the seeded admin. */
async function loginPolicy(org) {
  const answer = await fetch(`${env.emulator.url}/management/v1/policies/login`, {
    headers: { authorization: 'Bearer demo-admin', 'x-zitadel-orgid': org },
  });
  return answer.json();
}

async function confirmIn(page, trigger, confirmLabel, typed) {
  await page.getByRole('button', { name: trigger, exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  if (typed) await dialog.getByRole('textbox').fill(typed);
  const text = await dialog.textContent();
  await dialog.getByRole('button', { name: confirmLabel }).click();
  await dialog.waitFor({ state: 'detached' });
  return text;
}

test("an admin removes each kind of another organization's user's factors", async () => {
  const page = await openAdmin();
  await page.getByText('Passkeys and second factors of Gina Globex (gina@globex.example.com).').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'admin');
  const cases = [
    ['Remove passkey “Surface Hello”', 'Remove passkey', `passwordless/283746529384760001`],
    ['Remove security key “Titan Key”', 'Remove security key', `auth_factors/u2f/283746529384760101`],
    ['Remove SMS codes', 'Remove SMS codes', 'auth_factors/otp_sms'],
    ['Remove email codes', 'Remove email codes', 'auth_factors/otp_email'],
    ['Remove authenticator app', 'Remove authenticator app', 'auth_factors/otp'],
  ];
  for (const [trigger, confirm, path] of cases) {
    const said = await confirmIn(page, trigger, confirm);
    assert.match(said, /This user can still sign in with their password|this user will have to set up a new one/);
    await page.getByRole('button', { name: trigger, exact: true }).waitFor({ state: 'detached' });
    const last = (await deletes()).at(-1);
    assert.equal(last.path, `/management/v1/users/${GINA}/${path}`);
    assert.equal(last.orgId, GLOBEX, 'the emulator received x-zitadel-orgid');
    assert.equal(last.status, 200);
    assert.match(await page.locator('.zmm-result').first().textContent(), new RegExp(GLOBEX));
  }
});

test("an admin removes second-factor types from the organization's login settings", async () => {
  const page = await openAdmin();
  await page.getByRole('heading', { name: 'Second factors' }).waitFor();
  // Another type remains: a warning that every user loses it.
  const warning = await confirmIn(page, 'Remove Security key (U2F) from the login settings', 'Remove from login settings');
  assert.match(warning, /Every user of the organization loses “Security key \(U2F\)”/);
  let last = (await deletes()).at(-1);
  assert.equal(last.path, '/management/v1/policies/login/second_factors/SECOND_FACTOR_TYPE_U2F');
  assert.equal(last.orgId, GLOBEX);
  await page.getByRole('button', { name: 'Remove Security key (U2F) from the login settings' }).waitFor({ state: 'detached' });

  // MFA is forced in Globex and this is the last type: danger, typed confirmation.
  await page.getByRole('button', { name: 'Remove Authenticator app (TOTP) from the login settings' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('data-severity'), 'danger');
  assert.match(await dialog.textContent(), /nobody can set up a second factor any more/);
  assert.equal(await dialog.getByRole('button', { name: 'Remove from login settings' }).isDisabled(), true);
  assert.deepEqual(await axeViolations(page, '.zmm-dialog'), []);
  await screenshot(page, 'admin-policy-danger', { fullPage: false });
  await dialog.getByRole('textbox').fill('remove');
  await dialog.getByRole('button', { name: 'Remove from login settings' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('No second-factor type is allowed.').waitFor();
  last = (await deletes()).at(-1);
  assert.equal(last.path, '/management/v1/policies/login/second_factors/SECOND_FACTOR_TYPE_OTP');
});

// internal/command/org_policy_login.go: a type is removed only from an organization's
// own settings; one AddCustomLoginPolicy gives ACME its own, without that type.
test("removing a type from an organization on the instance's default gives it its own settings", async () => {
  const page = await openAdmin(undefined, undefined, 'pat');
  await page.getByText("This organization follows the instance's default login settings.").waitFor();
  const before = await loginPolicy(ACME);
  assert.equal(before.isDefault, true);
  const said = await confirmIn(page, 'Remove SMS codes from the login settings', 'Remove and use own settings');
  assert.match(said, /Every user of the organization loses “SMS codes”/);
  assert.match(said, /Later changes to the instance's default then no longer apply to this organization/);
  const result = await page.locator('.zmm-result').first().textContent();
  assert.match(result, /SMS codes removed/);
  assert.match(result, new RegExp(ACME), 'the details ZITADEL returned');
  await page.getByText("This organization follows the instance's default login settings.").waitFor({ state: 'detached' });

  const writes = (await received()).filter((r) => r.method !== 'GET' && !r.path.endsWith('/_search'));
  assert.deepEqual(writes.map((r) => `${r.method} ${r.path} ${r.orgId} ${r.status}`), [
    `POST /management/v1/policies/login ${ACME} 200`,
  ]);
  const after = await loginPolicy(ACME);
  assert.notEqual(after.isDefault, true, 'proto3 omits false');
  const { details: _d1, isDefault: _i1, ...kept } = before.policy;
  const { details: _d2, isDefault: _i2, ...now } = after.policy;
  assert.deepEqual(now, {
    ...kept,
    secondFactors: kept.secondFactors.filter((t) => t !== 'SECOND_FACTOR_TYPE_OTP_SMS'),
  });
  await page.close();
});

test('a user without a membership in the organization is told what is missing', async () => {
  // ZITADEL answers 404 AUTHZ-cdgFk "membership not found": a missing role, not a missing user.
  const page = await openAdmin('alice');
  const alerts = page.getByRole('alert');
  await alerts.nth(1).waitFor();
  const texts = await alerts.allTextContents();
  assert.equal(texts.length, 2, texts.join('\n'));
  for (const text of texts) {
    assert.match(text, /Permission denied/);
    assert.match(text, /HTTP 404/);
    assert.match(text, /AUTHZ-cdgFk/);
    assert.match(text, /You have no role in this organization/);
  }
  assert.equal(await page.getByRole('button', { name: /^Remove/ }).count(), 0, 'no action is offered');
  assert.equal((await deletes()).length, 0);
});

test('an admin removes factors through the User service v2', async () => {
  const page = await openAdmin(undefined, 'v2');
  await page.getByText('Passkeys and second factors of Gina Globex (gina@globex.example.com).').waitFor();
  await confirmIn(page, 'Remove passkey “Surface Hello”', 'Remove passkey');
  await confirmIn(page, 'Remove authenticator app', 'Remove authenticator app');
  const sent = (await deletes()).map((r) => `${r.path} ${r.orgId ?? 'no org header'}`);
  assert.deepEqual(sent, [
    `/v2/users/${GINA}/passkeys/283746529384760001 no org header`,
    `/v2/users/${GINA}/totp no org header`,
  ]);
});

test('the self-service bundle refuses admin options instead of showing the signed-in user as someone else', async () => {
  const page = await env.browser.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const asked = [];
  page.on('request', (r) => /\/(auth|management|v2)\//.test(new URL(r.url()).pathname) && asked.push(r.url()));
  // The stand-alone page (self service) with the admin page's options.
  await page.route(`${env.emulator.url}/`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('data-zitadel-mfa-manager', `data-zitadel-mfa-manager data-user-id="${GINA}" data-org-id="${GLOBEX}"`);
    await route.fulfill({ response, body: html });
  });
  await page.goto(env.emulator.url);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.waitForTimeout(300);
  assert.deepEqual(errors, [
    'zitadel-mfa-manager: admin mode (userId, orgSettings) is in the zitadel-mfa-manager-admin package, not in this one',
  ]);
  assert.deepEqual(asked, [], 'nothing was asked of ZITADEL');
  assert.equal(await page.getByRole('heading', { name: 'Passkeys' }).count(), 0);
  await page.close();
});

test('the admin page runs the admin package', async () => {
  const page = await openAdmin();
  const scripts = [];
  page.on('request', (r) => scripts.push(new URL(r.url()).pathname));
  await page.reload();
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  assert.ok(scripts.includes('/pkg-admin/zitadel-mfa-manager-admin_bg.wasm'), scripts.join('\n'));
  assert.equal(await page.title(), 'User administration');
  await page.close();
});

// Regression: in another language the panels were asked for only once the language file
// was in, a round trip later; now both panels' loads leave while it is on its way.
test("in German, both panels' loads leave while the language file is on its way", async () => {
  await fetch(`${env.emulator.url}/__emulator/reset`, { method: 'POST' });
  const context = await env.browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  const release = await holdBack(page, '**/pkg-admin/i18n/de.json');
  const asked = searchesAsked(page);
  await page.goto(`${env.emulator.url}/admin`);
  await page.waitForTimeout(400);
  assert.ok(asked.some((p) => p.endsWith('/passwordless/_search')), `the list is asked for: ${asked}`);
  assert.ok(asked.some((p) => p.startsWith('/management/v1/policies/login/')), `the organization's settings are asked for: ${asked}`);
  release();
  await page.getByRole('heading', { name: 'Sicherheitsschlüssel' }).first().waitFor();
  await context.close();
});
