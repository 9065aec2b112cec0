/**
 * Edits never lose text: every quick fix offered for every diagnostic, and a rename of every
 * named thing, on every example (examples/*.topology.yaml, examples/diagnostics/*.topology.yaml),
 * asked of the real server and applied. After each: the file still parses (no new TOP001 or
 * TOP002), every comment survives, the edits replace only the node they are about (a rename or
 * a did-you-mean replaces exactly a name; a new mapping is inserted as whole lines, deleting
 * nothing), and the diagnostic the fix targeted is gone.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { analyze, type Analysis } from '../../src/core/analysis';
import type { DiagnosticCode } from '../../src/core/types';
import { LspClient, ROOT } from './client';
import { applyEdits, offsetAt, positionAt } from './text';

const EXAMPLES = [
  ...readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.topology.yaml')),
  ...readdirSync(path.join(ROOT, 'examples', 'diagnostics')).filter((f) => f.endsWith('.topology.yaml')).map((f) => `diagnostics/${f}`),
].sort();

let counter = 0;
const uriFor = (name: string): string =>
  pathToFileURL(path.join(ROOT, 'test', 'fixtures', 'server', `edits-${++counter}-${name.replace(/[^\w.-]+/g, '_')}`)).href;

/** Comment lines and trailing comments, as written (a multiset). */
function comments(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t.startsWith('#')) out.push(t);
    else {
      // Quoted scalars may hold ' #': take them out first ('' is an escaped quote inside '...').
      const bare = line.replace(/'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"/g, (q) => 'q'.repeat(q.length));
      const m = /\s#.*$/.exec(bare);
      if (m) out.push(line.slice(m.index + 1));
    }
  }
  return out.sort();
}

function count(a: Analysis, codes: readonly DiagnosticCode[]): number {
  return a.diagnostics.filter((d) => codes.includes(d.code)).length;
}

/** Checks shared by fixes and renames: parses, keeps comments, touches only what it says. */
function assertKeepsText(label: string, before: string, edits: readonly TextEdit[]): { after: string; a: Analysis } {
  const after = applyEdits(before, edits);
  const a0 = analyze(before);
  const a = analyze(after);
  assert.ok(count(a, ['TOP001']) <= count(a0, ['TOP001']), `${label}: a new TOP001`);
  assert.ok(count(a, ['TOP002']) <= count(a0, ['TOP002']), `${label}: a new TOP002: ${a.diagnostics.filter((d) => d.code === 'TOP002').map((d) => d.message).join('; ')}`);
  assert.deepEqual(comments(after), comments(before), `${label}: the comments survive`);
  for (const e of edits) {
    const s = offsetAt(before, e.range.start);
    const end = offsetAt(before, e.range.end);
    if (s === end) {
      // An insertion: whole lines, at a line boundary.
      assert.ok(s === 0 || before[s - 1] === '\n' || e.newText.startsWith('\n') || s === before.length, `${label}: an insertion inside a line at ${s}`);
    } else {
      // A replacement: exactly one scalar (a name, maybe quoted), on one line.
      const old = before.slice(s, end);
      assert.ok(!old.includes('\n') && !old.includes('#'), `${label}: replaces more than a name: ${JSON.stringify(old)}`);
      assert.ok(!e.newText.includes('\n'), `${label}: a replacement adds lines: ${JSON.stringify(e.newText)}`);
    }
  }
  return { after, a };
}

