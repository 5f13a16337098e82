// `make bench`: cold loads of the widget page and of a hand-written page making the same
// list calls, side by side, in one headless Chromium against the emulator on loopback.
// Prints medians of RUNS cold loads (a fresh browser context each), long tasks, the
// 200-factor user's render and removal, the bytes transferred, and RUNS loads of a
// returning visitor (one context, its caches filled). A benchmark, not a
// test: it asserts nothing about the figures.
import { readFileSync, writeFileSync, mkdtempSync, copyFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, startEmulator } from '../tests/e2e/harness.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const MANY = 200;
/** Loads that fill a returning visitor's caches before the counted ones. */
const WARM_UPS = 3;

/** The seed plus "max", a user with MANY factors (half passkeys, half security keys). */
function seedWithMany() {
  const seed = JSON.parse(readFileSync(join(ROOT, 'emulator/seed.json'), 'utf8'));
  const alice = seed.users.find((u) => u.userName === 'alice');
  const key = (prefix, i) => ({ id: `${prefix}${String(i).padStart(6, '0')}`, name: `Key ${i}` });
  seed.users.push({
    ...alice,
    id: '283746529384799999',
    userName: 'max',
    displayName: 'Max Many',
    about: `benchmark user with ${MANY} factors`,
    token: 'bench-max',
    passkeys: Array.from({ length: MANY / 2 }, (_, i) => key('2837465293847', i)),
    u2f: Array.from({ length: MANY / 2 }, (_, i) => key('2837465293848', i)),
    otp: undefined,
    otpSms: undefined,
    otpEmail: undefined,
  });
  const file = join(mkdtempSync(join(tmpdir(), 'zmm-bench-')), 'seed.json');
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

/** Records, in the page, when `expected` rows are first on screen and every long task. */
function watch({ expected }) {
  window.__bench = { listAt: null, goneAt: null, longTasks: [] };
  const rows = () => {
    const host = document.querySelector('[data-zitadel-mfa-manager]');
    const root = host?.shadowRoot ?? host;
    return Math.max(root ? root.querySelectorAll('.zmm-row').length : 0, document.querySelectorAll('li.row').length);
  };
  const seen = () => {
    const count = rows();
    if (window.__bench.listAt === null && count === expected) window.__bench.listAt = performance.now();
    if (window.__bench.clickAt && window.__bench.goneAt === null && count === expected - 1) window.__bench.goneAt = performance.now();
  };
  const observe = (root) => new MutationObserver(seen).observe(root, { subtree: true, childList: true });
  observe(document);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    observe(root);
    return root;
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push(Math.round(entry.duration));
  }).observe({ type: 'longtask', buffered: true });
}

/** Bytes over the wire for the page and everything it fetched (headers excluded). */
const transferred = (page) =>
  page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .reduce((sum, e) => sum + e.encodedBodySize, 0),
  );

async function coldLoad(browser, url, expected) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(watch, { expected });
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.listAt !== null, null, { timeout: 20000 });
  const { listAt, longTasks } = await page.evaluate(() => window.__bench);
  // When the first list call left: what came before it is loading and starting up.
  // When the first list call left, and when both list answers were in: before is
  // loading and starting up, after is rendering.
  const { firstCall, answered, wasmIn } = await page.evaluate(() => {
    const calls = performance.getEntriesByType('resource').filter((e) => /_search$/.test(e.name));
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return {
      firstCall: Math.min(...calls.map((e) => e.startTime)),
      answered: Math.max(...calls.map((e) => e.responseEnd)),
      wasmIn: wasm?.responseEnd ?? 0,
    };
  });
  return { context, page, listAt, firstCall, answered, wasmIn, longTasks, bytes: await transferred(page) };
}

/** A returning visitor: loads of `url` in one context, whose HTTP cache (and V8's cache
 * of the compiled wasm beside it) the first loads fill; `warmUps` loads are not counted,
 * each followed by a pause in which the browser may store the compiled code. */
async function returningVisitor(browser, url, expected) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(watch, { expected });
  return {
    async load() {
      await page.goto('about:blank');
      await page.goto(url);
      await page.waitForFunction(() => window.__bench.listAt !== null, null, { timeout: 20000 });
      return page.evaluate(() => window.__bench.listAt);
    },
    close: () => context.close(),
  };
}

/** Confirms the removal of the first row; the time until it is gone, minus the time the
 * browser waited for the emulator (the union of the API requests' request-to-response). */
