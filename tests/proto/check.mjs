// `node tests/proto/check.mjs FILE...`: checks the exchanges the emulator recorded
// (`--exchanges`, or EMULATOR_EXCHANGES in its API tests) against ZITADEL's message types.
import { readFileSync } from 'node:fs';
import { checkExchanges, parseExchangeLines } from './zitadel-types.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node tests/proto/check.mjs FILE...');
  process.exit(2);
}
const exchanges = files.flatMap((file) => parseExchangeLines(readFileSync(file, 'utf8')));
const { problems, operations } = checkExchanges(exchanges);
console.log(`${exchanges.length} exchanges of ${operations.length} ZITADEL operations checked against @zitadel/proto`);
console.log(`  ${operations.join('\n  ')}`);
for (const problem of problems.slice(0, 50)) console.error(problem);
if (problems.length > 0) {
  console.error(`${problems.length} problems`);
  process.exit(1);
}
