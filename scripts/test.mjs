// `npm test`: lint, type check, build, then every suite (unit, CLI, server, end-to-end in a
// real VS Code), and one closing line with the totals: "N passed, N failed".
//
// ASR_SKIP_E2E=1 skips the end-to-end suite (for a quick local run; CI never sets it).
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

const steps = [
  { name: 'lint', cmd: 'npx', args: ['eslint', '.'] },
  { name: 'typecheck+compile', cmd: 'npx', args: ['tsc', '-p', '.'] },
  { name: 'build', cmd: 'node', args: ['scripts/build.mjs'] },
  { name: 'unit', cmd: 'npx', args: ['mocha', '--config', '.mocharc.json', 'out/test/unit/**/*.test.js'], counts: 'mocha' },
  { name: 'cli', cmd: 'npx', args: ['mocha', '--config', '.mocharc.json', 'out/test/cli/**/*.test.js'], counts: 'mocha', optionalGlob: 'out/test/cli' },
  { name: 'server', cmd: 'npx', args: ['mocha', '--config', '.mocharc.json', 'out/test/server/**/*.test.js'], counts: 'mocha', optionalGlob: 'out/test/server' },
  { name: 'package', cmd: 'node', args: ['scripts/check-vsix.mjs'], counts: 'plain' },
  { name: 'e2e', cmd: 'npm', args: ['run', '--silent', 'test:e2e'], counts: 'plain', skip: process.env.ASR_SKIP_E2E === '1' },
];

// tsc leaves the output of deleted or renamed sources in out/: their tests would still run.
for (const dir of ['out/src', 'out/test']) rmSync(dir, { recursive: true, force: true });

let passed = 0;
let failed = 0;
const summary = [];

function run(step) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(step.cmd, step.args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
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

function countsOf(kind, out) {
  // eslint-disable-next-line no-control-regex
  const text = out.replace(/\u001b\[[0-9;]*m/g, '');
  if (kind === 'mocha') {
    const p = /(\d+) passing/.exec(text);
    const f = /(\d+) failing/.exec(text);
    return { passed: p ? Number(p[1]) : 0, failed: f ? Number(f[1]) : 0 };
  }
  const lines = [...text.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)];
  const last = lines[lines.length - 1];
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : { passed: 0, failed: 0 };
}

let broken = false;
for (const step of steps) {
  if (step.skip) {
    summary.push(`${step.name}: skipped`);
    continue;
  }
  if (step.optionalGlob && !existsSync(step.optionalGlob)) {
    summary.push(`${step.name}: no tests`);
    continue;
  }
  console.log(`\n=== ${step.name} ===`);
  const r = await run(step);
  let line = `${step.name}: exit ${r.code} in ${r.seconds.toFixed(1)} s`;
  if (step.counts) {
    const c = countsOf(step.counts, r.out);
    passed += c.passed;
    failed += c.failed;
    // A suite that failed without counting a failure (crash, timeout) counts as one failure.
    if (r.code !== 0 && c.failed === 0) failed += 1;
    line += ` (${c.passed} passed, ${c.failed} failed)`;
  } else if (r.code !== 0) {
    failed += 1;
    broken = true;
  }
  summary.push(line);
  if (broken) break; // lint, type or build errors: the suites would test stale code
}

console.log('\n=== summary ===');
for (const line of summary) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
