/**
 * The language server: a thin adapter from LSP to the core. One state per open document (its
 * version, text, incremental analysis and latest diagnostics), fed the editor's content
 * changes as they come; one analysis per version, made when first asked and shared by
 * diagnostics and every request. Diagnostics go out for the latest version only: pulled
 * (`textDocument/diagnostic`) by clients that can, pushed to the others as soon as a version is
 * analysed. A request whose token is cancelled, or whose document changed meanwhile, stops
 * early. Every handler is wrapped so that a throw in the core is logged and answered with an
 * empty result, and the server keeps running.
 */
import {
  CodeActionKind, DidChangeConfigurationNotification, DocumentDiagnosticReportKind, DocumentHighlightKind, ErrorCodes,
  LSPErrorCodes, ResponseError, TextDocumentSyncKind,
  type CancellationToken, type CodeAction, type Connection, type DocumentDiagnosticReport, type Hover, type Position,
  type Diagnostic as LspDiagnostic, type InitializeParams, type InitializeResult, type Range, type TextDocumentContentChangeEvent,
  type TextEdit as LspTextEdit, type WorkspaceEdit,
} from 'vscode-languageserver';
import { analyzeBytes, type Analysis } from '../core/analysis';
import { IncrementalAnalysis } from '../core/incremental';
import { completeAt } from '../core/features';
import { fixableAt, quickFixes, renameEdits, type TextEdit } from '../core/features';
import { hoverAt, type HoverResult } from '../core/features';
import { outline } from '../core/features';
import { entityOfName, nameAt, occurrences } from '../core/features';
import { topologySchema, type JsonSchema } from '../core/schema';
import { TIMERS_ONLY, type ServerRuntime } from './runtime';
import { availabilityRows, definitionRows, mappingRows } from '../core/features';
import type { Diagnostic } from '../core/types';
import { landingRow } from '../core/features';
import { toCompletionItem, toDocumentSymbol, toLspDiagnostic, toLspDiagnostics, toRange } from './convert';
import { LandingsRequest, SummaryRequest, summarizeLandings, type LandingsResponse, type ReplicaSummary } from '../protocol';
import { CONFIG_SECTION, DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';
import { registerEstateRequests } from './estateRequests';
import { onRequest } from './requests';
import { VaultComparisons } from './vault';

/** An open document: its version, its incremental analysis (which holds its text), its latest diagnostics. */
interface DocumentState {
  readonly uri: string;
  version: number;
  readonly analysis: IncrementalAnalysis;
  /** The version whose diagnostics were last sent (pushed or pulled), and them. */
  published: { readonly version: number; readonly diagnostics: LspDiagnostic[] } | undefined;
  /** A push of the latest version's diagnostics is on its way. */
  pending: boolean;
  /** The settings or the vault's drift changed while it was: it starts again. */
  stale: boolean;
}

/** How long a push of diagnostics waits for the messages sent with an edit (measured: 5 ms lets a completion sent with the key go first). */
export const PUSH_DELAY_MS = 5;

export interface ServerOptions {
  /** The topology JSON schema (tests give another); the core's bundled one when not given. */
  readonly schema?: JsonSchema;
  /** Files and timers, from the entry (Node or a web worker); the standard timers alone when not given. */
  readonly runtime?: ServerRuntime;
  /** Test hook: a feature whose handler throws, to prove the server survives it. */
  readonly fault?: string;
}

export class TopologyServer {
  private readonly documents = new Map<string, DocumentState>();
  /** Per-document settings pulled from the client (pull model), or the pushed global settings. */
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  private globalSettings: Settings = DEFAULT_SETTINGS;
  private canPullConfiguration = false;
  private canRegisterConfiguration = false;
  private snippetSupport = false;
  /** Requests being answered, and the pushes waiting for them (a completion or a hover typed for goes before diagnostics). */
  private answering = 0;
  private readonly whenAnswered: (() => void)[] = [];
  /** The client pulls diagnostics (`textDocument/diagnostic`): nothing is pushed to it. */
  private pullDiagnostics = false;
  private canRefreshDiagnostics = false;
  private schemaValue: JsonSchema | undefined | null = null;
  /** The documents compared with a vault export, and their drift. */
  private readonly vault = new VaultComparisons((where, err) => { this.logError(where, err); });

  private readonly runtime: ServerRuntime;

  constructor(private readonly connection: Connection, private readonly options: ServerOptions = {}) {
    this.runtime = options.runtime ?? TIMERS_ONLY;
  }

  private get schema(): JsonSchema | undefined {
    if (this.schemaValue === null) this.schemaValue = this.options.schema ?? topologySchema;
    return this.schemaValue;
  }

  start(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => {
      if (this.canRegisterConfiguration) {
        void c.client.register(DidChangeConfigurationNotification.type, { section: CONFIG_SECTION }).catch(() => undefined);
      }
    });
    c.onDidChangeConfiguration((change) => { this.guardVoid('didChangeConfiguration', () => {
      this.settingsCache.clear();
      const settings = (change.settings as Record<string, unknown> | null | undefined)?.[CONFIG_SECTION];
      if (!this.canPullConfiguration || settings !== undefined) this.globalSettings = parseSettings(settings);
      this.republishAll();
    }); });

    c.onDidOpenTextDocument((p) => { this.guardVoid('didOpen', () => {
      const { uri, version, text } = p.textDocument;
      this.documents.set(uri, { uri, version, analysis: new IncrementalAnalysis(text), published: undefined, pending: false, stale: false });
      this.schedule(uri);
    }); });
    c.onDidChangeTextDocument((p) => { this.guardVoid('didChange', () => {
      const state = this.documents.get(p.textDocument.uri);
      if (!state) return;
      for (const change of p.contentChanges) state.analysis.apply([this.offsets(state.analysis, change)]);
      state.version = p.textDocument.version;
      this.schedule(state.uri);
    }); });
    c.onDidCloseTextDocument((p) => { this.guardVoid('didClose', () => {
      const uri = p.textDocument.uri;
      this.documents.delete(uri);
      this.settingsCache.delete(uri);
      this.vault.clear(uri);
      if (!this.pullDiagnostics) void c.sendDiagnostics({ uri, diagnostics: [] });
    }); });
    c.languages.diagnostics.on((p, token) => this.guard<DocumentDiagnosticReport>(
      'diagnostic',
      { kind: DocumentDiagnosticReportKind.Full, items: [] },
      () => this.pulled(p.textDocument.uri, p.previousResultId, token),
    ));

    c.onHover((p, token) => this.guard('hover', null, async () => {
      this.fault('hover');
      const a = await this.analysisFor(p.textDocument.uri, token);
      if (!a) return null;
      const h = hoverAt(a, a.lines.offsetAt(p.position), this.schema);
      return h ? lspHover(h, (s) => a.lines.positionAt(s)) : null;
    }));
    c.onCompletion((p, token) => this.guard('completion', [], async () => {
      this.fault('completion');
      // At once, even after an edit of the estate: the estate and the VM at the cursor (core/incremental).
      const a = await this.analysisFor(p.textDocument.uri, token, true);
      if (!a) return [];
      return completeAt(a, a.lines.offsetAt(p.position), this.schema).map((x) => toCompletionItem(a, x, this.snippetSupport));
    }));
    c.onDefinition((p, token) => this.guard('definition', null, async () => {
      const a = await this.analysisFor(p.textDocument.uri, token);
      const n = a ? nameAt(a, a.lines.offsetAt(p.position)) : undefined;
      const e = n ? entityOfName(n) : undefined;
      if (!a || !e?.name) return null;
      return { uri: p.textDocument.uri, range: toRange(a, e.name.span) };
    }));
    c.onReferences((p, token) => this.guard('references', [], async () => {
      const a = await this.analysisFor(p.textDocument.uri, token);
      const n = a ? nameAt(a, a.lines.offsetAt(p.position)) : undefined;
      const e = n ? entityOfName(n) : undefined;
      if (!a || !e) return [];
      return occurrences(a, e, p.context.includeDeclaration).map((s) => ({ uri: p.textDocument.uri, range: toRange(a, s.span) }));
    }));
    c.onDocumentHighlight((p, token) => this.guard('documentHighlight', [], async () => {
      const a = await this.analysisFor(p.textDocument.uri, token);
      const n = a ? nameAt(a, a.lines.offsetAt(p.position)) : undefined;
      const e = n ? entityOfName(n) : undefined;
      if (!a || !e) return [];
      return occurrences(a, e, true).map((s) => ({
        range: toRange(a, s.span),
        kind: s === e.name ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
      }));
    }));
    c.onPrepareRename((p, token) => this.guard('prepareRename', null, async () => {
      const a = await this.analysisFor(p.textDocument.uri, token);
      const n = a ? nameAt(a, a.lines.offsetAt(p.position)) : undefined;
      const e = n ? entityOfName(n) : undefined;
      if (!a || !n || !e?.name) return null;
      return { range: toRange(a, n.str.span), placeholder: n.str.value };
    }));
    c.onRenameRequest((p, token) => this.guard('rename', null, async () => {
      const a = await this.analysisFor(p.textDocument.uri, token);
      const n = a ? nameAt(a, a.lines.offsetAt(p.position)) : undefined;
      const e = n ? entityOfName(n) : undefined;
      if (!a || !e) throw new ResponseError(ErrorCodes.InvalidRequest, 'Nothing to rename here: put the cursor on a name or a reference that resolves.');
      const r = renameEdits(a, e, p.newName);
      if (!r.ok) throw new ResponseError(ErrorCodes.InvalidRequest, r.message);
      return this.workspaceEdit(a, p.textDocument.uri, r.edits);
    }));
    c.onDocumentSymbol((p, token) => this.guard('documentSymbol', [], async () => {
      const a = await this.analysisFor(p.textDocument.uri, token);
      return a ? outline(a).map((n) => toDocumentSymbol(a, n)) : [];
    }));
    c.onCodeAction((p, token) => this.guard('codeAction', [], async () => {
      const settings = await this.settingsFor(p.textDocument.uri);
      const a = await this.analysisFor(p.textDocument.uri, token);
      if (!a) return [];
      return this.codeActions(a, p.textDocument.uri, p.range, p.context.diagnostics, settings);
    }));
    onRequest(c, LandingsRequest, (p) => this.guard<LandingsResponse>(
      'landings',
      { version: null, landings: [], mappings: [], availability: [], definitions: [], drift: null },
      () => this.landings(p.uri),
    ));
    onRequest(c, SummaryRequest, (p) => this.guard<ReplicaSummary>(
      'summary',
      summarizeLandings([]),
      () => {
        const a = this.analysisOf(p.uri);
        if (!a) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown document ${p.uri}`);
        return summarizeLandings(a.landings);
      },
    ));
    registerEstateRequests(c, {
      analysisOf: (uri) => this.analysisOf(uri),
      versionOf: (uri) => this.documents.get(uri)?.version,
      republish: (uri) => { this.republish(uri); },
      logError: (where, err) => { this.logError(where, err); },
      yieldNow: () => this.runtime.yieldNow(),
    }, this.vault);
    c.listen();
  }

  private initialize(p: InitializeParams): InitializeResult {
    const caps = p.capabilities;
    this.canPullConfiguration = caps.workspace?.configuration === true;
    this.canRegisterConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    this.snippetSupport = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
    this.pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
    this.canRefreshDiagnostics = caps.workspace?.diagnostics?.refreshSupport === true;
    const init = (p.initializationOptions as Record<string, unknown> | null | undefined)?.[CONFIG_SECTION];
    if (init !== undefined) this.globalSettings = parseSettings(init);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '-', '['], resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'ASR Topology' },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(this.pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'asr-topology-language-server', version: '0.1.0' },
    };
  }

  // --- analyses ---------------------------------------------------------------------------

  /** The analysis of the document's current version: made once per version, when first asked. */
  analysisOf(uri: string): Analysis | undefined {
    return this.documents.get(uri)?.analysis.analysis();
  }

  /** One LSP content change in offsets of the document's text as it is before it. */
  private offsets(analysis: IncrementalAnalysis, change: TextDocumentContentChangeEvent): { start: number; end: number; text: string } {
    if (!('range' in change)) return { start: 0, end: analysis.text.length, text: change.text };
    return { start: analysis.lines.offsetAt(change.range.start), end: analysis.lines.offsetAt(change.range.end), text: change.text };
  }

  /**
   * The analysis for a request, after the messages received meanwhile are handled: none when
   * the request was cancelled (RequestCancelled) or the document changed since it was asked
   * (ContentModified: its positions are of a text that is gone). `quick`: as completion needs it
   * (IncrementalAnalysis.quickAnalysis), not waiting for every VM after an edit of the estate.
   */
  private async analysisFor(uri: string, token: CancellationToken, quick = false): Promise<Analysis | undefined> {
    const version = this.documents.get(uri)?.version;
    await this.runtime.yieldNow();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const state = this.documents.get(uri);
    if (state && state.version !== version) throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
    return quick ? state?.analysis.quickAnalysis() : state?.analysis.analysis();
  }

  /** Pushes the current version's diagnostics as soon as the messages already received are handled (a burst of keys coalesces). */
  private schedule(uri: string): void {
    const state = this.documents.get(uri);
    if (!state || this.pullDiagnostics || state.pending) return;
    state.pending = true;
    void this.push(state);
  }

  /**
   * Lets the messages already received be handled (a newer didChange supersedes this version; a
   * completion sent with the key goes first): a few milliseconds, then what is queued.
   */
  private async drain(): Promise<void> {
    await new Promise<void>((done) => this.runtime.setTimer(done, PUSH_DELAY_MS));
    for (let i = 0; i < 2; i++) await this.runtime.yieldNow();
  }

  /** Analyses and pushes the latest version, and again if a newer one came meanwhile. */
  private async push(state: DocumentState): Promise<void> {
    try {
      for (;;) {
        await this.drain();
        await this.requestsAnswered();
        if (this.documents.get(state.uri) !== state) return;
        const version = state.version;
        const diagnostics = await this.diagnosticsOf(state);
        if (this.documents.get(state.uri) !== state) return;
        if (state.version !== version || state.stale) {
          state.stale = false;
          continue;
        }
        state.pending = false;
        state.published = { version, diagnostics };
        await this.connection.sendDiagnostics({ uri: state.uri, version, diagnostics });
        return;
      }
    } catch (err: unknown) {
      state.pending = false;
      this.logError('diagnostics', err);
    }
  }

  /** The LSP diagnostics of the document's current version, under its settings, with the vault's drift. */
  private async diagnosticsOf(state: DocumentState): Promise<LspDiagnostic[]> {
    const settings = await this.settingsFor(state.uri);
    const a = state.analysis.analysis();
    return this.vault.withDrift(state.uri, a, toLspDiagnostics(a, state.uri, settings), settings);
  }

  /** `textDocument/diagnostic`: the current version's diagnostics (unchanged since `previousResultId`: said so). */
  private async pulled(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const state = this.documents.get(uri);
    if (!state) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    await this.runtime.yieldNow();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
    const version = state.version;
    const resultId = `${version}`;
    if (state.published?.version === version && previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    const items = await this.diagnosticsOf(state);
    // A newer version came while the settings were asked: the client asks again for it.
    if (state.version !== version || token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'superseded', { retriggerRequest: true });
    state.published = { version, diagnostics: items };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  /** Settings or the vault's drift changed: the document's diagnostics again. */
  private republish(uri: string): void {
    const state = this.documents.get(uri);
    if (!state) return;
    state.published = undefined;
    state.stale = state.pending;
    if (this.pullDiagnostics) {
      if (this.canRefreshDiagnostics) void this.connection.languages.diagnostics.refresh().catch((err: unknown) => { this.logError('diagnostic/refresh', err); });
      return;
    }
    this.schedule(uri);
  }

  private republishAll(): void {
    for (const uri of this.documents.keys()) this.republish(uri);
  }

  private settingsFor(uri: string): Promise<Settings> {
    if (!this.canPullConfiguration) return Promise.resolve(this.globalSettings);
    let s = this.settingsCache.get(uri);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: CONFIG_SECTION })
        .then((v: unknown) => (v === null || v === undefined ? this.globalSettings : parseSettings(v)))
        .catch((err: unknown) => {
          this.logError('workspace/configuration', err);
          return this.globalSettings;
        });
      this.settingsCache.set(uri, s);
    }
    return s;
  }

  // --- features ---------------------------------------------------------------------------

  private workspaceEdit(a: Analysis, uri: string, edits: readonly TextEdit[]): WorkspaceEdit {
    const changes: LspTextEdit[] = edits.map((e) => ({ range: toRange(a, e.span), newText: e.newText }));
    return { changes: { [uri]: changes } };
  }

  private codeActions(a: Analysis, uri: string, range: Range, sent: readonly LspDiagnostic[], settings: Settings): CodeAction[] {
    const out: CodeAction[] = [];
    for (const d of fixableAt(a, { start: a.lines.offsetAt(range.start), end: a.lines.offsetAt(range.end) })) {
      const lsp = this.matching(a, uri, d, sent, settings);
      if (!lsp) continue;
      for (const f of quickFixes(a, d)) {
        out.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], isPreferred: f.preferred, edit: this.workspaceEdit(a, uri, f.edits) });
      }
    }
    return out;
  }

  /** The client's copy of a diagnostic (so the editor links the fix to it), else ours. */
  private matching(a: Analysis, uri: string, d: Diagnostic, sent: readonly LspDiagnostic[], settings: Settings): LspDiagnostic | undefined {
    const r = toRange(a, d.span);
    const same = sent.find((s) => s.code === d.code && s.range.start.line === r.start.line && s.range.start.character === r.start.character
      && s.range.end.line === r.end.line && s.range.end.character === r.end.character);
    return same ?? toLspDiagnostic(a, uri, d, settings);
  }

  private landings(uri: string): LandingsResponse {
    let a = this.analysisOf(uri);
    let version: number | null = this.documents.get(uri)?.version ?? null;
    const readFile = this.runtime.readFile;
    if (!a && uri.startsWith('file:') && readFile) {
      // Read as the CLI reads it: bytes that are not UTF-8 are a TOP001, never replaced.
      a = analyzeBytes(readFile(uri));
      version = null;
    }
    if (!a) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown document ${uri}`);
    return {
      version,
      landings: a.landings.map(landingRow),
      mappings: mappingRows(a),
      availability: availabilityRows(a),
      definitions: definitionRows(a),
      drift: this.vault.rows(uri, a),
    };
  }

  // --- never die --------------------------------------------------------------------------

  private fault(feature: string): void {
    if (this.options.fault === feature) throw new Error(`injected fault in ${feature}`);
  }

  private logError(where: string, err: unknown): void {
    const msg = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
    try {
      this.connection.console.error(`[${where}] ${msg}`);
    } catch {
      // the connection is gone: nothing to tell
    }
  }

  private guardVoid(where: string, fn: () => void): void {
    try {
      fn();
    } catch (err: unknown) {
      this.logError(where, err);
    }
  }

  /** Runs a handler; a ResponseError goes to the client, any other throw is logged and answered with `empty`. */
  private async guard<T>(where: string, empty: T, fn: () => T | Promise<T>): Promise<T> {
    this.answering++;
    try {
      return await fn();
    } catch (err: unknown) {
      if (err instanceof ResponseError) throw err;
      this.logError(where, err);
      return empty;
    } finally {
      if (--this.answering === 0) for (const wake of this.whenAnswered.splice(0)) wake();
    }
  }

  /** Resolves when no request is being answered: a push of diagnostics lets the requests received before it go first. */
  private async requestsAnswered(): Promise<void> {
    while (this.answering > 0) await new Promise<void>((wake) => this.whenAnswered.push(wake));
  }
}

/** The target whose name is closest to the source's ("VMNetwork2-NewYork" → "VMNetwork2-Chicago"). */

/** A hover as LSP has it; `position` places an offset of the text the hover was made for. */
function lspHover(h: HoverResult, position: (offset: number) => Position): Hover {
  return { contents: { kind: 'markdown', value: h.markdown }, range: { start: position(h.span.start), end: position(h.span.end) } };
}
