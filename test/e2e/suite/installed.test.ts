/**
 * Which copy of the extension runs: with ASR_E2E_FROM_VSIX=1 (CI) the .vsix installed into the
 * test code-server's extensions folder, else the repository (extensionDevelopmentPath).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

const FROM_VSIX = process.env.ASR_E2E_FROM_VSIX === '1';

function extensionPath(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.extensionPath;
}

describe('the extension under test', () => {
  // One test for both modes (not two, one of them always skipped): it checks the copy that runs.
  it(FROM_VSIX ? 'is the installed .vsix, from the extensions folder' : 'is the repository (extensionDevelopmentPath)', () => {
    const p = extensionPath();
    if (!FROM_VSIX) {
      assert.ok(fs.existsSync(path.join(p, 'src', 'client', 'extension.ts')), `${p} is not the repository`);
      return;
    }
    const dir = process.env.ASR_E2E_EXTENSIONS_DIR;
    assert.ok(dir, 'ASR_E2E_EXTENSIONS_DIR is not set by the runner');
    assert.ok(p.startsWith(dir + path.sep), `${p} is not under ${dir}`);
    // What the package holds, and not the repository around it.
    for (const f of ['package.json', 'dist/extension.js', 'dist/server.js', 'dist/webview.js', 'schemas/topology.schema.json']) {
      assert.ok(fs.existsSync(path.join(p, f)), `${f} is missing from the installed extension`);
    }
    for (const f of ['src', 'node_modules', 'test', 'dist/extension.js.map']) {
      assert.ok(!fs.existsSync(path.join(p, f)), `${f} was installed: the .vsix holds more than it should`);
    }
  });
});
