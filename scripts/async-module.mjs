// Makes the module script trunk writes into a page `async`: a deferred module waits for
// the document to be parsed and for every stylesheet before it runs, so the wasm's
// compiling started only after both (about 10 ms later in `make bench`'s cold loads).
// The page's Rust waits for `DOMContentLoaded` itself (`page::mount_page`). The script's
// text is unchanged, so a hash of it in a Content-Security-Policy still holds.
import { readFileSync, writeFileSync } from 'node:fs';

for (const page of process.argv.slice(2)) {
  const html = readFileSync(page, 'utf8');
  const tags = html.match(/<script type="module">/g) ?? [];
  if (tags.length !== 1) {
    throw new Error(`${page}: expected one <script type="module">, found ${tags.length}`);
  }
  writeFileSync(page, html.replace('<script type="module">', '<script type="module" async>'));
}
