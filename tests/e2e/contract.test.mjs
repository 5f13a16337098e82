// Every operation of ZITADEL's OpenAPI, successes and errors, sent through `prism proxy`
// to the emulator: the requests (as the widget's routes build them) and the emulator's
// answers must both validate. Then the real page's own requests take the same path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { launchBrowser, startEmulator, startPrism } from './harness.mjs';

let emulator;
let prism;

before(async () => {
  emulator = await startEmulator();
  prism = await startPrism(emulator.url);
});

after(async () => {
  await prism?.stop();
  await emulator?.stop();
});

const ALICE = '283746529384750001';
const GINA = '283746529384750006';
const IDA = '283746529384750005';
const LENA = '283746529384750012';
const GLOBEX = '71203958304958201';
const ME = '/auth/v1/users/me';
const POLICY = '/management/v1/policies/login';
const AS_ADMIN_IN_GLOBEX = { token: 'demo-admin', org: GLOBEX };

// [method, path, who, expected status, body]; removals come after the reads of the same user.
const CALLS = [
  ['GET', ME, { token: 'demo-alice' }, 200],
  ['POST', `${ME}/auth_factors/_search`, { token: 'demo-alice' }, 200],
  ['POST', `${ME}/auth_factors/_search`, { token: 'demo-nora' }, 200],
  ['POST', `${ME}/passwordless/_search`, { token: 'demo-alice' }, 200],
  ['GET', '/auth/v1/policies/login', { token: 'demo-alice' }, 200],
  ['POST', `${ME}/idps/_search`, { token: 'demo-ida' }, 200, '{}'],
  ['DELETE', `${ME}/idps/251438001923849217/google-0005`, { token: 'demo-ida' }, 200],
  ['DELETE', `${ME}/idps/251438001923849217/google-0005`, { token: 'demo-ida' }, 404],
  ['DELETE', `${ME}/auth_factors/otp`, { token: 'demo-alice' }, 200],
  ['DELETE', `${ME}/auth_factors/otp`, { token: 'demo-alice' }, 404],
  ['DELETE', `${ME}/auth_factors/otp_sms`, { token: 'demo-alice' }, 200],
  ['DELETE', `${ME}/auth_factors/otp_email`, { token: 'demo-alice' }, 200],
  ['DELETE', `${ME}/auth_factors/u2f/283746529384756123`, { token: 'demo-alice' }, 200],
  ['DELETE', `${ME}/passwordless/283746529384756999`, { token: 'demo-alice' }, 200],
  ['POST', `${ME}/auth_factors/_search`, {}, 401],
  ['POST', `${ME}/auth_factors/_search`, { token: 'expired' }, 401],

  ['GET', `/management/v1/users/${GINA}`, AS_ADMIN_IN_GLOBEX, 200],
  ['POST', `/management/v1/users/${GINA}/auth_factors/_search`, AS_ADMIN_IN_GLOBEX, 200],
  ['POST', `/management/v1/users/${GINA}/passwordless/_search`, AS_ADMIN_IN_GLOBEX, 200],
  ['POST', `/management/v1/users/${IDA}/idps/_search`, { token: 'demo-admin' }, 200, '{}'],
  ['DELETE', `/management/v1/users/${LENA}/idps/251438001923849217/google-0012`, AS_ADMIN_IN_GLOBEX, 404],
  ['DELETE', `/management/v1/users/${GINA}/auth_factors/otp`, AS_ADMIN_IN_GLOBEX, 200],
  ['DELETE', `/management/v1/users/${GINA}/auth_factors/otp_sms`, AS_ADMIN_IN_GLOBEX, 200],
  ['DELETE', `/management/v1/users/${GINA}/auth_factors/otp_email`, AS_ADMIN_IN_GLOBEX, 200],
  ['DELETE', `/management/v1/users/${GINA}/auth_factors/u2f/283746529384760101`, AS_ADMIN_IN_GLOBEX, 200],
  ['DELETE', `/management/v1/users/${GINA}/passwordless/283746529384760001`, AS_ADMIN_IN_GLOBEX, 200],
  ['DELETE', `/management/v1/users/${GINA}/passwordless/283746529384760001`, AS_ADMIN_IN_GLOBEX, 404],
  // No membership in the organization: ZITADEL's 404 AUTHZ-cdgFk; a membership
  // without the permission: 403 (internal/api/authz/).
  ['POST', `/management/v1/users/${ALICE}/auth_factors/_search`, { token: 'demo-alice' }, 404],
  ['DELETE', `/management/v1/users/${ALICE}/auth_factors/otp`, { token: 'demo-victor' }, 403],
  ['GET', POLICY, AS_ADMIN_IN_GLOBEX, 200],
  ['POST', `${POLICY}/second_factors/_search`, AS_ADMIN_IN_GLOBEX, 200],
  ['POST', `${POLICY}/auth_factors/_search`, AS_ADMIN_IN_GLOBEX, 200],
  ['DELETE', `${POLICY}/second_factors/SECOND_FACTOR_TYPE_OTP`, AS_ADMIN_IN_GLOBEX, 200],
  ['DELETE', `${POLICY}/second_factors/SECOND_FACTOR_TYPE_OTP`, AS_ADMIN_IN_GLOBEX, 404],
  ['DELETE', `${POLICY}/multi_factors/MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION`, AS_ADMIN_IN_GLOBEX, 200],
  ['DELETE', `${POLICY}/second_factors/SECOND_FACTOR_TYPE_OTP_SMS`, { token: 'demo-alice' }, 404],
  ['DELETE', `${POLICY}/second_factors/SECOND_FACTOR_TYPE_OTP_SMS`, { token: 'demo-victor' }, 403],

  ['POST', '/__emulator/reset', {}, 200],
  ['GET', `/v2/users/${GINA}`, { token: 'demo-admin' }, 200],
  ['GET', `/v2/users/${GINA}/authentication_methods`, { token: 'demo-admin' }, 200],
  ['POST', `/v2/users/${GINA}/authentication_factors/_search`, { token: 'demo-admin' }, 200],
  ['POST', `/v2/users/${GINA}/passkeys/_search`, { token: 'demo-admin' }, 200, '{}'],
  ['POST', `/v2/users/${IDA}/links/_search`, { token: 'demo-admin' }, 200, '{}'],
  ['POST', `/v2/users/${IDA}/links/_search`, { token: 'demo-gina' }, 404, '{}'],
  ['DELETE', `/v2/users/${IDA}/links/251438001923849217/google-0005`, { token: 'demo-admin' }, 200, '{}'],
  ['DELETE', `/v2/users/${GINA}/totp`, { token: 'demo-admin' }, 200],
  ['DELETE', `/v2/users/${GINA}/otp_sms`, { token: 'demo-admin' }, 200],
  ['DELETE', `/v2/users/${GINA}/otp_email`, { token: 'demo-admin' }, 200],
  ['DELETE', `/v2/users/${GINA}/u2f/283746529384760101`, { token: 'demo-admin' }, 200],
  ['DELETE', `/v2/users/${GINA}/passkeys/283746529384760001`, { token: 'demo-admin' }, 200],
  ['DELETE', `/v2/users/${GINA}/passkeys/283746529384760001`, { token: 'demo-admin' }, 404],
  ['GET', `/v2/users/${GINA}`, { token: 'demo-alice' }, 404],
];

