// Shared end-to-end plumbing: start the emulator on a free loopback port, launch the
// system Chromium through playwright-core, run axe-core, save screenshots.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EMULATOR = process.env.EMULATOR_BIN ?? join(ROOT, 'target', 'debug', 'zitadel-emulator');
const DIST = process.env.DIST_DIR ?? join(ROOT, 'dist');
export const SCREENSHOTS = join(ROOT, 'test-results');

/** Starts the emulator serving the built page; resolves once it listens. */
export async function startEmulator(extraArgs = []) {
  const child = spawn(EMULATOR, ['--listen', '127.0.0.1:0', '--dist', DIST, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${log.join('')}`)), 15000);
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}:\n${log.join('')}`)));
    child.stderr.on('data', (chunk) => log.push(chunk.toString()));
    child.stdout.on('data', (chunk) => {
      log.push(chunk.toString());
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log.join(''));
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
  });
  const exited = new Promise((done) => child.once('exit', done));
  return {
    url,
    log,
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

/** Runs axe-core on the page (or on `selector`) and returns its violations. */
export async function axeViolations(page, selector) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (context) => {
    const result = await globalThis.axe.run(context ?? document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) }));
  }, selector ?? null);
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
