/**
 * The estate commands in a real VS Code: Import Estate… on the fixtures' exports (given as
 * the command's argument: the open dialog is driven in test/e2e/ui/estate.test.ts) opens an
 * untitled asr-topology document with the VMs; a bad input opens nothing; Compare with Vault
 * Export… makes the drift diagnostics (TOP07x) of every version, also after a restart of the
 * server, until Clear Vault Comparison.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, requireServer, SERVER_TIMEOUT_MS, waitForDiagnostics, workspaceFile } from './helpers';

/** A small VMM-to-Azure estate's exports (test/fixtures/estate-vscode/), copied into the workspace's estate/ by the runner. */
const VMM = ['estate', 'vmm.json'];
const ASR = ['estate', 'vault.json'];
const VNETS = ['estate', 'vnets.json'];

const isDrift = (d: vscode.Diagnostic): boolean => /^TOP07\d$/.test(codeOf(d) ?? '');

interface CompareResult { version: number; drift: { kind: string; node: { start: number; end: number } | null }[] }

async function vmNames(): Promise<string[]> {
  const bytes = await vscode.workspace.fs.readFile(workspaceFile(...VMM));
  const vmm = JSON.parse(new TextDecoder().decode(bytes).replace(/^\ufeff/, '')) as { VMs: { Name: string }[] };
  return vmm.VMs.map((v) => v.Name);
}

describe('estate commands', () => {
  let doc: vscode.TextDocument | undefined;

  before(async () => {
    await requireServer();
  });
  after(async () => {
    // Untitled documents are dirty: reverted one by one, so that closing asks nothing.
    for (const d of vscode.workspace.textDocuments.filter((x) => x.isUntitled)) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Import Estate… opens the fixtures\' estate as an untitled asr-topology document with their VMs, and no errors', async () => {
    doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('asrTopology.importEstate',
      [workspaceFile(...VMM), workspaceFile(...ASR), workspaceFile(...VNETS)]);
    assert.ok(doc, 'the command returns the document it opened');
    assert.equal(doc.languageId, 'asr-topology');
    assert.ok(doc.isUntitled);
    assert.equal(vscode.window.activeTextEditor?.document, doc);
    const text = doc.getText();
    for (const vm of await vmNames()) assert.ok(text.includes(vm), `the VM ${vm} is in the document`);
    // No error: diagnostics may rightly be empty, so first see the server answer this document
    // (a broken last line gives TOP001), then undo it and wait for every error to go.
    const opened = doc;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(opened.uri, new vscode.Position(opened.lineCount, 0), 'vms: [\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(opened.uri, 'TOP001 on the broken copy', (all) => all.some((d) => codeOf(d) === 'TOP001'));
    const undo = new vscode.WorkspaceEdit();
    undo.delete(opened.uri, new vscode.Range(opened.lineCount - 2, 0, opened.lineCount - 1, 0));
    assert.ok(await vscode.workspace.applyEdit(undo));
    assert.equal(opened.getText(), text);
    await waitForDiagnostics(opened.uri, 'no error on the imported plan',
      (all) => !all.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
  });

  it('a file it can\'t read (truncated JSON) opens nothing', async () => {
    const broken = workspaceFile('estate-broken.json');
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode('{ "VMMServer": "VMM01", "VMs": [ { "Name": "vm'));
    try {
      const r = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('asrTopology.importEstate', [{ uri: broken, kind: 'vmm' }]);
      assert.equal(r, undefined);
      assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.languageId === 'asr-topology' && d !== doc).length, 0);
    } finally {
      await vscode.workspace.fs.delete(broken);
    }
  });

  it('Compare with Vault Export… shows drift as diagnostics on the plan\'s nodes, per version, until cleared', async () => {
    assert.ok(doc, 'the imported document');
    const editor = await vscode.window.showTextDocument(doc);
    const same = await vscode.commands.executeCommand<CompareResult | undefined>('asrTopology.compareWithVault', [workspaceFile(...ASR)]);
    assert.ok(same, 'the command returns the server\'s answer');
    assert.deepEqual(same.drift, [], 'the plan imported from the exports matches the vault');

    // Map to the estate's other virtual network: the next version has a TOP07x on that mapping.
    const text = doc.getText();
    const m = /^( *- *source: *.+\n\s*target: *)(\S.*)$/m.exec(text);
    assert.ok(m, 'a mapping with source and target in the imported text');
    const at = m.index + m[1]!.length;
    assert.ok(await editor.edit((e) => { e.replace(new vscode.Range(doc!.positionAt(at), doc!.positionAt(at + m[2]!.length)), 'vnet-dr-test'); }));
    const mappingLines = [doc.positionAt(m.index).line, doc.positionAt(at).line];
    const ds = await waitForDiagnostics(doc.uri, 'a TOP07x diagnostic on the changed mapping',
      (all) => all.some((d) => isDrift(d) && d.range.start.line >= mappingLines[0]! && d.range.start.line <= mappingLines[1]!));
    assert.ok(ds.filter(isDrift).every((d) => d.source === 'asr-topology'));

    // A restarted server gets the comparison again: a line added on top moves the drift with it.
    const driftLines = (all: readonly vscode.Diagnostic[], shift = 0): string =>
      JSON.stringify(all.filter(isDrift).map((d) => d.range.start.line + shift).sort((x, y) => x - y));
    const moved = driftLines(ds, 1);
    await vscode.commands.executeCommand('asrTopology.restartServer');
    assert.ok(await editor.edit((e) => { e.insert(new vscode.Position(0, 0), '# after a restart\n'); }));
    await waitForDiagnostics(doc.uri, `the drift again after a restart of the server, one line down (${moved})`, (all) => driftLines(all) === moved);

    // Cleared: the drift goes, the rest stays.
    assert.equal(await vscode.commands.executeCommand('asrTopology.clearVaultComparison'), true);
    await waitForDiagnostics(doc.uri, 'no TOP07x after Clear Vault Comparison', (all) => !all.some(isDrift), SERVER_TIMEOUT_MS);
  });
});
