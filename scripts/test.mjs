// `npm test`: lint, type check, build, then every suite (unit, CLI, server, package, end-to-end
// in a real VS Code), and one closing line with the totals: "N passed, N failed, N skipped".
// What counts as a failure besides a failed test (a suite that ran nothing or fewer tests than
// its minimum, a `.only`, a crash) is decided in scripts/test-verdict.mjs.
//
// ASR_SKIP_E2E=1 skips the end-to-end suite (for a quick local run; CI never sets it): the
// summary says so, and the run can't be mistaken for a whole one.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { describeVerdict, judge, total } from './test-verdict.mjs';

const mochaArgs = (dir) => ['mocha', '--config', '.mocharc.json', `out/test/${dir}/**/*.test.js`];
const steps = [
  { name: 'lint', cmd: 'npx', args: ['eslint', '.'] },
  { name: 'typecheck+compile', cmd: 'npx', args: ['tsc', '-p', '.'] },
  { name: 'build', cmd: 'node', args: ['scripts/build.mjs'] },
  { name: 'unit', cmd: 'npx', args: mochaArgs('unit'), counts: 'mocha' },
  { name: 'cli', cmd: 'npx', args: mochaArgs('cli'), counts: 'mocha' },
  { name: 'server', cmd: 'npx', args: mochaArgs('server'), counts: 'mocha' },
  { name: 'package', cmd: 'node', args: ['scripts/check-vsix.mjs'], counts: 'plain' },
  { name: 'e2e', cmd: 'npm', args: ['run', '--silent', 'test:e2e'], counts: 'plain', skip: process.env.ASR_SKIP_E2E === '1' },
];

// tsc leaves the output of deleted or renamed sources in out/: their tests would still run.
for (const dir of ['out/src', 'out/test']) rmSync(dir, { recursive: true, force: true });
// The tests each mocha suite ran per file (test/support/tally.ts), judged against
// scripts/test-minimums.json; scripts/update-test-minimums.mjs reads them too.
const TALLY_DIR = 'out/test-tally';
rmSync(TALLY_DIR, { recursive: true, force: true });
mkdirSync(TALLY_DIR, { recursive: true });
const tallyFile = (step) => `${TALLY_DIR}/${step.name}.json`;

function run(step) {
  return new Promise((resolve) => {
    const started = Date.now();
    const env = step.counts === 'mocha' ? { ...process.env, ASR_TEST_TALLY: tallyFile(step) } : process.env;
    const child = spawn(step.cmd, step.args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    const take = (chunk, stream) => {
      const s = chunk.toString();
      out += s;
      stream.write(s);
    };
    child.stdout.on('data', (c) => take(c, process.stdout));
    child.stderr.on('data', (c) => take(c, process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, out, seconds: (Date.now() - started) / 1000 }));
  });
}

const verdicts = [];
const summary = [];
for (const step of steps) {
  if (step.skip) {
    summary.push(`${step.name}: NOT RUN (ASR_SKIP_E2E=1): this is not a whole run`);
    continue;
  }
  console.log(`\n=== ${step.name} ===`);
  const r = await run(step);
  if (step.counts) {
    const tally = step.counts !== 'mocha' ? undefined : existsSync(tallyFile(step)) ? JSON.parse(readFileSync(tallyFile(step), 'utf8')) : null;
    const v = judge(step.name, step.counts, r.code, r.out, { tally });
    verdicts.push(v);
    summary.push(describeVerdict(v, r.seconds));
    continue;
  }
  summary.push(`${step.name}: exit ${r.code} in ${r.seconds.toFixed(1)} s`);
  if (r.code !== 0) {
    // Lint, type or build errors: the suites would test stale code.
    verdicts.push({ name: step.name, passed: 0, failed: 1, skipped: 0, problems: [`exit ${r.code}`], notes: [], code: r.code });
    break;
  }
}

const t = total(verdicts);
console.log('\n=== summary ===');
for (const line of summary) console.log(line);
console.log(t.line);
process.exitCode = t.exitCode;
