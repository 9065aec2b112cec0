/**
 * The network mapping panel's host: the `asrTopology.showMappings` command, the webview
 * panel beside the editor, restoring it after a reload (a serializer for
 * `asrTopology.mappings`), live updates (document edits and diagnostics, debounced, stale
 * answers ignored), and the webview's requests (reveal a definition, export).
 * The panel follows the active topology editor; it keeps its document when another kind of
 * editor (or the panel itself) becomes active.
 */
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../constants';
import type { ServerHandle } from '../serverHandle';
import {
  PANEL_VIEW_TYPE, isPanelState, isWebviewMessage, type HostMessage, type RevealTarget, type WebviewMessage,
} from '../../protocol';
import { loadPanelData, type Loaded } from './dataSource';
import { makeNonce, panelHtml } from './html';
import { findDefinition } from './locate';

export const UPDATE_DEBOUNCE_MS = 150;
const MAX_STALE_RETRIES = 20;

/** What the end-to-end tests can read (through the extension's API). */
export interface PanelSnapshot {
  readonly open: boolean;
  readonly uri: string | undefined;
  readonly version: number | undefined;
  readonly updates: number;
}

export class MappingPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private uri: vscode.Uri | undefined;
  private loaded: Loaded | undefined;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private staleRetries = 0;
  private updates = 0;
  private inflight: vscode.CancellationTokenSource | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: ServerHandle) {
    this.disposables.push(
      vscode.commands.registerCommand(Commands.showMappings, (arg?: unknown) => { this.show(arg instanceof vscode.Uri ? arg : undefined); }),
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
          // The panel follows the active topology editor: after a reload, the one restored
          // active is what it last showed. The webview's saved URI (persisted by VS Code a
          // moment after it is set, so a reload right after a switch can bring back the one
          // before) is for a window where no topology editor is active.
          const saved = isPanelState(state) && state.uri !== null ? safeUri(state.uri) : undefined;
          this.attach(panel, this.activeTopologyUri() ?? saved);
          await Promise.resolve();
        },
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (!this.panel || e?.document.languageId !== LANGUAGE_ID) return;
        if (e.document.uri.toString() !== this.uri?.toString()) this.setDocument(e.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.isCurrent(e.document.uri) && e.contentChanges.length > 0) this.schedule();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.uri && e.uris.some((u) => this.isCurrent(u))) this.schedule();
      }),
      client.onDidChangeState((s) => { if (s === 'running') this.schedule(); }),
    );
  }

  /** The document the panel shows, if any. */
  get documentUri(): vscode.Uri | undefined {
    return this.uri;
  }

  snapshot(): PanelSnapshot {
    return { open: this.panel !== undefined, uri: this.uri?.toString(), version: this.loaded?.version, updates: this.updates };
  }

  /** Opens (or reveals) the panel beside the editor, for `uri` or the active topology file. */
  show(uri?: vscode.Uri): void {
    const target = uri ?? this.activeTopologyUri() ?? this.uri;
    if (this.panel) {
      if (target && !this.isCurrent(target)) this.setDocument(target);
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Network Mapping',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
    this.attach(panel, target);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.inflight?.cancel();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
  }

  private attach(panel: vscode.WebviewPanel, uri: vscode.Uri | undefined): void {
    this.panel = panel;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = new vscode.ThemeIcon('type-hierarchy');
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    panel.webview.html = panelHtml(panel.webview.cspSource, script.toString(), makeNonce());
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((m: unknown) => {
        // Anything that is not one of our messages is ignored.
        if (isWebviewMessage(m)) void this.onMessage(m);
      }),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.loaded = undefined;
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
      }),
    ];
    this.setDocument(uri);
  }

  private setDocument(uri: vscode.Uri | undefined): void {
    this.uri = uri;
    this.loaded = undefined;
    this.staleRetries = 0;
    if (this.panel) this.panel.title = uri ? `Network Mapping: ${uri.path.split('/').pop() ?? ''}` : 'Network Mapping';
    if (!uri) {
      this.post({ type: 'status', state: 'no-document', message: 'Open a *.topology.yaml file to see its network mapping.' });
      return;
    }
    this.post({ type: 'status', state: 'loading', message: 'Loading…' });
    this.schedule(0);
  }

  private schedule(delay = UPDATE_DEBOUNCE_MS): void {
    if (!this.panel || !this.uri) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  private async refresh(): Promise<void> {
    const uri = this.uri;
    if (!this.panel || !uri) return;
    const seq = ++this.seq;
    this.inflight?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.inflight = cts;
    try {
      let doc: vscode.TextDocument;
      try {
        doc = await vscode.workspace.openTextDocument(uri);
      } catch (err: unknown) {
        this.post({ type: 'status', state: 'unavailable', message: `Cannot open ${uri.toString()}: ${err instanceof Error ? err.message : String(err)}` });
        return;
      }
      const r = await loadPanelData(this.client, doc, cts.token);
      // An answer for an older request, or for a document the panel no longer shows: dropped.
      if (seq !== this.seq || !this.isCurrent(uri)) return;
      if (r.kind === 'stale') {
        if (this.staleRetries++ < MAX_STALE_RETRIES) this.schedule();
        return;
      }
      this.staleRetries = 0;
      if (r.kind === 'unavailable') {
        this.post({ type: 'status', state: 'unavailable', message: r.message });
        return;
      }
      this.loaded = r.loaded;
      this.updates++;
      this.post({ type: 'update', data: r.loaded.data });
    } finally {
      if (this.inflight === cts) this.inflight = undefined;
      cts.dispose();
    }
  }

  private post(m: HostMessage): void {
    void this.panel?.webview.postMessage(m);
  }

  private async onMessage(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (this.loaded) this.post({ type: 'update', data: this.loaded.data });
        else this.schedule(0);
        return;
      case 'reveal':
        await this.reveal(m.target);
        return;
      case 'export':
        await vscode.commands.executeCommand(Commands.exportMappings, { format: m.format, table: m.table, uri: this.uri?.toString() });
        return;
      case 'revealDrift':
        await this.revealDrift(m.index, m.version);
        return;
      case 'clearDrift':
        if (this.uri) await vscode.commands.executeCommand(Commands.clearVaultComparison, { uri: this.uri.toString() });
        return;
    }
  }

  /** Selects the definition of a clicked name in the editor showing the document (or opens one). */
  async reveal(target: RevealTarget): Promise<boolean> {
    const uri = this.uri;
    if (!uri) return false;
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!this.loaded || this.loaded.version !== doc.version) await this.refresh();
    const loaded = this.loaded;
    if (!loaded || loaded.version !== doc.version) return false;
    const def = findDefinition(loaded.definitions, target);
    if (!def) return false;
    const range = new vscode.Range(doc.positionAt(def.select.start), doc.positionAt(def.select.end));
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, selection: range,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  /** Selects the plan's node of a drift row (of the version the webview showed; none if the document changed since). */
  async revealDrift(index: number, version: number | null): Promise<boolean> {
    const uri = this.uri;
    const loaded = this.loaded;
    if (!uri || !loaded || loaded.version !== version) return false;
    const node = loaded.drift[index]?.node;
    if (!node) return false;
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.version !== loaded.version) return false;
    const range = new vscode.Range(doc.positionAt(node.start), doc.positionAt(node.end));
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, selection: range,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  private isCurrent(uri: vscode.Uri): boolean {
    return this.uri !== undefined && uri.toString() === this.uri.toString();
  }

  private activeTopologyUri(): vscode.Uri | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc?.languageId === LANGUAGE_ID ? doc.uri : undefined;
  }
}

function safeUri(s: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(s, true);
  } catch {
    return undefined;
  }
}
