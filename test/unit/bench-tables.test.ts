/**
 * One source for the benchmark figures: the tables of the README's Speed section and of
 * docs/performance.md are copied from bench/results/ by `npm run bench`
 * (scripts/bench-tables.mjs); this fails when they drift.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const copy = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench-tables.mjs'), '--check', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('the benchmark figures, written once (bench/results/)', function () {
  this.timeout(60_000);

  it("the README's and docs/performance.md's tables are bench/results/typing.md's and latest.md's", () => {
    const r = copy();
    assert.equal(r.status, 0, r.stderr);
  });

  it('a hand edit of a figure in the README is caught', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'asr-bench-tables-'));
    try {
      mkdirSync(path.join(dir, 'bench'));
      mkdirSync(path.join(dir, 'docs'));
      cpSync(path.join(ROOT, 'docs', 'performance.md'), path.join(dir, 'docs', 'performance.md'));
      cpSync(path.join(ROOT, 'bench', 'results'), path.join(dir, 'bench', 'results'), { recursive: true });
      const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      const row = /^\| 10,000 \| new-vm \| .*$/m.exec(readme);
      assert.ok(row, 'the README shows the 10,000-VM new-vm row');
      writeFileSync(path.join(dir, 'README.md'), readme.replace(row[0], row[0].replace(/\| \d+ \/ \d+ \|/, '| 1 / 2 |')));
      const r = copy('--root', dir);
      assert.equal(r.status, 1, `exit ${String(r.status)}: ${r.stderr}`);
      assert.match(r.stderr, /^README\.md: benchmark tables differ/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
