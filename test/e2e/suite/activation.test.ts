/** The extension in a real VS Code: activation, language, contributions. No server needed. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CODES as TABLE } from '../../../src/core/codes';
import { EXTENSION_ID, openEditor, waitFor, type AsrTopologyApi } from './helpers';

/** Every code of the code table: each must have its severity setting. */
const CODES = TABLE.map((c) => c.code);


interface Manifest {
  contributes: {
    configuration: { properties: Record<string, { properties?: Record<string, { enum?: string[]; markdownDescription?: string }> }> };
    grammars: { language: string; scopeName: string }[];
  };
}

function extension(): vscode.Extension<AsrTopologyApi> {
  const ext = vscode.extensions.getExtension<AsrTopologyApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

describe('activation and contributions', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is not active before a topology file is opened (activationEvents onLanguage only)', () => {
    assert.equal(extension().isActive, false);
  });

  it('activates when a *.topology.yaml file is opened, whose language is asr-topology', async () => {
    const editor = await openEditor('e2e-valid.topology.yaml');
    assert.equal(editor.document.languageId, 'asr-topology');
    await waitFor('the extension to activate', () => extension().isActive, { timeoutMs: 15_000 });
  });

  it('gives *.topology.yml files the asr-topology language too', async () => {
    const editor = await openEditor('e2e-short.topology.yml');
    assert.equal(editor.document.languageId, 'asr-topology');
  });

  it('lists asr-topology among the languages', async () => {
    const languages = await vscode.languages.getLanguages();
    assert.ok(languages.includes('asr-topology'));
  });

  it('shows the problem count of the active topology file in the status bar', async () => {
    await openEditor('e2e-valid.topology.yaml');
    const api = extension().exports;
    const text = await waitFor('the status bar item', () => api.statusText(), { timeoutMs: 10_000 });
    assert.match(text, /\$\(error\) \d+ \$\(warning\) \d+/);
  });

  it('registers the commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['asrTopology.restartServer', 'asrTopology.showOutput']) assert.ok(commands.includes(c), c);
    await vscode.commands.executeCommand('asrTopology.showOutput');
  });

  it('contributes the settings with their defaults', () => {
    const config = vscode.workspace.getConfiguration('asrTopology');
    assert.equal(config.get('validate.enable'), true);
    assert.equal(config.get('diagnostics.maxProblems'), 1000);
    assert.equal(config.get('trace.server'), 'off');
    assert.deepEqual(config.get('diagnostics.severity'), {});
  });

  it('describes every diagnostic code in asrTopology.diagnostics.severity', () => {
    const manifest = extension().packageJSON as Manifest;
    const severity = manifest.contributes.configuration.properties['asrTopology.diagnostics.severity'];
    const props = severity?.properties ?? {};
    assert.deepEqual(Object.keys(props).sort(), CODES);
    for (const code of CODES) {
      assert.deepEqual(props[code]?.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
      assert.ok((props[code]?.markdownDescription ?? '').length > 20, `${code} has a description`);
    }
  });

  it('writes and reads back a setting in the workspace', async () => {
    const config = vscode.workspace.getConfiguration('asrTopology');
    await config.update('diagnostics.maxProblems', 7, vscode.ConfigurationTarget.Workspace);
    try {
      assert.equal(vscode.workspace.getConfiguration('asrTopology').get('diagnostics.maxProblems'), 7);
    } finally {
      await config.update('diagnostics.maxProblems', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('contributes the grammar', () => {
    const manifest = extension().packageJSON as Manifest;
    assert.deepEqual(manifest.contributes.grammars.map((g) => [g.language, g.scopeName]), [['asr-topology', 'source.asr-topology']]);
  });
});
