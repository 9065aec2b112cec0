/** ASR Topology: New Topology File — an untitled asr-topology document whose template is clean, for each scenario. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SERVER_TIMEOUT_MS, waitFor } from './helpers';

describe('new topology file', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const scenarios = [
    { scenario: 'vmm', marker: /^networkMappings:/m, last: 'ipAddress: 10.1.0.5\n' },
    { scenario: 'azure', marker: /^ {4}toAzure: true$/m, last: 'ipAddress: 10.10.1.5\n' },
  ] as const;
  for (const { scenario, marker, last } of scenarios) {
    it(`opens an untitled asr-topology document from the ${scenario} template, with no errors`, async () => {
      // The first run comes before any topology file is open: the command itself activates the extension.
      const before = vscode.window.activeTextEditor?.document;
      await vscode.commands.executeCommand('asrTopology.newTopologyFile', scenario);
      const editor = await waitFor('the new editor', () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.isUntitled && e.document !== before ? e : undefined;
      }, { events: [vscode.window.onDidChangeActiveTextEditor] });
      const doc = editor.document;
      assert.equal(doc.languageId, 'asr-topology');
      assert.match(doc.getText(), /^# ASR Topology/);
      assert.match(doc.getText(), marker);
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
      await waitFor('no diagnostics on the template', () => {
        return vscode.languages.getDiagnostics(doc.uri).length === 0 && doc.getText().endsWith(last);
      }, {
        timeoutMs: SERVER_TIMEOUT_MS, events: [vscode.languages.onDidChangeDiagnostics],
        describe: () => JSON.stringify(vscode.languages.getDiagnostics(doc.uri).map((d) => d.message)),
      });
    });
  }
});
