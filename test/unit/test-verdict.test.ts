/**
 * The test signal itself (scripts/test-verdict.mjs, what `npm test` concludes): a stray
 * `.only`, a lost suite, an end-to-end phase that ran nothing and a newly skipped test each
 * turn the run red or change its closing line "N passed, N failed, N skipped". One real
 * mocha run proves the configuration forbids `.only`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  /** A whole green run: each suite 10 tests above its minimum (the package suite at it). */
  const counts = (): Record<'unit' | 'cli' | 'server' | 'package' | 'e2e', number> => ({
    unit: v.MINIMUMS.unit + 10, cli: v.MINIMUMS.cli + 10, server: v.MINIMUMS.server + 10, package: v.MINIMUMS.package, e2e: v.MINIMUMS.e2e + 10,
  });
  const sum = (): number => Object.values(counts()).reduce((a, b) => a + b, 0);
  const whole = (): VerdictModule.Verdict[] => {
    const n = counts();
    return [
      v.judge('unit', 'mocha', 0, mochaOut(n.unit)),
      v.judge('cli', 'mocha', 0, mochaOut(n.cli)),
      v.judge('server', 'mocha', 0, mochaOut(n.server)),
      v.judge('package', 'plain', 0, `vsix: ${n.package} passed, 0 failed\n`),
      v.judge('e2e', 'plain', 0, `e2e: ${n.e2e} passed, 0 failed, 0 skipped\n`),
    ];
  };

  it('a whole green run: green, and the closing line counts every suite', () => {
    const t = v.total(whole());
    assert.equal(t.line, `${sum()} passed, 0 failed, 0 skipped`);
    assert.equal(t.exitCode, 0);
  });

  it('a stray .only (mocha refuses to run): red, saying why', () => {
    const out = " Exception during run: Error: `.only` forbidden by --forbid-only\n  code: 'ERR_MOCHA_FORBIDDEN_EXCLUSIVITY'\n";
    const verdicts = whole();
    verdicts[0] = v.judge('unit', 'mocha', 1, out);
    const t = v.total(verdicts);
    assert.equal(t.exitCode, 1);
    assert.match(verdicts[0].problems.join('\n'), /\.only/);
    assert.equal(t.line, `${sum() - counts().unit} passed, 2 failed, 0 skipped`);
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
    verdicts[1] = v.judge('cli', 'mocha', 0, mochaOut(counts().cli - 1, 0, 1));
    const t = v.total(verdicts);
    assert.equal(t.line, `${sum() - 1} passed, 0 failed, 1 skipped`);
    assert.notEqual(t.line, v.total(whole()).line);
  });

  it('a suite that crashed after passing tests (non-zero exit, no failure counted): red', () => {
    const verdict = v.judge('unit', 'mocha', 7, mochaOut(counts().unit));
    assert.equal(verdict.failed, 1);
    assert.match(verdict.problems.join('\n'), /exited 7/);
  });

  describe('per file (scripts/test-minimums.json)', () => {
    const fileMinimums = { 'test/server/a.test.ts': 9, 'test/server/b.test.ts': 1, 'test/cli/c.test.ts': 4 };
    const server = (tally: Record<string, number> | null): VerdictModule.Verdict =>
      v.judge('server', 'mocha', 0, mochaOut(counts().server), { tally, fileMinimums });

    it('every file at or above its minimum: green; the other suites\' files are not its business', () => {
      const verdict = server({ 'test/server/a.test.ts': 9, 'test/server/b.test.ts': 3 });
      assert.deepEqual(verdict.problems, []);
      assert.equal(verdict.failed, 0);
    });

    it('a deleted test file (its suite still above its minimum): red, naming the file', () => {
      const verdict = server({ 'test/server/a.test.ts': 12 });
      assert.equal(verdict.failed, 1);
      assert.match(verdict.problems.join('\n'), /test\/server\/b\.test\.ts ran no test/);
      assert.equal(v.total([verdict]).exitCode, 1);
    });

    it('a file that lost tests below its minimum: red, naming the file and the minimum', () => {
      const verdict = server({ 'test/server/a.test.ts': 5, 'test/server/b.test.ts': 1 });
      assert.match(verdict.problems.join('\n'), /test\/server\/a\.test\.ts ran 5 tests, fewer than its 9/);
      assert.equal(v.total([verdict]).exitCode, 1);
    });

    it('a suite that wrote no tally (the plugin left out of .mocharc.json): red', () => {
      assert.match(server(null).problems.join('\n'), /no per-file tally/);
    });

    it('a new file without an entry: green, with a note naming it', () => {
      const verdict = server({ 'test/server/a.test.ts': 9, 'test/server/b.test.ts': 1, 'test/server/new.test.ts': 2 });
      assert.equal(verdict.failed, 0);
      assert.match(v.describeVerdict(verdict), /note: not yet in scripts\/test-minimums\.json: test\/server\/new\.test\.ts/);
    });

    it('the table names only files that exist, each with a minimum of at least 1', () => {
      const entries = Object.entries(v.FILE_MINIMUMS);
      assert.ok(entries.length > 0, 'scripts/test-minimums.json is empty');
      for (const [file, min] of entries) {
        assert.ok(existsSync(path.join(ROOT, file)), `${file} is in scripts/test-minimums.json but not in the repository`);
        assert.ok(Number.isInteger(min) && min >= 1, `${file}: ${min}`);
      }
    });
  });

  it('the repository\'s mocha configuration counts the tests of each file (a real mocha run)', function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'asr-tally-'));
    try {
      const file = path.join(dir, 'three.test.js');
      const tally = path.join(dir, 'tally.json');
      writeFileSync(file, "const assert = require('node:assert');\ndescribe('x', () => { it('a', () => assert.ok(1)); it('b', () => assert.ok(1)); it.skip('c', () => {}); });\n");
      const mocha = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
      const r = spawnSync(process.execPath, [mocha, '--config', path.join(ROOT, '.mocharc.json'), file], {
        cwd: ROOT, encoding: 'utf8', env: { ...process.env, ASR_TEST_TALLY: tally },
      });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const counted = JSON.parse(readFileSync(tally, 'utf8')) as Record<string, number>;
      const entries = Object.entries(counted);
      assert.equal(entries.length, 1, JSON.stringify(counted));
      assert.match(entries[0]?.[0] ?? '', /three\.test\.ts$/);
      assert.equal(entries[0]?.[1], 2, 'the skipped test is not counted as run');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
