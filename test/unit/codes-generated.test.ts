/**
 * One source for the code table: package.json's severity settings, the README's table and
 * the codes section of docs/format.md are generated from src/core/codes.ts (npm run generate),
 * and this fails when any of them drifts from it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CODES, codeHref } from '../../src/core/codes';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const generate = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'generate.mjs'), '--check', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('the code table, written once (src/core/codes.ts)', function () {
  this.timeout(60_000);

  it('package.json, the README and docs/format.md are as npm run generate writes them', () => {
    const r = generate();
    assert.equal(r.status, 0, r.stderr);
  });

  it('a hand edit of any of them is caught, naming the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'asr-codes-'));
    try {
      mkdirSync(path.join(dir, 'docs'));
      for (const f of ['package.json', 'README.md', 'docs/format.md']) cpSync(path.join(ROOT, f), path.join(dir, f));
      const edits: [string, (t: string) => string][] = [
        ['package.json', (t) => t.replace('TOP020 (default: warning)', 'TOP020 (default: error)')],
        ['README.md', (t) => t.replace("| A duplicate name in its namespace. |", '| Two things with one name. |')],
        ['docs/format.md', (t) => t.replace('### TOP061', '### TOP061 (IP addresses)')],
      ];
      for (const [file, edit] of edits) {
        const full = path.join(dir, file);
        const before = readFileSync(full, 'utf8');
        const after = edit(before);
        assert.notEqual(after, before, `the edit of ${file} changed nothing: the test is stale`);
        writeFileSync(full, after);
        const r = generate('--root', dir);
        assert.equal(r.status, 1, `${file} edited by hand, yet --check passed`);
        assert.match(r.stderr, new RegExp(file.replace('.', '\\.')));
        writeFileSync(full, before);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every code has a section in docs/format.md, which each diagnostic links to', () => {
    const md = readFileSync(path.join(ROOT, 'docs', 'format.md'), 'utf8');
    for (const c of CODES) {
      assert.ok(md.includes(`\n### ${c.code}\n`), `docs/format.md has no section for ${c.code}`);
      assert.equal(codeHref(c.code), `https://github.com/asr-topology/asr-topology-vscode/blob/main/docs/format.md#${c.code.toLowerCase()}`);
    }
  });

  it('no documentation points outside the repository (its users never see the spec folder)', () => {
    for (const f of ['README.md', 'docs/format.md', 'examples/README.md', 'docs/lsp.md']) {
      assert.doesNotMatch(readFileSync(path.join(ROOT, f), 'utf8'), /\.\.\/shared|shared\/spec/, f);
    }
  });
});
