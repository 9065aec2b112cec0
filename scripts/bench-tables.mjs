// The last benchmark run's tables, copied where they are shown (README.md's Speed section,
// docs/performance.md): bench/results/typing.md (scripts/bench-typing.mjs) between
// <!-- bench:typing:start --> and <!-- bench:typing:end -->, bench/results/latest.md
// (scripts/bench.mjs) between <!-- bench:latest:start --> and <!-- bench:latest:end -->. The
// results files are the source; `npm run bench` runs this last.
// `--check` writes nothing and exits 1 naming the files whose copies differ (npm test runs it
// through test/unit/bench-tables.test.ts). `--root DIR` works on another copy.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const check = args.includes('--check');
const rootArg = args.indexOf('--root');
const ROOT = rootArg >= 0 ? path.resolve(args[rootArg + 1] ?? '.') : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A results file without its title line: what the README shows of it. */
function body(file) {
  const lines = readFileSync(path.join(ROOT, 'bench', 'results', file), 'utf8').trimEnd().split('\n');
  return (lines[0]?.startsWith('# ') ? lines.slice(1) : lines).join('\n').trim();
}

/** Where the tables are shown: each file, and the tables it shows. */
const SHOWN = [['README.md', ['typing', 'latest']], [path.join('docs', 'performance.md'), ['typing']]];
const FILES = { typing: 'typing.md', latest: 'latest.md' };

const differ = [];
for (const [rel, names] of SHOWN) {
  const full = path.join(ROOT, rel);
  const before = readFileSync(full, 'utf8');
  let after = before;
  for (const name of names) {
    const start = `<!-- bench:${name}:start -->`;
    const end = `<!-- bench:${name}:end -->`;
    const i = after.indexOf(start);
    const j = after.indexOf(end);
    if (i < 0 || j < i) {
      console.error(`${rel}: no ${start} ... ${end}`);
      process.exit(2);
    }
    const note = `<!-- Copied from bench/results/${FILES[name]} by npm run bench (scripts/bench-tables.mjs). -->`;
    after = `${after.slice(0, i + start.length)}\n${note}\n${body(FILES[name])}\n${after.slice(j)}`;
  }
  if (after === before) continue;
  differ.push(rel);
  if (!check) writeFileSync(full, after);
}
if (check && differ.length > 0) {
  console.error(`${differ.join(', ')}: benchmark tables differ from bench/results/ (run node scripts/bench-tables.mjs)`);
  process.exit(1);
}
if (!check && differ.length > 0) console.log(`${differ.join(', ')}: benchmark tables copied from bench/results/`);
