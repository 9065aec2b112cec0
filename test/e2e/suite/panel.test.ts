/**
 * The network mapping panel in a real VS Code's extension host: the command opens the
 * webview beside the editor, its data comes from the language server and follows edits,
 * and the export command writes what the CLI says. (What the webview renders is checked by
 * test/e2e/ui/panel.test.ts, in the browser.)
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, openEditor, requireServer, waitFor, waitForDiagnostics, workspaceFile, type AsrTopologyApi } from './helpers';

interface PanelApi extends AsrTopologyApi {
  mappingPanel(): { open: boolean; uri: string | undefined; version: number | undefined; updates: number };
}

const FILE = 'new-york-chicago.topology.yaml';

function api(): PanelApi {
  const ext = vscode.extensions.getExtension<PanelApi>(EXTENSION_ID);
  assert.ok(ext?.isActive, 'the extension is active');
  return ext.exports;
}

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('asrTopology.mappings'));
}

/** CSV as VS Code's export writes it (RFC 4180, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

interface CliLanding {
  vm: string; nic: number; cloud: string | null; network: string | null;
  failover: { status: string; network: string | null; subnet: string | null };
  failback: { status: string; network: string | null };
}

function cliLandings(file: string): CliLanding[] {
  const cli = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
  const r = spawnSync(process.execPath, [cli, 'landings', file, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  assert.ok(r.stdout.length > 0, `the CLI printed nothing: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { landings: CliLanding[] }).landings;
}

async function exportAs(format: 'markdown' | 'csv' | 'svg', uri: vscode.Uri, table?: string): Promise<string> {
  const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('asrTopology.exportMappings', { format, table, uri: uri.toString() });
  assert.ok(doc, 'the export opened a document');
  assert.equal(doc.isUntitled, true, 'an untitled document: the user saves it where they like');
  const text = doc.getText();
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  // The next untitled document may get the same name: wait until this one is gone from the
  // workspace too (closed but still listed, VS Code hands it back to the next export: seen
  // under load, an SVG export answered with the Markdown before it).
  const name = doc.uri.toString();
  await waitFor('the exported document to close', () => doc.isClosed && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === name), { timeoutMs: 10_000 });
  return text;
}

describe('the network mapping panel (extension host)', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes its commands, the editor title button and the restore activation', async () => {
    await openEditor(FILE);
    await waitFor('the extension to activate', () => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, { timeoutMs: 15_000 });
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['asrTopology.showMappings', 'asrTopology.exportMappings']) assert.ok(commands.includes(c), c);
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      activationEvents: string[];
      contributes: { menus: Record<string, { command: string; when?: string }[]>; commands: { command: string; title: string; category: string; icon?: string }[] };
    };
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:asrTopology.mappings'));
    assert.deepEqual(pkg.contributes.commands.find((c) => c.command === 'asrTopology.showMappings'),
      { command: 'asrTopology.showMappings', title: 'Show Network Mapping', category: 'ASR Topology', icon: '$(type-hierarchy)' });
    const title = pkg.contributes.menus['editor/title']?.find((m) => m.command === 'asrTopology.showMappings');
    assert.equal(title?.when, 'editorLangId == asr-topology');
  });

  it('opens beside the editor, keeps the focus there, and fills in from the language server', async () => {
    const editor = await openEditor(FILE);
    await requireServer();
    await vscode.commands.executeCommand('asrTopology.showMappings');
    await waitFor('the panel tab', () => panelTabs().length === 1, { timeoutMs: 10_000 });
    const tab = panelTabs()[0]!;
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'beside the editor');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'the focus stays in the editor');
    const snap = await waitFor('the panel data', () => {
      const s = api().mappingPanel();
      return s.updates > 0 && s.version === editor.document.version ? s : undefined;
    }, { describe: () => JSON.stringify(api().mappingPanel()) });
    assert.equal(snap.uri, editor.document.uri.toString());
    // A second run of the command reveals the same panel.
    await vscode.commands.executeCommand('asrTopology.showMappings');
    assert.equal(panelTabs().length, 1);
  });

  it('exports the replica landings as CSV, row for row what the CLI says', async () => {
    const uri = workspaceFile(FILE);
    const rows = parseCsv(await exportAs('csv', uri, 'landings'));
    const [header, ...body] = rows;
    assert.deepEqual(header, ['VM', 'Cloud', 'Source network', 'Source subnet', 'Failover network', 'Failover subnet (rule)', 'Predicted IP', 'Failback', 'Status', 'Problems']);
    const cli = cliLandings(uri.fsPath);
    assert.equal(body.length, cli.length);
    cli.forEach((l, i) => {
      const r = body[i]!;
      assert.ok(r[0]!.startsWith(l.vm), `${r[0]!} is ${l.vm}`);
      assert.equal(r[1], l.cloud);
      assert.equal(r[2], l.network);
      assert.equal(r[4], l.failover.status === 'connected' ? l.failover.network : "Doesn't connect");
      if (l.failover.subnet !== null) assert.ok(r[5]!.startsWith(l.failover.subnet));
      assert.equal(r[8]!.startsWith('Connected'), l.failover.status === 'connected');
      assert.equal(r[7] === 'Disconnects', l.failback.status === 'disconnected');
    });
    assert.equal(body[1]![9], 'TOP020', "the NIC that doesn't connect carries its warning");
  });

  it('exports the three tables as Markdown and the diagram as SVG', async () => {
    const uri = workspaceFile(FILE);
    const md = await exportAs('markdown', uri);
    assert.match(md, /^\| New York \| VMM-NewYork \| VMNetwork2-NewYork \| Not mapped \| — \|$/m);
    assert.match(md, /^\| VMNetwork1-Chicago \| VMNetwork1-NewYork \| SilverCloud1 \| SilverCloud2 \| Available \|$/m);
    const svg = await exportAs('svg', uri);
    assert.match(svg, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, />2 replicas</);
  });

  it('follows an edit: a mapping to VMNetwork2-Chicago is not available to SilverCloud1 → SilverCloud2', async () => {
    const editor = await openEditor(FILE);
    const doc = editor.document;
    const line = doc.getText().split('\n').findIndex((l) => l === '    target: VMNetwork1-Chicago');
    assert.ok(line >= 0);
    const at = doc.lineAt(line).range;
    const before = api().mappingPanel().updates;
    const t0 = Date.now();
    assert.ok(await editor.edit((e) => { e.replace(at, '    target: VMNetwork2-Chicago'); }));
    await waitFor('the panel to show the edited version', () => {
      const s = api().mappingPanel();
      return s.version === doc.version && s.updates > before;
    }, { describe: () => `${JSON.stringify(api().mappingPanel())} document v${doc.version}` });
    const ms = Date.now() - t0;
    await waitForDiagnostics(doc.uri, 'TOP021', (ds) => ds.some((d) => codeOf(d) === 'TOP021'));
    const md = await exportAs('markdown', doc.uri);
    assert.match(md, /^\| VMNetwork2-Chicago \| VMNetwork1-NewYork \| SilverCloud1 \| SilverCloud2 \| Not available: SilverCloud2 lacks LogicalNetwork2Chicago \| TOP021 TOP040 \|$/m);
    assert.match(md, /^\| VM3 \(NIC 1\) .* \| Not connected: target not available to the protecting cloud \|/m);
    console.log(`      (panel updated ${ms} ms after the edit)`);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the panel to show the reverted version', () => api().mappingPanel().version === doc.version);
  });

  it('follows the active topology editor', async () => {
    const other = workspaceFile('azure.topology.yaml');
    assert.ok(fs.existsSync(other.fsPath), `${other.fsPath} is missing from the test workspace (the runner copies examples/ there)`);
    await openEditor('azure.topology.yaml');
    await waitFor('the panel to follow azure.topology.yaml', () => api().mappingPanel().uri === other.toString());
    await openEditor(FILE);
    await waitFor('the panel to come back', () => api().mappingPanel().uri === workspaceFile(FILE).toString());
  });
});
