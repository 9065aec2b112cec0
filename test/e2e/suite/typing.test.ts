/**
 * Typing in a large topology, as a person does, in a real VS Code: a new VM typed key by key
 * into the middle of `vms:` of a generated file of 5,000 VMs (test/e2e/run.ts writes it into the
 * workspace). While the VM is half typed, completion at `cloud: ` offers the file's clouds and a
 * hover on the VM below answers with its landing; once it is typed, the diagnostics of the last
 * version arrive. The keys go through the editor's document one by one, so the server sees the
 * incremental content changes VS Code sends. Speed is measured by `npm run bench`, not here: the
 * test only prints how long the typing took.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openEditor, waitFor, waitForDiagnostics } from './helpers';

const LARGE = 'e2e-large.topology.yaml';
/** A person's pace between keys (not a wait for anything: nothing is asserted on time). */
const KEY_MS = 15;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Types `s` at `offset`, one key per edit, the caret after each; the offset after the last key. */
async function typeKeys(editor: vscode.TextEditor, offset: number, s: string): Promise<number> {
  let at = offset;
  for (const key of s) {
    const pos = editor.document.positionAt(at);
    assert.ok(await editor.edit((b) => { b.insert(pos, key); }, { undoStopBefore: false, undoStopAfter: false }), `the key ${JSON.stringify(key)} was not typed`);
    at += key.length;
    const caret = editor.document.positionAt(at);
    editor.selection = new vscode.Selection(caret, caret);
    await pause(KEY_MS);
  }
  return at;
}

function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (c instanceof vscode.MarkdownString ? c.value : typeof c === 'string' ? c : ''))
    .join('\n');
}

describe('typing a new VM into a topology of 5,000 VMs', function () {
  this.timeout(300_000);

  after(async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.isDirty && doc.uri.path.endsWith(LARGE)) {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor(`${LARGE} reverted`, () => !doc.isDirty, { events: [vscode.workspace.onDidChangeTextDocument] });
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers the clouds while the VM is half typed, hovers the VM below, then diagnoses the last version', async () => {
    const editor = await openEditor(LARGE);
    const doc = editor.document;
    const original = doc.getText();
    // The generated estate's clouds (the ones with a `logicalNetworks: [...]` list).
    const clouds = [...original.matchAll(/^ {6}- name: (\S+)\n {8}logicalNetworks: \[/gm)].map((m) => m[1]!);
    assert.ok(clouds.length >= 4, `the generated file has ${clouds.length} clouds`);
    assert.ok((original.match(/^ {2}- name: /gm) ?? []).length >= 5000, 'the generated file has 5,000 VMs');
    await waitForDiagnostics(doc.uri, `the first diagnostics of ${LARGE}`, (ds) => ds.length > 0, 120_000);

    // The end of the line before the VM in the middle of vms:, where a person presses Enter.
    const vms = original.indexOf('\nvms:\n');
    const at = original.indexOf('\n  - name: ', vms + Math.floor((original.length - vms) / 2));
    const below = /^\n {2}- name: (\S+)\n {4}cloud: (\S+)\n {4}network: (\S+)\n {4}subnet: (\S+)/.exec(original.slice(at));
    assert.ok(below, 'the VM below the cursor has the one-NIC form');
    const [, belowName, belowCloud, belowNetwork, belowSubnet] = below as unknown as [string, string, string, string, string];

    const started = Date.now();
    let caret = await typeKeys(editor, at, '\n  - name: vm-typed-01\n    cloud: ');

    // Half typed: the VM has a name and an empty cloud. Completion offers every cloud of the file.
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(caret));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const c of clouds) assert.ok(labels.includes(c), `completion at 'cloud: ' offers ${c}; it offered: ${labels.slice(0, 20).join(', ')}`);
    assert.ok(labels.includes(belowCloud));

    // The VM below still answers a hover, with where it lands.
    const belowAt = doc.getText().indexOf(`- name: ${belowName}\n`, caret) + '- name: '.length;
    assert.ok(belowAt > caret, `${belowName} is below the typed VM`);
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(belowAt + 1)));
    assert.match(hover, new RegExp(`VM \`${belowName}\``));
    assert.match(hover, /[Ff]ailover|lands|not protected|[Rr]eplica/);

    // The rest of the VM, with a cloud misspelt: the last version has one TOP011 on it, and nothing
    // says the new VM's YAML or schema is wrong.
    caret = await typeKeys(editor, caret, `${belowCloud}x\n    network: ${belowNetwork}\n    subnet: ${belowSubnet}`);
    const typedMs = Date.now() - started;
    const text = doc.getText();
    const cloudAt = text.indexOf(`cloud: ${belowCloud}x\n`, at) + 'cloud: '.length;
    const cloudRange = new vscode.Range(doc.positionAt(cloudAt), doc.positionAt(cloudAt + belowCloud.length + 1));
    const typedLines = new vscode.Range(doc.positionAt(at + 1), doc.positionAt(caret));
    // The versions while the network and subnet were typed had a TOP011 on them too: the last one
    // has only the cloud's, and no YAML or schema problem on the typed VM.
    const onTyped = (xs: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic[] => xs.filter((d) => codeOf(d) === code && typedLines.contains(d.range));
    const ds = await waitForDiagnostics(doc.uri, `the last version's diagnostics: one TOP011, on the misspelt cloud '${belowCloud}x'`, (xs) => {
      const top011 = onTyped(xs, 'TOP011');
      return top011.length === 1 && top011[0]!.range.isEqual(cloudRange);
    }, 120_000);
    assert.deepEqual([...onTyped(ds, 'TOP001'), ...onTyped(ds, 'TOP002')].map((d) => d.message), [], 'no YAML or schema problem on the typed VM');
    console.log(`      typed ${caret - at} keys into ${LARGE} in ${typedMs} ms (${KEY_MS} ms between keys)`);
  });
});
