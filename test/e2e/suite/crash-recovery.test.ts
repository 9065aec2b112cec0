/**
 * A crashed language server in a real VS Code: the test kills the server process (its pid
 * comes from the extension's API) and checks what src/client/crashPolicy.ts promises: the
 * client restarts it and tells the user once; later crashes restart silently; the 5th crash
 * within 3 minutes stops it (with an error), and the Restart command brings it back.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, codeOf, openEditor, requireServer, waitFor, waitForDiagnostics, workspaceFile, type AsrTopologyApi } from './helpers';

const FILE = 'e2e-broken.topology.yaml';
const TYPO = 'GoldClod1';

const top011 = (name: string) => (ds: readonly vscode.Diagnostic[]): boolean =>
  ds.some((d) => codeOf(d) === 'TOP011' && d.message.includes(name));

/** Kills the running server and waits for the client to have dealt with it (a new server, or none). */
async function kill(api: AsrTopologyApi): Promise<number> {
  const pid = api.serverPid();
  assert.ok(pid !== undefined, `no server pid (state ${api.serverState()})`);
  process.kill(pid, 'SIGKILL');
  await waitFor(`the client to notice that server ${pid} died`,
    () => api.serverState() === 'failed' || (api.serverState() === 'running' && api.serverPid() !== undefined && api.serverPid() !== pid),
    { describe: () => `${api.serverState()}, pid ${String(api.serverPid())}` });
  return pid;
}

/** The test file as it is on disk before the suite. */
let original: string | undefined;

/**
 * Puts the test file back as it was, saved: VS Code for the web saves a document a second after an
 * edit, so under load the edits of a test may be on disk already and a revert would read them back.
 * Waits until the extension host's document says so.
 */
async function restore(doc: vscode.TextDocument): Promise<void> {
  assert.ok(original !== undefined, `${FILE} was not read before the suite`);
  const text = original;
  if (doc.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(edit), `${FILE} could not be put back`);
  }
  if (doc.isDirty) await doc.save();
  await waitFor(`${FILE} back as it was, saved`, () => !doc.isDirty && doc.getText() === text,
    { events: [vscode.workspace.onDidChangeTextDocument, vscode.workspace.onDidSaveTextDocument], describe: () => `dirty: ${String(doc.isDirty)}` });
}

/** Replaces the misspelt cloud with `name` and waits for the server's TOP011 on it: a live server. */
async function editAndCheck(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const doc = editor.document;
  const at = doc.getText().indexOf(`cloud: ${from}`) + 'cloud: '.length;
  assert.ok(at >= 'cloud: '.length, `'cloud: ${from}' is not in ${FILE}`);
  assert.ok(await editor.edit((b) => { b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to); }));
  await waitForDiagnostics(doc.uri, `TOP011 on ${to} after the edit`, top011(to));
}

describe('crash recovery: the language server killed', () => {
  before(async () => {
    original = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(FILE)));
  });

  after(async () => {
    // Whatever happened here, the suites after this one get a running server.
    const api = await activeApi();
    if (api.serverState() !== 'running') {
      await vscode.commands.executeCommand('asrTopology.restartServer');
      await requireServer();
    }
    await restore(await vscode.workspace.openTextDocument(workspaceFile(FILE)));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('restarts a killed server, tells the user once, and restarts a second crash silently', async () => {
    const editor = await openEditor(FILE);
    const api = await requireServer();
    await waitForDiagnostics(editor.document.uri, 'TOP011', top011(TYPO));
    const before = api.notices().length;

    const first = await kill(api);
    assert.equal(api.serverState(), 'running', 'restarted after the first crash');
    assert.notEqual(api.serverPid(), first);
    await editAndCheck(editor, TYPO, 'GoldClod2');
    const told = api.notices().slice(before);
    assert.equal(told.length, 1, `one notice: ${JSON.stringify(told)}`);
    assert.equal(told[0]?.kind, 'warning');
    assert.match(told[0]?.message ?? '', /stopped unexpectedly and was restarted/);

    await kill(api);
    assert.equal(api.serverState(), 'running', 'restarted after the second crash (policy: up to 4 in 3 minutes)');
    await editAndCheck(editor, 'GoldClod2', 'GoldClod3');
    assert.equal(api.notices().length, before + 1, 'the second restart is silent');
  });

  it('stops the server on the 5th crash within 3 minutes, says so, and the Restart command brings it back', async () => {
    const editor = await openEditor(FILE);
    const api = await requireServer();
    const before = api.notices().length;
    // Two crashes so far in this window (the test before); three more restart, the next one is the 5th.
    for (let i = 3; i <= 4; i++) {
      await kill(api);
      assert.equal(api.serverState(), 'running', `restarted after crash ${i}`);
    }
    await kill(api);
    assert.equal(api.serverState(), 'failed', 'not restarted after the 5th crash');
    assert.equal(api.serverPid(), undefined);
    const told = api.notices().slice(before);
    assert.equal(told.length, 1, `one notice: ${JSON.stringify(told)}`);
    assert.equal(told[0]?.kind, 'error');
    assert.match(told[0]?.message ?? '', /crashed 5 times in 3 minutes/);

    await vscode.commands.executeCommand('asrTopology.restartServer');
    await requireServer();
    await editAndCheck(editor, 'GoldClod3', 'GoldClod4');
  });

  it('restarts a server killed while the client is writing to it (EPIPE on the pipe), three times over', async () => {
    // The Restart command of the test before started a new count: three crashes stay under the limit.
    const editor = await openEditor(FILE);
    const api = await requireServer();
    const doc = editor.document;
    const at = doc.positionAt(doc.getText().indexOf('cloud: ') + 2);
    for (let round = 1; round <= 3; round++) {
      const pid = api.serverPid();
      assert.ok(pid !== undefined, `round ${round}: no server pid (state ${api.serverState()})`);
      // Requests in flight and edits typed while the process dies: the client's writes hit a closed pipe.
      const burst = Array.from({ length: 50 }, () =>
        vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at).then(() => undefined, () => undefined));
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 50; i++) {
        await editor.edit((b) => { b.insert(new vscode.Position(0, 0), '#'); });
      }
      await Promise.all(burst);
      await waitFor(`round ${round}: a new server after the crash`,
        () => api.serverState() === 'running' && api.serverPid() !== pid,
        { describe: () => `${api.serverState()}, pid ${String(api.serverPid())}` });
    }
    await restore(doc);
    await editAndCheck(editor, TYPO, 'GoldClod5');
  });
});
