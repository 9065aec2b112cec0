/**
 * Restricted Mode: run by test/e2e/run.ts in a second code-server with workspace trust on
 * (no --disable-workspace-trust, security.workspace.trust.enabled true, no startup prompt)
 * whose folder nobody trusted. The extension declares untrustedWorkspaces.supported: true,
 * so it must work there in full: activation, diagnostics and hovers from the server.
 * Files named *.untrusted.test.ts run only in that phase (ASR_E2E_UNTRUSTED=1), and only they.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, openEditor, requireServer, waitFor, waitForDiagnostics } from './helpers';

describe('Restricted Mode (an untrusted workspace)', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs in a workspace that is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('declares that it supports untrusted workspaces', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    const manifest = ext.packageJSON as { capabilities?: { untrustedWorkspaces?: { supported?: unknown } } };
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
  });

  it('activates, reports TOP011 and answers a hover', async () => {
    const editor = await openEditor('e2e-broken.topology.yaml');
    await waitFor('the extension to activate', () => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, { timeoutMs: 15_000 });
    await requireServer();
    const doc = editor.document;
    const ds = await waitForDiagnostics(doc.uri, 'TOP011', (all) => all.some((d) => codeOf(d) === 'TOP011'));
    assert.equal(doc.getText(ds.find((d) => codeOf(d) === 'TOP011')!.range), 'GoldClod1');

    const at = doc.positionAt(doc.getText().indexOf('- name: VM1') + '- name: '.length + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hovers.flatMap((h) => h.contents).map((c) => (c instanceof vscode.MarkdownString ? c.value : typeof c === 'string' ? c : '')).join('\n');
    assert.match(text, /VM1/);
    assert.ok(text.length > 20, `hover: ${text}`);
    assert.equal(vscode.workspace.isTrusted, false, 'still untrusted: nothing asked for trust');
  });
});
