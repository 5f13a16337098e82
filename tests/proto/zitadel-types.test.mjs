// The checker against ZITADEL's message types catches what it is there to catch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkExchange, operationOf } from './zitadel-types.mjs';

const POLICY = '/management/v1/policies/login';
const DETAILS = '{"details":{"sequence":"7","changeDate":"2025-10-01T12:00:00Z","resourceOwner":"o1"}}';

const exchange = (method, path, status, responseBody, requestBody = '') => ({ method, path, status, requestBody, responseBody });

test('the operations come from ZITADEL’s own HTTP annotations', () => {
  const cases = [
    ['POST', POLICY, 'zitadel.management.v1.ManagementService.AddCustomLoginPolicy'],
    ['DELETE', POLICY, 'zitadel.management.v1.ManagementService.ResetLoginPolicyToDefault'],
    ['POST', '/auth/v1/users/me/passwordless/_search', 'zitadel.auth.v1.AuthService.ListMyPasswordless'],
    ['DELETE', '/auth/v1/users/me/passwordless/123', 'zitadel.auth.v1.AuthService.RemoveMyPasswordless'],
    ['DELETE', '/v2/users/1/u2f/2', 'zitadel.user.v2.UserService.RemoveU2F'],
    ['POST', `${POLICY}/auth_factors/_search`, 'zitadel.management.v1.ManagementService.ListLoginPolicyMultiFactors'],
  ];
  for (const [method, path, name] of cases) assert.equal(operationOf(method, path)?.name, name, `${method} ${path}`);
  assert.equal(operationOf('DELETE', '/auth/v1/users/me/passwordless/_search')?.name, 'zitadel.auth.v1.AuthService.RemoveMyPasswordless');
  assert.equal(operationOf('GET', '/management/v1/nothing'), undefined);
});

test('a wrong field name in an answer is caught', () => {
  const right = '{"policy":{"forceMfa":true,"secondFactors":["SECOND_FACTOR_TYPE_OTP"],"passwordCheckLifetime":"0s"},"isDefault":true}';
  assert.deepEqual(checkExchange(exchange('GET', POLICY, 200, right)), []);
  const wrong = right.replace('secondFactors', 'secondFactor');
  const problems = checkExchange(exchange('GET', POLICY, 200, wrong));
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /GetLoginPolicyResponse/);
  assert.match(problems[0], /secondFactor/);
});

test('a wrong field name or enum name in a request body is caught', () => {
  const body = { forceMfa: true, secondFactors: ['SECOND_FACTOR_TYPE_U2F'], idps: [{ idpId: 'i1', ownerType: 'IDP_OWNER_TYPE_SYSTEM' }], passwordCheckLifetime: '864000s' };
  assert.deepEqual(checkExchange(exchange('POST', POLICY, 200, DETAILS, JSON.stringify(body))), []);
  const misnamed = JSON.stringify({ ...body, secondFactors: undefined, second_factor: ['SECOND_FACTOR_TYPE_U2F'] });
  const [problem] = checkExchange(exchange('POST', POLICY, 200, DETAILS, misnamed));
  assert.match(problem, /AddCustomLoginPolicyRequest/);
  assert.match(problem, /second_factor/);
  const unknownType = JSON.stringify({ ...body, secondFactors: ['SECOND_FACTOR_TYPE_PAPER'] });
  assert.match(checkExchange(exchange('POST', POLICY, 200, DETAILS, unknownType))[0], /SECOND_FACTOR_TYPE_PAPER/);
  const idpName = JSON.stringify({ ...body, idps: [{ idpId: 'i1', idpName: 'Google' }] });
  assert.match(checkExchange(exchange('POST', POLICY, 200, DETAILS, idpName))[0], /idpName/);
});

test('paths, bodies where none belong and unknown operations are caught', () => {
  const removeType = `${POLICY}/second_factors/SECOND_FACTOR_TYPE_OTP`;
  assert.deepEqual(checkExchange(exchange('DELETE', removeType, 200, DETAILS)), []);
  assert.deepEqual(checkExchange(exchange('DELETE', `${POLICY}/second_factors/1`, 200, DETAILS)), [], 'the gateway takes numbers');
  assert.match(checkExchange(exchange('DELETE', `${POLICY}/second_factors/OTP`, 200, DETAILS))[0], /OTP/);
  assert.match(checkExchange(exchange('DELETE', removeType, 200, DETAILS, '{}'))[0], /takes no body/);
  assert.match(checkExchange(exchange('GET', '/management/v1/users/1/mfa', 200, '{}'))[0], /no ZITADEL operation/);
  // A refused malformed request: only the answer is checked.
  const refused = '{"code":3,"message":"type mismatch, parameter: type, error: OTP is not valid"}';
  assert.deepEqual(checkExchange(exchange('DELETE', `${POLICY}/second_factors/OTP`, 400, refused)), []);
});

test('error answers are google.rpc.Status with ZITADEL’s ErrorDetail', () => {
  const zitadel = '{"code":5,"message":"Errors.User.NotFound (COMMAND-x)","details":[{"@type":"type.googleapis.com/zitadel.v1.ErrorDetail","id":"COMMAND-x","message":"Errors.User.NotFound"}]}';
  assert.deepEqual(checkExchange(exchange('DELETE', '/auth/v1/users/me/auth_factors/otp', 404, zitadel)), []);
  const wrongDetail = zitadel.replace('zitadel.v1.ErrorDetail', 'zitadel.v1.ErrorDetails');
  assert.match(checkExchange(exchange('DELETE', '/auth/v1/users/me/auth_factors/otp', 404, wrongDetail))[0], /ErrorDetails/);
  const wrongField = '{"code":5,"error":"not found"}';
  assert.match(checkExchange(exchange('DELETE', '/auth/v1/users/me/auth_factors/otp', 404, wrongField))[0], /google\.rpc\.Status/);
  assert.match(checkExchange(exchange('GET', '/auth/v1/users/me', 502, '<html>'))[0], /not JSON/);
});
