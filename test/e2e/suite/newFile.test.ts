/** ASR Topology: New Topology File — an untitled asr-topology document whose template is clean. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SERVER_TIMEOUT_MS, waitFor } from './helpers';

describe('new topology file', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens an untitled asr-topology document from the template, with no errors', async () => {
    // Run before any topology file is open: the command itself activates the extension.
    await vscode.commands.executeCommand('asrTopology.newTopologyFile');
    const editor = await waitFor('the new editor', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.isUntitled ? e : undefined;
    }, { events: [vscode.window.onDidChangeActiveTextEditor] });
    const doc = editor.document;
    assert.equal(doc.languageId, 'asr-topology');
    assert.match(doc.getText(), /^# ASR Topology/);
    assert.match(doc.getText(), /^networkMappings:/m);
    // The server has analysed it when the status bar counts it; then: no error-severity items.
    // Diagnostics may legitimately be empty, so wait for the server's answer by a marker edit:
    // a broken line gives TOP001, undoing it must clear every error.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), 'vms: [\n');
    await vscode.workspace.applyEdit(edit);
    await waitFor('TOP001 on the broken copy', () => vscode.languages.getDiagnostics(doc.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error), {
      timeoutMs: SERVER_TIMEOUT_MS, events: [vscode.languages.onDidChangeDiagnostics],
    });
    const fix = new vscode.WorkspaceEdit();
    fix.delete(doc.uri, new vscode.Range(doc.lineCount - 2, 0, doc.lineCount - 1, 0));
    assert.ok(await vscode.workspace.applyEdit(fix));
    await waitFor('no errors on the template', () => {
      const errors = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      return errors.length === 0 && doc.getText().endsWith('ipAddress: 10.1.0.5\n');
    }, {
      timeoutMs: SERVER_TIMEOUT_MS, events: [vscode.languages.onDidChangeDiagnostics],
      describe: () => JSON.stringify(vscode.languages.getDiagnostics(doc.uri).map((d) => d.message)),
    });
  });
});
