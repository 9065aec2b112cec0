/**
 * The test signal itself (scripts/test-verdict.mjs, what `npm test` concludes): a stray
 * `.only`, a lost suite, an end-to-end phase that ran nothing and a newly skipped test each
 * turn the run red or change its closing line "N passed, N failed, N skipped". One real
 * mocha run proves the configuration forbids `.only`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as VerdictModule from '../../scripts/test-verdict.mjs' with { 'resolution-mode': 'import' };

const ROOT = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;
let v: typeof VerdictModule;

const mochaOut = (passing: number, failing = 0, pending = 0): string =>
  `\n  ${passing} passing (3s)\n${pending ? `  ${pending} pending\n` : ''}${failing ? `  ${failing} failing\n` : ''}`;

describe('npm test: the verdict and the closing line', () => {
  before(async () => {
    v = (await importEsm(pathToFileURL(path.join(ROOT, 'scripts', 'test-verdict.mjs')).href)) as typeof VerdictModule;
  });

  const whole = (): VerdictModule.Verdict[] => [
    v.judge('unit', 'mocha', 0, mochaOut(300)),
    v.judge('cli', 'mocha', 0, mochaOut(120)),
    v.judge('server', 'mocha', 0, mochaOut(90)),
    v.judge('package', 'plain', 0, 'vsix: 7 passed, 0 failed\n'),
    v.judge('e2e', 'plain', 0, 'e2e: 70 passed, 0 failed, 0 skipped\n'),
  ];

  it('a whole green run: green, and the closing line counts every suite', () => {
    const t = v.total(whole());
    assert.equal(t.line, '587 passed, 0 failed, 0 skipped');
    assert.equal(t.exitCode, 0);
  });

  it('a stray .only (mocha refuses to run): red, saying why', () => {
    const out = " Exception during run: Error: `.only` forbidden by --forbid-only\n  code: 'ERR_MOCHA_FORBIDDEN_EXCLUSIVITY'\n";
    const verdicts = whole();
    verdicts[0] = v.judge('unit', 'mocha', 1, out);
    const t = v.total(verdicts);
    assert.equal(t.exitCode, 1);
    assert.match(verdicts[0].problems.join('\n'), /\.only/);
    assert.match(t.line, /^287 passed, [1-9]\d* failed, 0 skipped$/);
  });

  it('a deleted suite (fewer tests than the minimum): red, naming the minimum', () => {
    const verdicts = whole();
    verdicts[2] = v.judge('server', 'mocha', 0, mochaOut(12));
    const t = v.total(verdicts);
    assert.equal(t.exitCode, 1);
    assert.match(verdicts[2].problems.join('\n'), new RegExp(`fewer than its ${v.MINIMUMS.server}`));
  });

  it('a suite that ran nothing, or printed no count: red', () => {
    for (const out of [mochaOut(0), 'Error: No test files found: "out/test/cli/**/*.test.js"\n']) {
      const verdict = v.judge('cli', 'mocha', out.startsWith('Error') ? 1 : 0, out);
      assert.ok(verdict.failed > 0, out);
      assert.equal(v.total([verdict]).exitCode, 1);
    }
  });

  it('an end-to-end phase with no tests (the runner counts it failed): red', () => {
    const out = '  ui: 0 passed, 1 failed, 0 skipped (ran no test: counted as a failure)\ne2e: 40 passed, 1 failed, 0 skipped\n';
    const verdicts = whole();
    verdicts[4] = v.judge('e2e', 'plain', 1, out);
    assert.equal(v.total(verdicts).exitCode, 1);
  });

  it('a newly skipped test: the closing line says so', () => {
    const verdicts = whole();
    verdicts[1] = v.judge('cli', 'mocha', 0, mochaOut(119, 0, 1));
    const t = v.total(verdicts);
    assert.equal(t.line, '586 passed, 0 failed, 1 skipped');
    assert.notEqual(t.line, v.total(whole()).line);
  });

  it('a suite that crashed after passing tests (non-zero exit, no failure counted): red', () => {
    const verdict = v.judge('unit', 'mocha', 7, mochaOut(300));
    assert.equal(verdict.failed, 1);
    assert.match(verdict.problems.join('\n'), /exited 7/);
  });

  it('the repository\'s mocha configuration refuses .only (a real mocha run)', function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'asr-only-'));
    try {
      const file = path.join(dir, 'only.test.js');
      writeFileSync(file, "describe('x', () => { it.only('a', () => {}); it('b', () => {}); });\n");
      const mocha = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
      const r = spawnSync(process.execPath, [mocha, '--config', path.join(ROOT, '.mocharc.json'), file], { cwd: ROOT, encoding: 'utf8' });
      assert.notEqual(r.status, 0, `mocha ran a .only: ${r.stdout}`);
      const verdict = v.judge('unit', 'mocha', r.status ?? 1, r.stdout + r.stderr);
      assert.match(verdict.problems.join('\n'), /\.only/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
