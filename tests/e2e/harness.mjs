// Shared end-to-end plumbing: start the emulator on a free loopback port, launch the
// system Chromium through playwright-core, run axe-core, save screenshots.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { checkExchanges, parseExchangeLines } from '../proto/zitadel-types.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EMULATOR = process.env.EMULATOR_BIN ?? join(ROOT, 'target', 'debug', 'zitadel-emulator');
const DIST = process.env.DIST_DIR ?? join(ROOT, 'dist');
export const SCREENSHOTS = join(ROOT, 'test-results');

/**
 * Starts the emulator serving the built page; resolves once it listens. Every API
 * exchange it has is checked against ZITADEL's message types when it stops: `stop()`
 * rejects when a request or an answer is not ZITADEL's.
 */
export async function startEmulator(extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'zmm-exchanges-'));
  const exchanges = join(dir, 'exchanges.jsonl');
  // --dev-mode: the OpenID client's redirect URIs are http:// pages on this machine, which
  // ZITADEL accepts only for an app in development mode.
  const child = spawn(EMULATOR, ['--listen', '127.0.0.1:0', '--dist', DIST, '--exchanges', exchanges, '--dev-mode', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [, url] = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'emulator');
  const exited = new Promise((done) => child.once('exit', done));
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      let text = '';
      try {
        text = readFileSync(exchanges, 'utf8');
      } catch {
        // No API request reached it.
      }
      rmSync(dir, { recursive: true, force: true });
      const checked = checkExchanges(parseExchangeLines(text));
      console.log(`${checked.exchanges} exchanges of ${checked.operations.length} operations match ZITADEL's types`);
      if (checked.problems.length > 0) {
        throw new Error(`not ZITADEL's types:\n${checked.problems.join('\n')}`);
      }
    },
  };
}

/**
 * Starts an emulator and a browser before the calling file's tests and stops them after;
 * meanwhile they are `env.emulator` and `env.browser`.
 */
export function emulatorAndBrowser(extraArgs = []) {
  const env = {};
  before(async () => {
    env.emulator = await startEmulator(extraArgs);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.emulator?.stop();
  });
  return env;
}

/**
 * One browser for the file, and an emulator per signed-in user (`signIn(user)` starts one
 * whose page is signed in as `user`); all stopped after the file.
 */
export function browserAndSignIns() {
  const env = { emulators: [] };
  before(async () => {
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await Promise.all(env.emulators.map((e) => e.stop()));
  });
  env.signIn = async (user) => {
    const emulator = await startEmulator(['--demo-user', user]);
    env.emulators.push(emulator);
    return emulator;
  };
  return env;
}

/** A free loopback port (for tools that cannot listen on port 0 and tell). */
export async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/** Waits for a line matching `pattern` on a child's output; rejects if it exits first. */
function waitForOutput(child, pattern, what, timeoutMs = 30000) {
  const log = [];
  return new Promise((resolveMatch, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${log.join('')}`)), timeoutMs);
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${log.join('')}`)));
    const onData = (chunk) => {
      log.push(chunk.toString());
      const match = pattern.exec(log.join(''));
      if (match) {
        clearTimeout(timer);
        resolveMatch(match);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
}

const OPENAPI = join(ROOT, 'contract', 'zitadel-mfa-subset.swagger.json');

/**
 * Starts `prism proxy` in front of `upstream`: it validates every request and every
 * answer against ZITADEL's OpenAPI and reports violations in `sl-violations`.
 */
export async function startPrism(upstream) {
  const port = await freePort();
  const child = spawn(
    join(ROOT, 'node_modules', '.bin', 'prism'),
    ['proxy', OPENAPI, upstream, '--host', '127.0.0.1', '--port', String(port), '--verboseLevel', 'warn'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SCARF_ANALYTICS: 'false' } },
  );
  const exited = new Promise((done) => child.once('exit', done));
  const url = `http://127.0.0.1:${port}`;
  // Prism says nothing at level warn once it listens: poll until it answers.
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      await fetch(`${url}/auth/v1/users/me`);
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`prism did not start: ${error}`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Evaluates `read` on the focused element, looking through shadow roots. */
export async function focused(page, read) {
  const element = await page.evaluateHandle(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  });
  return element.evaluate(read);
}

/** Runs axe-core on the page (or on `selector`, looked up in the page and in the
 * widgets' shadow roots) and returns its violations. */
export async function axeViolations(page, selector) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (selector) => {
    let context = document;
    if (selector) {
      const host = [...document.querySelectorAll('*')].find((e) => e.shadowRoot?.querySelector(selector));
      host?.setAttribute('data-axe-host', '');
      context = host ? { include: [{ fromShadowDom: ['[data-axe-host]', selector] }] } : selector;
    }
    try {
      const result = await globalThis.axe.run(context, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      });
      // A selector that matched nothing would pass silently.
      if (!result.passes.length && !result.violations.length) throw new Error(`axe checked nothing in ${selector}`);
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) }));
    } finally {
      document.querySelector('[data-axe-host]')?.removeAttribute('data-axe-host');
    }
  }, selector ?? null);
}

/** Saves a screenshot in test-results/: the whole page, or the viewport (for dialogs). */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Holds back the answers to requests matching `glob` until the returned function is called. */
export async function holdBack(page, glob) {
  let release;
  const held = new Promise((done) => (release = done));
  await page.route(glob, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** The paths of the `…/_search` calls `page` makes from now on, as they leave. */
export function searchesAsked(page) {
  const asked = [];
  page.on('request', (r) => /_search$/.test(r.url()) && asked.push(new URL(r.url()).pathname));
  return asked;
}

/** Serves the stand-alone page (`/`, when navigated to) with `rewrite` applied to its HTML. */
export async function rewritePage(page, rewrite) {
  await page.route((url) => url.pathname === '/', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: rewrite(await response.text()) });
  });
}

/** The stand-alone page's own words around the widget: its lang, <title> and heading. */
export function pageWords(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    heading: document.querySelector('h1').textContent,
  }));
}