function headersFor({ token, org }, body) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (org) headers['x-zitadel-orgid'] = org;
  if (body) headers['content-type'] = 'application/json';
  return headers;
}

test('every operation and its errors validate against the OpenAPI', async () => {
  const covered = new Set();
  for (const [method, path, who, expected, body] of CALLS) {
    // The test controls are not ZITADEL's: they go to the emulator directly.
    const base = path.startsWith('/__emulator') ? emulator.url : prism.url;
    const response = await fetch(`${base}${path}`, { method, headers: headersFor(who, body), body });
    const text = await response.text();
    assert.equal(response.status, expected, `${method} ${path}: ${text}`);
    assert.equal(response.headers.get('sl-violations'), null, `${method} ${path} violates the contract`);
    covered.add(`${method} ${path.replace(/\d{17,18}|google-\d+/g, '{id}').replace(/SECOND_FACTOR_TYPE_\w+|MULTI_FACTOR_TYPE_\w+/, '{type}')}`);
  }
  // Every operation of the OpenAPI was exercised.
  const spec = JSON.parse(readFileSync(new URL('../../contract/zitadel-mfa-subset.swagger.json', import.meta.url)));
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{id}')}`),
  );
  const normalized = [...covered].map((c) => c.replace('{type}', '{id}'));
  const missing = operations.filter((op) => !normalized.includes(op));
  assert.deepEqual(missing, [], 'operations never called');
  assert.equal(operations.length, 37);
});

// Proves the check above bites: an answer and a request that break the contract are flagged.
test('prism flags an answer and a request that break the contract', async () => {
  await fetch(`${emulator.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'html' }),
  });
  const html = await fetch(`${prism.url}${ME}/auth_factors/_search`, {
    method: 'POST',
    headers: headersFor({ token: 'demo-alice' }),
  });
  assert.match(html.headers.get('sl-violations') ?? '', /text\/html/);
  const badBody = await fetch(`${prism.url}/v2/users/${GINA}/passkeys/_search`, {
    method: 'POST',
    headers: headersFor({ token: 'demo-admin' }, '[]'),
    body: '[]',
  });
  assert.match(badBody.headers.get('sl-violations') ?? '', /Request body must be object/);
});

test("the page's own requests and the answers it gets validate against the OpenAPI", async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const checked = [];
    // Send the page's API calls through Prism on their way to the emulator.
    await page.route(/\/(auth|management|v2)\//, async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const response = await route.fetch({ url: `${prism.url}${url.pathname}${url.search}` });
      checked.push({ call: `${request.method()} ${url.pathname}`, violations: response.headers()['sl-violations'] });
      await route.fulfill({ response });
    });
    await page.goto(emulator.url);
    await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
    // The account context arrives after the list: wait until every call went through.
    await page.waitForLoadState('networkidle');
    const calls = checked.map((c) => c.call);
    assert.ok(calls.some((c) => c.startsWith('GET /v2/users/')), JSON.stringify(calls));
    assert.equal(calls.length, 6, JSON.stringify(calls));
    assert.deepEqual(checked.filter((c) => c.violations), []);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  } finally {
    await browser.close();
  }
});
