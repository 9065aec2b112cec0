/**
 * Diagnostics from the language server (dist/server.js) in a real VS Code. These fail with
 * "the language server is missing" until the server is built.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeOf,
  openEditor,
  requireServer,
  waitFor,
  waitForDiagnostics,
  withSetting,
  workspaceFile,
} from './helpers';

const hasTop011 = (ds: readonly vscode.Diagnostic[]): boolean => ds.some((d) => codeOf(d) === 'TOP011');
const noTop011 = (ds: readonly vscode.Diagnostic[]): boolean => !hasTop011(ds);

describe('diagnostics from the language server', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports TOP011 on the value of a cloud: that names no cloud', async () => {
    const editor = await openEditor('e2e-broken.topology.yaml');
    await requireServer();
    const ds = await waitForDiagnostics(editor.document.uri, 'TOP011', hasTop011);
    const d = ds.find((x) => codeOf(x) === 'TOP011')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(editor.document.getText(d.range), 'GoldClod1', 'the range is the reference, not the line');
    assert.match(d.message, /GoldClod1/);
    assert.equal(d.source !== undefined && d.source.length > 0, true, 'the diagnostic says where it comes from');
  });

  it('counts the errors of the active file in the status bar', async () => {
    await openEditor('e2e-broken.topology.yaml');
    const api = await requireServer();
    await waitFor('the status bar to count one error', () => api.statusText()?.startsWith('$(error) 1 '),
      { describe: () => api.statusText() ?? 'hidden' });
  });

  it('shows how many replicas connect (asrTopology/landings) in the status bar', async () => {
    await openEditor('e2e-valid.topology.yaml');
    const api = await requireServer();
    // VM1 lands; VM3's first NIC is not mapped (doesn't connect), its second lands.
    await waitFor('the replica count', () => api.statusText()?.includes('2/3 replicas connect'),
      { describe: () => api.statusText() ?? 'hidden' });
  });

  it('updates the diagnostics while typing, and clears them when the mistake is undone', async () => {
    const editor = await openEditor('e2e-valid.topology.yaml');
    await requireServer();
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'the first diagnostics (TOP020 for VM3)', (ds) => ds.some((d) => codeOf(d) === 'TOP020'));
    assert.ok(noTop011(vscode.languages.getDiagnostics(uri)), 'the valid example has no TOP011');

    const text = editor.document.getText();
    const at = text.indexOf('cloud: GoldCloud1') + 'cloud: '.length;
    const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'GoldCloud1'.length));
    assert.ok(await editor.edit((b) => { b.replace(range, 'NoSuchCloud'); }));
    await waitForDiagnostics(uri, 'TOP011 after the edit', hasTop011);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(uri, 'TOP011 to go after undo', noTop011);
    assert.equal(editor.document.isDirty, false);
  });

  it('honours asrTopology.diagnostics.severity (TOP011 as a warning)', async () => {
    const editor = await openEditor('e2e-broken.topology.yaml');
    await requireServer();
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'TOP011', hasTop011);
    const sev = (ds: readonly vscode.Diagnostic[]): vscode.DiagnosticSeverity | undefined =>
      ds.find((d) => codeOf(d) === 'TOP011')?.severity;
    await withSetting('diagnostics.severity', { TOP011: 'warning' }, async () => {
      await waitForDiagnostics(uri, 'TOP011 as a warning', (ds) => sev(ds) === vscode.DiagnosticSeverity.Warning);
    });
    await waitForDiagnostics(uri, 'TOP011 back to an error', (ds) => sev(ds) === vscode.DiagnosticSeverity.Error);
  });

  it('turns TOP011 off with "off"', async () => {
    const editor = await openEditor('e2e-broken.topology.yaml');
    await requireServer();
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'TOP011', hasTop011);
    await withSetting('diagnostics.severity', { TOP011: 'off' }, async () => {
      await waitForDiagnostics(uri, 'TOP011 to be turned off', noTop011);
    });
    await waitForDiagnostics(uri, 'TOP011 back', hasTop011);
  });

  it('reports nothing with asrTopology.validate.enable false', async () => {
    const editor = await openEditor('e2e-broken.topology.yaml');
    await requireServer();
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'TOP011', hasTop011);
    await withSetting('validate.enable', false, async () => {
      await waitForDiagnostics(uri, 'no diagnostics', (ds) => ds.length === 0);
    });
    await waitForDiagnostics(uri, 'TOP011 back', hasTop011);
  });

  it('restarts the server on asrTopology.restartServer and gets the diagnostics again', async () => {
    const editor = await openEditor('e2e-broken.topology.yaml');
    const api = await requireServer();
    await waitForDiagnostics(editor.document.uri, 'TOP011', hasTop011);
    await vscode.commands.executeCommand('asrTopology.restartServer');
    assert.equal(api.serverState(), 'running');
    await waitForDiagnostics(editor.document.uri, 'TOP011 after the restart', hasTop011);
  });

  it('reports TOP001 for a YAML syntax error', async () => {
    const uri = workspaceFile('e2e-syntax.topology.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('version: 1\nsites: [\n  - name: x\n'));
    const editor = await openEditor('e2e-syntax.topology.yaml');
    await requireServer();
    await waitForDiagnostics(editor.document.uri, 'TOP001', (ds) => ds.some((d) => codeOf(d) === 'TOP001'));
  });
});
