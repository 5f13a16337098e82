// Release builds compile English only and load another language's texts when a widget
// needs them (i18n/<tag>.json beside the package): the widget then appears in that
// language, never in English first; a file that does not come leaves it in English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emulatorAndBrowser, holdBack, pageWords, searchesAsked } from './harness.mjs';

const env = emulatorAndBrowser();

async function germanPage() {
  const context = await env.browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  const catalogues = [];
  page.on('request', (r) => {
    if (r.url().includes('/i18n/')) catalogues.push(new URL(r.url()).pathname);
  });
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && m.text().startsWith('zitadel-mfa-manager') && warnings.push(m.text()));
  return { context, page, catalogues, warnings };
}

const widgetText = (page) =>
  page.evaluate(() => {
    const host = [...document.querySelectorAll('*')].find((e) => e.shadowRoot);
    return (host?.shadowRoot ?? document.body).textContent;
  });

test('a German browser gets the German texts, loaded once, and no English before them', async () => {
  const { context, page, catalogues, warnings } = await germanPage();
  // Hold the file back a moment: meanwhile the widget must show nothing in English.
  const release = await holdBack(page, '**/i18n/de.json');
  const asked = searchesAsked(page);
  await page.goto(env.emulator.url);
  await page.waitForTimeout(400);
  const meanwhile = await widgetText(page);
  assert.ok(!/Security keys|Sign-in methods|Loading/.test(meanwhile), `English shown first: ${meanwhile}`);
  // Regression: the widget was blank meanwhile ("nothing ever blank"). Now its frame
  // shows, grey and busy, with the language's lang.
  const frame = await page.evaluate(() => {
    const host = [...document.querySelectorAll('*')].find((e) => e.shadowRoot);
    const root = (host?.shadowRoot ?? document).querySelector('.zmm');
    return root && { busy: root.getAttribute('aria-busy'), lang: root.lang, lines: root.querySelectorAll('.zmm-skeleton__line').length, rows: root.querySelectorAll('.zmm-skeleton__row').length };
  });
  assert.ok(frame, 'the widget shows its frame while the texts load');
  assert.deepEqual(frame, { busy: 'true', lang: 'de-DE', lines: 2, rows: 3 });
  // Regression: the list was asked for only once the texts were in, a round trip later.
  assert.deepEqual(asked.sort(), ['/auth/v1/users/me/auth_factors/_search', '/auth/v1/users/me/idps/_search', '/auth/v1/users/me/passwordless/_search'], 'the list and the IdP links are asked for while the texts load');
  release();
  await page.getByRole('heading', { name: 'Sicherheitsschlüssel' }).waitFor();
  const roots = await page.evaluate(() => {
    const host = [...document.querySelectorAll('*')].find((e) => e.shadowRoot);
    return [...host.shadowRoot.querySelectorAll('.zmm')].map((e) => e.getAttribute('aria-busy'));
  });
  assert.deepEqual(roots, [null], 'the frame gave way to the list');
  // Regression: the page's own heading, <title> and lang stayed English around a German
  // widget. They follow it, without fetching its texts a second time.
  await page.waitForFunction(() => document.documentElement.lang === 'de-DE');
  assert.deepEqual(await pageWords(page), { lang: 'de-DE', title: 'Anmeldemethoden', heading: 'Kontosicherheit' });
  assert.deepEqual(catalogues, ['/i18n/de.json']);
  assert.deepEqual(warnings, []);
  await context.close();
});

test('the package finds its language files beside itself', async () => {
  const { context, page, catalogues } = await germanPage();
  await page.goto(`${env.emulator.url}/portal/`);
  // The portal sets locale="en" and offers a switch.
  await page.getByRole('heading', { name: 'Security keys' }).waitFor();
  assert.deepEqual(catalogues, []);
  await page.locator('#language').selectOption('de');
  await page.getByRole('heading', { name: 'Sicherheitsschlüssel' }).waitFor();
  assert.deepEqual(catalogues, ['/pkg/i18n/de.json']);
  await context.close();
});

test('a language file that does not come leaves the widget in English and says why', async () => {
  const { context, page, warnings } = await germanPage();
  await page.route('**/i18n/de.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(env.emulator.url);
  await page.getByRole('heading', { name: 'Security keys' }).waitFor();
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /the de texts did not load from http:\/\/127\.0\.0\.1:\d+\/i18n\/de\.json \(HTTP 404\); English is shown/);
  // Regression: the English that stands in was marked German (lang="de-DE"), so screen
  // readers read it with German sounds.
  const lang = await page.evaluate(() => [...document.querySelectorAll('*')].find((e) => e.shadowRoot).shadowRoot.querySelector('.zmm').lang);
  assert.equal(lang, 'en');
  assert.deepEqual(await pageWords(page), { lang: 'en', title: 'Sign-in methods', heading: 'Account security' });
  await context.close();
});
