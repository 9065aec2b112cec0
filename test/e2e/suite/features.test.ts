/**
 * Every editor feature of the language server, through VS Code's own commands, on the spec's
 * New York / Chicago example: hover, completion, definition, references, rename, quick fixes
 * and settings changed at run time. Each test that edits reverts the file afterwards.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openEditor, requireServer, waitForDiagnostics, withSetting } from './helpers';

const FILE = 'e2e-valid.topology.yaml';

/** The position of the `nth` occurrence of `needle` in the document, plus `offset` characters. */
function at(doc: vscode.TextDocument, needle: string, nth = 0, offset = 0): vscode.Position {
  const text = doc.getText();
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `'${needle}' #${nth} is not in ${doc.uri.path}`);
  }
  return doc.positionAt(i + offset);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (c instanceof vscode.MarkdownString ? c.value : typeof c === 'string' ? c : ''))
    .join('\n');
}

async function revert(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

async function ready(): Promise<vscode.TextEditor> {
  const editor = await openEditor(FILE);
  await requireServer();
  await waitForDiagnostics(editor.document.uri, 'the first analysis (TOP020 on VM3)', (ds) => ds.some((d) => codeOf(d) === 'TOP020'));
  return editor;
}

describe('editor features in a real VS Code', () => {
  afterEach(async () => {
    if (vscode.window.activeTextEditor?.document.isDirty) await revert();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hover on a VM shows where its replica lands on failover and failback, and why', async () => {
    const { document: doc } = await ready();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, 'name: VM1', 0, 7));
    const text = hoverText(hovers);
    assert.match(text, /VMNetwork1-Chicago/);
    assert.match(text, /Subnet-A/);
    assert.match(text, /same subnet name|name-match/);
    assert.match(text, /GoldCloud2/);
    assert.match(text, /[Ff]ailback[\s\S]*VMNetwork1-NewYork/);
  });

  it("hover on a VM network shows the availability per protection pair", async () => {
    const { document: doc } = await ready();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, 'target: VMNetwork1-Chicago', 0, 10));
    const text = hoverText(hovers);
    assert.match(text, /GoldCloud1/);
    assert.match(text, /SilverCloud1/);
    assert.match(text, /Available/);
  });

  it('completes network names after `network: ` on a new VM', async () => {
    const editor = await ready();
    const doc = editor.document;
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const prefix = doc.getText().endsWith('\n') ? '' : '\n';
    await editor.edit((e) => { e.insert(end, `${prefix}  - name: VM9\n    cloud: GoldCloud1\n    network: `); });
    const last = doc.lineAt(doc.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, last);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('VMNetwork1-NewYork'), `labels: ${labels.join(', ')}`);
    assert.ok(labels.includes('VMNetwork2-NewYork'), `labels: ${labels.join(', ')}`);
  });

  it('answers a hover and a completion asked right after an edit inside a VM as once the edit is analysed', async () => {
    const editor = await ready();
    const doc = editor.document;
    // Each edit stays inside VM1; the question goes at once (the server has not analysed the
    // edit yet: core/incremental/afterEdit.ts answers), then again once the edit's diagnostics are in.
    const labels = (list: vscode.CompletionList): string => list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).sort().join(', ');
    const steps: { edit: (e: vscode.TextEditorEdit) => void; ask: () => Thenable<string>; analysed: (ds: readonly vscode.Diagnostic[]) => boolean; expect: RegExp }[] = [
      {
        // Rename VM1 to VM3, the name of a VM after it (TOP010 there), and hover it.
        edit: (e) => { const n = at(doc, 'name: VM1', 0, 'name: '.length); e.replace(new vscode.Range(n, n.translate(0, 3)), 'VM3'); },
        ask: () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, 'name: VM3', 0, 8)).then(hoverText),
        analysed: (ds) => ds.some((d) => codeOf(d) === 'TOP010'),
        expect: /VM `VM3`[\s\S]*VMNetwork1-Chicago/,
      },
      {
        // Empty its network and complete there.
        edit: (e) => { const net = at(doc, 'network: VMNetwork1-NewYork', 0, 'network: '.length); e.delete(new vscode.Range(net, net.translate(0, 'VMNetwork1-NewYork'.length))); },
        ask: () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at(doc, 'network: \n', 0, 'network: '.length)).then(labels),
        analysed: (ds) => ds.some((d) => codeOf(d) === 'TOP002' && d.message.includes("'network' of VM 'VM3'")),
        expect: /^VMNetwork1-Chicago, VMNetwork1-NewYork, VMNetwork2-Chicago, VMNetwork2-NewYork$/,
      },
    ];
    for (const step of steps) {
      assert.ok(await editor.edit(step.edit));
      const right = await step.ask();
      await waitForDiagnostics(doc.uri, 'the edit analysed', step.analysed);
      const later = await step.ask();
      assert.equal(right, later);
      assert.match(right, step.expect);
    }
  });

  it('goes from a cloud reference to its definition', async () => {
    const { document: doc } = await ready();
    const ref = at(doc, 'cloud: GoldCloud1', 0, 9);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, ref);
    assert.equal(defs.length, 1);
    const def = defs[0]!;
    const range = 'targetRange' in def ? (def.targetSelectionRange ?? def.targetRange) : def.range;
    assert.equal(range.start.line, at(doc, '- name: GoldCloud1').line);
    assert.equal(doc.getText(range), 'GoldCloud1');
  });

  it('finds every reference to a VM network', async () => {
    const { document: doc } = await ready();
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at(doc, 'name: VMNetwork1-NewYork', 0, 8));
    // The definition, the mapping source and target, VM1's network and VM3's second NIC.
    assert.equal(refs.length, 5, refs.map((r) => `${r.range.start.line}:${r.range.start.character}`).join(' '));
    for (const r of refs) assert.equal(doc.getText(r.range), 'VMNetwork1-NewYork');
  });

  it('renames a cloud everywhere, and refuses a name that is taken', async () => {
    const editor = await ready();
    const doc = editor.document;
    const pos = at(doc, 'name: GoldCloud1', 0, 8);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, pos, 'Gold-NY');
    assert.equal(edit.get(doc.uri).length, 3, 'the definition, the pair and VM1');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.getText().includes('GoldCloud1'), false);
    await waitForDiagnostics(doc.uri, 'no TOP011 after the rename', (ds) => ds.length > 0 && !ds.some((d) => codeOf(d) === 'TOP011'));
    await revert();
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, at(doc, 'name: GoldCloud1', 0, 8), 'SilverCloud1')),
      /SilverCloud1/,
    );
  });

  it('fixes TOP020 with "Add a mapping", and the warning goes away', async () => {
    const editor = await ready();
    const doc = editor.document;
    const d = vscode.languages.getDiagnostics(doc.uri).find((x) => codeOf(x) === 'TOP020')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const add = actions.find((a) => /mapping/i.test(a.title));
    assert.ok(add?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    assert.match(doc.getText(), /source: VMNetwork2-NewYork/);
    await waitForDiagnostics(doc.uri, 'TOP020 gone', (ds) => !ds.some((x) => codeOf(x) === 'TOP020'));
  });

  it('applies a per-code severity from the settings at run time', async () => {
    const { document: doc } = await ready();
    const severityOf020 = (ds: readonly vscode.Diagnostic[]) => ds.find((d) => codeOf(d) === 'TOP020')?.severity;
    await withSetting('diagnostics.severity', { TOP020: 'error' }, async () => {
      await waitForDiagnostics(doc.uri, 'TOP020 as an error', (ds) => severityOf020(ds) === vscode.DiagnosticSeverity.Error);
    });
    await waitForDiagnostics(doc.uri, 'TOP020 back to a warning', (ds) => severityOf020(ds) === vscode.DiagnosticSeverity.Warning);
  });
});
