// The size step: gzip -9 and brotli (quality 11) of each bundle the product ships,
// checked against size-budget.json. Exits non-zero when a bundle is over its budget or
// missing. A budget only ever goes down: lower it when a change makes room.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = new URL('..', import.meta.url).pathname;
const budgets = JSON.parse(readFileSync(process.env.SIZE_BUDGET_FILE ?? join(ROOT, 'size-budget.json'), 'utf8'));

/** Every file under `dir` whose name matches `pattern`, sub-folders included. */
function files(dir, pattern, recurse) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return recurse(name) ? files(path, pattern, () => true) : [];
    return pattern.test(name) ? [path] : [];
  });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let failed = false;
const toolchain = existsSync(join(ROOT, 'dist/TOOLCHAIN')) ? readFileSync(join(ROOT, 'dist/TOOLCHAIN'), 'utf8').trim() : 'unknown';
console.log(`built with: ${toolchain}`);
for (const [name, bundle] of Object.entries(budgets.bundles)) {
  const dir = join(ROOT, bundle.dir);
  // Snippets are JS the wasm imports; `pkg*` folders beside the page are other bundles.
  const found = files(dir, bundle.eachFile ? /\.json$/ : /\.(wasm|js|css)$/, (sub) => sub === 'snippets').filter((f) => !bundle.skip?.some((s) => f.endsWith(s)));
  if (found.length === 0) {
    console.log(`${name}: nothing built in ${bundle.dir}`);
    failed = true;
    continue;
  }
  let gzip = 0;
  let brotli = 0;
  let raw = 0;
  for (const file of found) {
    const bytes = readFileSync(file);
    const gz = gzipSync(bytes, { level: 9 }).length;
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    raw += bytes.length;
    gzip += gz;
    brotli += br;
    console.log(`  ${relative(ROOT, file).padEnd(62)} ${String(bytes.length).padStart(8)} B  ${String(gz).padStart(7)} gzip  ${String(br).padStart(7)} br`);
  }
  if (bundle.eachFile) {
    // Files loaded one at a time (a language): the largest must fit the budget.
    const largest = Math.max(...found.map((f) => gzipSync(readFileSync(f), { level: 9 }).length));
    const verdict = largest <= bundle.gzipBudgetKB * 1024 ? 'within' : 'OVER';
    console.log(`${name}: largest ${kb(largest)} gzip; budget ${bundle.gzipBudgetKB} KB gzip each: ${verdict}`);
    if (verdict === 'OVER') failed = true;
    continue;
  }
  const limit = bundle.gzipBudgetKB * 1024;
  const verdict = gzip <= limit ? 'within' : 'OVER';
  console.log(`${name}: ${kb(gzip)} gzip, ${kb(brotli)} brotli (${kb(raw)} raw); budget ${bundle.gzipBudgetKB} KB gzip: ${verdict}`);
  if (gzip > limit) failed = true;
}
if (failed) {
  console.error('size: a bundle is over its budget or missing (size-budget.json)');
  process.exit(1);
}
