// Rewrites scripts/test-minimums.json, the fewest tests each file of the unit, CLI and server
// suites must run, from the counts of the last `npm test` (out/test-tally/*.json, written by
// test/support/tally.ts): about 90 % of each file's count, at least 1.
//
// Run it after a green `npm test` when you delete, rename or shrink a test file on purpose, or
// to give new files an entry; commit the table with the change and say why in the commit.
//
//   npm test && node scripts/update-test-minimums.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileMinimumOf } from './test-verdict.mjs';

const SUITES = ['unit', 'cli', 'server'];
const table = {};
for (const suite of SUITES) {
  const file = `out/test-tally/${suite}.json`;
  if (!existsSync(file)) {
    console.error(`${file} is missing: run npm test first (the ${suite} suite writes it)`);
    process.exit(1);
  }
  for (const [name, count] of Object.entries(JSON.parse(readFileSync(file, 'utf8')))) table[name] = fileMinimumOf(count);
}
const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(new URL('./test-minimums.json', import.meta.url), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`scripts/test-minimums.json: ${Object.keys(sorted).length} files`);
