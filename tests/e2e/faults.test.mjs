// The fault matrix: every kind of failure the emulator can inject, on each of the two
// list calls, on the reload after a removal, and on the DELETE (plus faults that strike after the
// change was made). Each case must end with the list the widget shows equal to the
// server's, one DELETE per confirmation, and no success or failure claimed that the
// server contradicts. Prints `N/N cases`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emulatorAndBrowser } from './harness.mjs';

const env = emulatorAndBrowser();
// The page's time limit for the matrix: a time-out case costs about a second.
const TIME_LIMIT_MS = 1000;
const FACTORS = '/auth/v1/users/me/auth_factors/_search';
const PASSKEYS = '/auth/v1/users/me/passwordless/_search';
const TOTP = '/auth/v1/users/me/auth_factors/otp';

const FAULTS = {
  400: { status: 400 },
  401: { status: 401 },
  403: { status: 403 },
  404: { status: 404 },
  409: { status: 409 },
  429: { status: 429 },
  500: { status: 500 },
  502: { status: 502 },
  503: { status: 503 },
  504: { status: 504 },
  'time-out': { delayMs: TIME_LIMIT_MS * 2.5 },
  'dropped connection': { drop: true },
  'HTML 200': { status: 200, body: 'html' },
  'empty 200': { status: 200, body: 'empty' },
  'malformed JSON': { status: 200, body: 'malformed' },
};
// Only a change can be made and then lose its answer.
const AFTER_CHANGE = {
  'removed, then 502': { after: true, status: 502, body: 'html' },
  'removed, then HTML 200': { after: true, status: 200, body: 'html' },
  'removed, then dropped': { after: true, drop: true },
  'removed, then too late': { after: true, delayMs: TIME_LIMIT_MS * 2.5 },
};

const control = (path, method, body) =>
  fetch(`${env.emulator.url}/__emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });

/** What the server holds for alice, counted per kind as the widget groups them. */
async function serverCounts() {
  const ask = async (path) =>
    (await fetch(`${env.emulator.url}${path}`, { method: 'POST', headers: { authorization: 'Bearer demo-alice' } })).json();
  const second = (await ask(FACTORS)).result ?? [];
  const passkeys = (await ask(PASSKEYS)).result ?? [];
  return {
    passkey: passkeys.length,
    u2f: second.filter((f) => f.u2f).length,
    totp: second.filter((f) => f.otp).length,
    otp_sms: second.filter((f) => f.otpSms).length,
    otp_email: second.filter((f) => f.otpEmail).length,
  };
}

/** The rows the widget shows (in its shadow root), per kind. */
const shownCounts = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('[data-zitadel-mfa-manager]').shadowRoot;
    const counts = {};
    for (const kind of ['passkey', 'u2f', 'totp', 'otp_sms', 'otp_email']) {
      counts[kind] = root.querySelectorAll(`section.zmm-group[data-kind="${kind}"] li.zmm-row`).length;
    }
    return counts;
  });

async function openPage() {
  const page = await env.browser.newPage();
  // The DELETEs the page sends. (Not the emulator's count: when a reused keep-alive
  // connection closes before any answer, Chromium itself sends the request again.)
  page.deletesSent = 0;
  page.on('request', (request) => {
    if (request.method() === 'DELETE') page.deletesSent += 1;
  });
  await page.route(`${env.emulator.url}/`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('data-zitadel-mfa-manager', `data-timeout-ms="${TIME_LIMIT_MS}" data-zitadel-mfa-manager`);
    await route.fulfill({ response, body: html });
  });
  page.setDefaultTimeout(8000);
  await page.goto(env.emulator.url);
  return page;
}

/**
 * Waits for the list or its error, and recovers as a user would: Retry where offered,
 * else a reload of the page.
 */
async function untilListed(page) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const listed = page.locator('section.zmm-group').first();
    const failed = page.locator('.zmm-load-error');
    await Promise.race([listed.waitFor(), failed.waitFor()]);
    if (!(await failed.isVisible())) return;
    const retry = failed.getByRole('button', { name: 'Retry' });
    if (await retry.count()) await retry.click();
    else await page.reload();
  }
  throw new Error('the list never loaded');
}

/** Removes the authenticator app once; returns what the widget said. */
async function removeTotp(page) {
  await page.getByRole('button', { name: 'Remove authenticator app' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Remove authenticator app' }).click();
  const alert = dialog.getByRole('alert');
  await Promise.race([dialog.waitFor({ state: 'detached', timeout: 8000 }), alert.waitFor({ timeout: 8000 })]);
  if (await dialog.isVisible()) {
    const said = await alert.textContent();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    return { said, claimed: null };
  }
  const said = await page.locator('.zmm-result').textContent();
  return { said, claimed: /removed/.test(said) ? 'removed' : null };
}

/** One case: returns a failure message, or null when it held. */
async function runCase(target, name, fault) {
  await control('/reset', 'POST');
  let page;
  try {
    let confirmations = 0;
    let outcome = null;
    if (target.startsWith('list')) {
      await control('/faults', 'POST', { path: target === 'list of factors' ? FACTORS : PASSKEYS, ...fault });
      page = await openPage();
      await untilListed(page);
    } else {
      page = await openPage();
      await untilListed(page);
      if (target === 'reload') {
        await control('/faults', 'POST', { path: FACTORS, ...fault });
      } else {
        await control('/faults', 'POST', { method: 'DELETE', path: TOTP, ...fault });
      }
      outcome = await removeTotp(page);
      confirmations += 1;
      await untilListed(page);
    }
    await page.waitForLoadState('networkidle');
    const server = await serverCounts();
    const shown = await shownCounts(page);
    if (JSON.stringify(server) !== JSON.stringify(shown)) {
      return `shows ${JSON.stringify(shown)}, server has ${JSON.stringify(server)}`;
    }
    if (page.deletesSent !== confirmations) return `${page.deletesSent} DELETEs for ${confirmations} confirmations`;
    if (outcome?.claimed === 'removed' && server.totp !== 0) return `said removed, server still has it: ${outcome.said}`;
    if (/Not removed/.test(outcome?.said ?? '') && server.totp === 0) return `said not removed, server removed it: ${outcome.said}`;
    return null;
  } catch (error) {
    return String(error.message ?? error).split('\n')[0];
  } finally {
    await page?.close();
  }
}

test('every fault on every call ends with the server’s list and one DELETE per confirmation', async () => {
  const cases = [];
  for (const target of ['list of factors', 'list of passkeys', 'reload', 'delete']) {
    for (const [name, fault] of Object.entries(FAULTS)) cases.push([target, name, fault]);
  }
  for (const [name, fault] of Object.entries(AFTER_CHANGE)) cases.push(['delete', name, fault]);
  const failures = [];
  for (const [target, name, fault] of cases) {
    const failure = await runCase(target, name, fault);
    if (failure) failures.push(`${target} × ${name}: ${failure}`);
  }
  console.log(`fault matrix: ${cases.length - failures.length}/${cases.length} cases`);
  assert.deepEqual(failures, []);
});