describe('edits through the server never lose text', function () {
  this.timeout(120_000);
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ settings: {} });
  });
  after(async () => {
    await client.stop();
  });

  for (const example of EXAMPLES) {
    describe(example, () => {
      const text = readFileSync(path.join(ROOT, 'examples', example), 'utf8');

      it('every quick fix of every diagnostic', async () => {
        const uri = uriFor(example);
        const published = await client.openAndWait(uri, text);
        let fixes = 0;
        for (const d of published.diagnostics) {
          const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri }, range: d.range, context: { diagnostics: [d] },
          });
          for (const action of actions) {
            const targeted: Diagnostic | undefined = action.diagnostics?.[0];
            if (!targeted || targeted.code !== d.code) continue;
            const edits = action.edit?.changes?.[uri] ?? [];
            assert.ok(edits.length > 0, `${action.title}: has an edit`);
            const label = `${example}: ${String(d.code)} '${action.title}'`;
            const { after, a } = assertKeepsText(label, text, edits);
            // The targeted diagnostic is gone: none of its code on its node (shifted by insertions before it).
            let start = offsetAt(text, d.range.start);
            for (const e of edits) {
              const s = offsetAt(text, e.range.start);
              const end = offsetAt(text, e.range.end);
              if (s === end && s <= start) start += e.newText.length;
            }
            const still = a.diagnostics.filter((x) => x.code === d.code && x.span.start === start);
            assert.deepEqual(still.map((x) => x.message), [], `${label}: the diagnostic is gone from ${JSON.stringify(positionAt(after, start))}`);
            fixes++;
          }
        }
        await client.close(uri);
        console.log(`      ${fixes} quick fixes applied`);
        // Checked on every example, those without a fixable diagnostic too: the core says which
        // diagnostics carry a fix, and each of them must have given at least one applied edit.
        const fixable = analyze(text).diagnostics.filter((d) => d.fix && (d.fix.kind === 'rename' ? d.fix.suggestions.length : d.fix.targets.length) > 0);
        assert.equal(published.diagnostics.length, analyze(text).diagnostics.length, `${example}: every diagnostic was published`);
        assert.ok(fixes >= fixable.length, `${example}: ${fixes} fixes applied for ${fixable.length} fixable diagnostics`);
        if (fixable.length === 0) assert.equal(fixes, 0, `${example}: a fix was offered for a diagnostic that has none`);
      });

      it('a rename of every named thing', async () => {
        const uri = uriFor(example);
        await client.openAndWait(uri, text);
        const defs = analyze(text).resolution.definitions.filter((e) => e.name);
        const seen = new Set<number>();
        let renamed = 0;
        for (const e of defs) {
          const name = e.name!;
          if (seen.has(name.span.start)) continue;
          seen.add(name.span.start);
          for (const newName of [`${name.value}-renamed`, `${name.value}: #2`]) {
            // Refused only when the new name is taken: then the server says so, and nothing else may fail.
            const taken = defs.some((d) => d.kind === e.kind && d.name?.value === newName);
            const answer = await client.request<WorkspaceEdit | null>('textDocument/rename', {
              textDocument: { uri }, position: positionAt(text, name.span.start + 1), newName,
            }).then((edit) => ({ edit, error: undefined }), (error: unknown) => ({ edit: null, error }));
            if (answer.error !== undefined) {
              assert.ok(taken, `${example}: rename of ${e.kind} '${name.value}' to '${newName}' refused: ${answer.error instanceof Error ? answer.error.message : JSON.stringify(answer.error)}`);
              continue;
            }
            const edits = answer.edit?.changes?.[uri];
            assert.ok(edits, `${example}: rename of ${e.kind} '${name.value}' to '${newName}' gave no edit`);
            const label = `${example}: rename ${e.kind} '${name.value}' to '${newName}'`;
            const { a } = assertKeepsText(label, text, edits);
            for (const x of edits) {
              const s = offsetAt(text, x.range.start);
              const old = text.slice(s, offsetAt(text, x.range.end));
              assert.ok(old === name.value || /^['"]/.test(old), `${label}: replaces '${old}', not the old name`);
            }
            assert.ok(count(a, ['TOP010', 'TOP011']) <= count(analyze(text), ['TOP010', 'TOP011']), `${label}: a new TOP010/TOP011`);
            assert.ok(a.resolution.definitions.some((d) => d.kind === e.kind && d.name?.value === newName), `${label}: the new name reads back`);
            renamed++;
          }
        }
        await client.close(uri);
        console.log(`      ${renamed} renames applied`);
        assert.ok(renamed > 0, `${example}: something was renamed`);
      });
    });
  }
});