async function removeFirst(page) {
  const button = page.getByRole('button', { name: /^Remove/ }).first();
  await button.click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  const confirm = dialog.getByRole('button', { name: /^Remove/ });
  await confirm.evaluate((b) => b.addEventListener('click', () => (window.__bench.clickAt = performance.now()), { capture: true }));
  await confirm.click();
  await page.waitForFunction(() => window.__bench.goneAt !== null, null, { timeout: 20000 });
  return page.evaluate(() => {
    const { clickAt, goneAt } = window.__bench;
    const spans = performance
      .getEntriesByType('resource')
      .filter((e) => e.initiatorType === 'fetch' && e.startTime >= clickAt && e.startTime <= goneAt)
      .map((e) => [e.requestStart || e.startTime, Math.min(e.responseEnd, goneAt)])
      .sort((a, b) => a[0] - b[0]);
    let server = 0;
    let end = -Infinity;
    for (const [from, to] of spans) {
      if (to <= end) continue;
      server += to - Math.max(from, end);
      end = to;
    }
    return { total: goneAt - clickAt, server };
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (v) => `${v.toFixed(1)} ms`;
const kb = (v) => `${(v / 1024).toFixed(1)} KB`;

async function expectedRows(url, token) {
  const call = async (path) =>
    (await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json();
  const passkeys = await call('/auth/v1/users/me/passwordless/_search');
  const factors = await call('/auth/v1/users/me/auth_factors/_search');
  return (passkeys.result ?? []).length + (factors.result ?? []).length;
}

async function main() {
  // The baseline page is served beside the widget's, from the same origin.
  const dist = process.env.DIST_DIR ?? join(ROOT, 'dist');
  mkdirSync(join(dist, 'bench'), { recursive: true });
  copyFileSync(join(ROOT, 'bench/baseline.html'), join(dist, 'bench/baseline.html'));
  const seed = seedWithMany();
  const alice = await startEmulator(['--seed', seed]);
  const many = await startEmulator(['--seed', seed, '--demo-user', 'max']);
  const browser = await launchBrowser();
  const results = { widget: [], baseline: [], many: [], removal: [], warmWidget: [], warmBaseline: [] };
  const aliceRows = await expectedRows(alice.url, 'demo-alice');
  const version = browser.version();
  try {
    // One warm-up of each, not counted (the OS file cache, the emulator's first answers).
    for (const url of [alice.url, `${alice.url}/bench/baseline.html#token=demo-alice`]) {
      (await coldLoad(browser, url, aliceRows)).context.close();
    }
    for (let run = 0; run < RUNS; run += 1) {
      // Alternate, so drift of the machine hits both alike.
      for (const [name, url] of [
        ['widget', alice.url],
        ['baseline', `${alice.url}/bench/baseline.html#token=demo-alice`],
      ]) {
        const load = await coldLoad(browser, url, aliceRows);
        results[name].push(load);
        await load.context.close();
      }
      await fetch(`${many.url}/__emulator/reset`, { method: 'POST' });
      const load = await coldLoad(browser, many.url, MANY);
      results.many.push(load);
      results.removal.push(await removeFirst(load.page));
      await load.context.close();
    }
    // Returning visitors: one context per page, warmed by three loads, then alternating.
    const visitors = {
      warmWidget: await returningVisitor(browser, alice.url, aliceRows),
      warmBaseline: await returningVisitor(browser, `${alice.url}/bench/baseline.html#token=demo-alice`, aliceRows),
    };
    for (let run = 0; run < RUNS + WARM_UPS; run += 1) {
      for (const [name, visitor] of Object.entries(visitors)) {
        const listAt = await visitor.load();
        if (run >= WARM_UPS) results[name].push(listAt);
        else await new Promise((done) => setTimeout(done, 3000));
      }
    }
    await Promise.all(Object.values(visitors).map((v) => v.close()));
  } finally {
    await browser.close();
    await alice.stop();
    await many.stop();
  }
  const report = [];
  const line = (text) => {
    report.push(text);
    console.log(text);
  };
  const widget = median(results.widget.map((r) => r.listAt));
  const baseline = median(results.baseline.map((r) => r.listAt));
  const longest = (loads) => Math.max(0, ...loads.flatMap((r) => r.longTasks));
  const withLong = (loads) => loads.filter((r) => r.longTasks.some((d) => d > 50)).length;
  const removal = results.removal;
  line(`bench: ${RUNS} cold loads each (fresh browser context), median; ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, Chromium ${version}`);
  line(`navigation → list rendered, widget page (alice, ${aliceRows} rows): ${ms(widget)}`);
  line(`navigation → list rendered, hand-written page (same calls, same rows): ${ms(baseline)}`);
  line(`ratio widget / hand-written: ${(widget / baseline).toFixed(2)}×`);
  // Loads alternate, so the ratio within each pair is less moved by the machine's drift.
  const pairs = results.widget.map((w, i) => w.listAt / results.baseline[i].listAt);
  line(`ratio within each pair of loads (widget, then hand-written), median: ${median(pairs).toFixed(2)}×`);
  const warm = median(results.warmWidget);
  const warmBase = median(results.warmBaseline);
  const warmPairs = results.warmWidget.map((w, i) => w / results.warmBaseline[i]);
  line(`returning visitor (same context, caches filled by ${WARM_UPS} loads): widget ${ms(warm)}, hand-written ${ms(warmBase)}, ratio ${(warm / warmBase).toFixed(2)}× (within pairs ${median(warmPairs).toFixed(2)}×)`);
  for (const [name, loads] of [['widget', results.widget], ['hand-written', results.baseline]]) {
    const wasmIn = median(loads.map((r) => r.wasmIn));
    line(`  ${name}: ${wasmIn ? `wasm in at ${ms(wasmIn)}, ` : ''}first list call sent at ${ms(median(loads.map((r) => r.firstCall)))}, both answered at ${ms(median(loads.map((r) => r.answered)))}, rows on screen ${ms(median(loads.map((r) => r.listAt - r.answered)))} later`);
  }
  line(`long tasks over 50 ms during load: widget ${withLong(results.widget)}/${RUNS} loads (longest ${longest(results.widget)} ms), hand-written ${withLong(results.baseline)}/${RUNS}`);
  line(`${MANY} factors: navigation → list rendered ${ms(median(results.many.map((r) => r.listAt)))}; long tasks over 50 ms in ${withLong(results.many)}/${RUNS} loads (longest ${longest(results.many)} ms)`);
  line(`${MANY} factors: confirm → row gone ${ms(median(removal.map((r) => r.total)))}, of which the emulator ${ms(median(removal.map((r) => r.server)))}; the widget's own ${ms(median(removal.map((r) => r.total - r.server)))}`);
  line(`bytes transferred (compressed, as served): widget page ${kb(median(results.widget.map((r) => r.bytes)))}, hand-written ${kb(median(results.baseline.map((r) => r.bytes)))}`);
  writeFileSync(join(ROOT, 'target', 'bench.txt'), `${report.join('\n')}\n`);
}

await main();
