// The example portal at /portal/: it embeds the package's custom element with a token
// function, themes it, switches its language and hears its events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, emulatorAndBrowser, screenshot } from './harness.mjs';

const env = emulatorAndBrowser();

async function openPortal() {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const sessions = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/portal/session')) sessions.push(r.url());
  });
  await page.goto(`${env.emulator.url}/portal/`);
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  return { page, context, errors, sessions };
}

const events = (page) => page.locator('#events li').allTextContents();

test('the portal embeds the element with a token function and passes axe', async () => {
  const { page, context, errors, sessions } = await openPortal();
  assert.ok(sessions.length >= 1, 'getToken asked the portal backend');
  // The token came through the function: nothing of it is in the DOM.
  const html = await page.content();
  assert.ok(!html.includes('demo-alice'), 'the token is not in the page');
  assert.equal(await page.locator('zitadel-mfa-manager').getAttribute('access-token'), null);
  // The page's brand reached the widget through its public custom property.
  const accent = await page.locator('.zmm-row__remove').first().evaluate((e) => getComputedStyle(e).color);
  assert.equal(accent, 'rgb(15, 118, 110)');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'portal-light');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the portal switches language and theme', async () => {
  const { page, context } = await openPortal();
  await page.getByLabel('Language').selectOption('de');
  await page.getByRole('heading', { name: 'Anmeldemethoden' }).waitFor();
  assert.equal(await page.locator('section.zmm').first().getAttribute('lang'), 'de');
  await page.getByRole('button', { name: 'Sicherheitsschlüssel „YubiKey 5C“ entfernen' }).waitFor();

  await page.getByLabel('Theme').selectOption('dark');
  await page.locator('section.zmm[data-theme="dark"]').waitFor();
  const colors = await page.locator('section.zmm').first().evaluate((e) => {
    const style = getComputedStyle(e);
    return [style.color, style.backgroundColor];
  });
  assert.deepEqual(colors, ['rgb(236, 238, 242)', 'rgb(22, 26, 34)']);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'portal-dark-de');

  await page.getByLabel('Language').selectOption('ja');
  await page.getByRole('heading', { name: 'サインイン方法' }).waitFor();
  await context.close();
});

test('the portal hears before-remove and removed; its veto and its own question decide', async () => {
  const { page, context } = await openPortal();
  const before = (await (await fetch(`${env.emulator.url}/__emulator/requests`)).json()).length;

  await page.getByLabel('Veto every removal').check();
  await page.getByRole('button', { name: 'Remove email codes' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove email codes' }).click();
  await page.locator('#events li[data-event="vetoed"]').waitFor();
  const log = await (await fetch(`${env.emulator.url}/__emulator/requests`)).json();
  assert.equal(log.slice(before).filter((r) => r.method === 'DELETE').length, 0, 'a veto sends nothing');

  // The portal asks its own question: "no" sends nothing, "yes" removes.
  await page.getByLabel('Veto every removal').uncheck();
  await page.getByLabel("Ask the portal's own question first").check();
  const question = page.getByRole('dialog', { name: 'Acme asks too' });
  await page.getByRole('button', { name: 'Remove email codes' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove email codes' }).click();
  await question.getByRole('button', { name: 'No, keep it' }).click();
  await page.getByRole('alertdialog').waitFor({ state: 'detached' });
  const afterNo = await (await fetch(`${env.emulator.url}/__emulator/requests`)).json();
  assert.equal(afterNo.slice(before).filter((r) => r.method === 'DELETE').length, 0, 'the portal said no');

  await page.getByRole('button', { name: 'Remove email codes' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove email codes' }).click();
  await question.getByRole('button', { name: 'Yes, go ahead' }).click();
  await page.locator('#events li[data-event="removed"]').waitFor();
  const heard = await events(page);
  assert.match(heard[0], /^Removed otp_email “Email codes” \(change \d+, \d{4}-\d\d-\d\dT/);
  assert.match(heard[1], /^The portal's question: yes/);
  assert.match(heard[2], /^Asked to remove otp_email/);
  const afterYes = await (await fetch(`${env.emulator.url}/__emulator/requests`)).json();
  assert.equal(afterYes.slice(before).filter((r) => r.method === 'DELETE').length, 1, 'one DELETE after yes');
  await context.close();
});
