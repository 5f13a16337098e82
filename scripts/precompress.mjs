// Writes FILE.br (brotli, quality 11) and FILE.gz (gzip -9) beside each wasm, JS, CSS and
// JSON file under the given folders, as a host serves them precompressed (the emulator
// picks them by Accept-Encoding). Usage: node scripts/precompress.mjs DIR...
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(wasm|js|css|json)$/.test(name)) {
      const bytes = readFileSync(path);
      writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    }
  }
}

for (const dir of process.argv.slice(2)) walk(dir);
