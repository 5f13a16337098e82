// The size step fails the build above a budget and when a bundle is missing (it runs
// on the built dist/, so this runs after the release build).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const SCRIPT = new URL('../../scripts/size.mjs', import.meta.url).pathname;

function sizeWith(bundles) {
  const file = join(mkdtempSync(join(tmpdir(), 'zmm-budget-')), 'budget.json');
  writeFileSync(file, JSON.stringify({ bundles }));
  return spawnSync('node', [SCRIPT], { env: { ...process.env, SIZE_BUDGET_FILE: file }, encoding: 'utf8' });
}

test('a bundle over its budget fails the step, and says which', () => {
  const run = sizeWith({ page: { dir: 'dist', gzipBudgetKB: 1 } });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /page: [\d.]+ KB gzip, [\d.]+ KB brotli .* budget 1 KB gzip: OVER/);
});

test('a bundle within its budget passes', () => {
  const run = sizeWith({ page: { dir: 'dist', gzipBudgetKB: 100000 } });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /budget 100000 KB gzip: within/);
});

test('a bundle that was not built fails the step', () => {
  const run = sizeWith({ gone: { dir: 'dist/not-built', gzipBudgetKB: 100000 } });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /gone: nothing built/);
});
