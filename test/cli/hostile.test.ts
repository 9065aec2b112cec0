/**
 * The hostile corpus (test/hostile-corpus.ts) through the real CLI: `node dist/cli.js check
 * FILE --format json` gives a clear diagnostic (the expected TOP001/TOP002), the right exit
 * code, nothing on stderr (no stack trace), complete JSON, within a time bound.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, ROOT } from './helpers';
import { committed, GENERATED, meets, unlisted, type HostileInput } from '../hostile-corpus';

/** Per file, node's start-up included; generous for 2 slow cores (the largest takes about 2 s). */
const BOUND_MS = 20_000;

interface JsonReport {
  files: { file: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[];
}

describe('the CLI on hostile input', function () {
  this.timeout(BOUND_MS + 10_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'asr-hostile-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has an expectation for every committed hostile file', () => {
    assert.deepEqual(unlisted(), []);
  });

  const check = (input: HostileInput): void => {
    const file = path.join(dir, input.name.replace(/[^\w.-]+/g, '_'));
    writeFileSync(file, input.bytes());
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [CLI, 'check', file, '--format', 'json'], {
      cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30, timeout: BOUND_MS,
    });
    const ms = Date.now() - t0;
    assert.equal(r.error, undefined, `${input.name}: ${String(r.error)}`);
    assert.ok(ms < BOUND_MS, `${input.name}: took ${ms} ms`);
    assert.equal(r.stderr, '', `${input.name}: nothing on stderr (no stack trace)`);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.files.length, 1);
    const ds = report.files[0]!.diagnostics;
    const codes = ds.map((d) => d.code);
    assert.ok(meets(input.expect, codes), `${input.name}: expected ${input.expect}, got ${[...new Set(codes)].join(', ') || 'nothing'}`);
    const errors = ds.some((d) => d.severity === 'error');
    assert.equal(r.status, errors ? 1 : 0, `${input.name}: exit code`);
    for (const d of ds) {
      assert.ok(d.message.trim().length > 0 && d.message.length < 2000, `${input.name}: a short, clear message`);
      const { start, end } = d.range;
      assert.ok(start.line >= 0 && start.character >= 0 && (end.line > start.line || (end.line === start.line && end.character >= start.character)),
        `${input.name}: range ${JSON.stringify(d.range)}`);
    }
  };

  describe('committed files (test/fixtures/bad, test/fixtures/hostile)', () => {
    for (const input of committed()) it(input.name, () => { check(input); });
  });

  describe('large inputs generated at test time', () => {
    for (const input of GENERATED) it(input.name, () => { check(input); });
  });
});
