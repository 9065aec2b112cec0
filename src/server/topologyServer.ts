/**
 * The language server: a thin adapter from LSP to the core. One analysis per document
 * version, shared by diagnostics and every request; diagnostics are published for the
 * latest version only; every handler is wrapped so that a throw in the core is logged and
 * answered with an empty result, and the server keeps running.
 */
import {
  CodeActionKind, DidChangeConfigurationNotification, DocumentHighlightKind, ErrorCodes, ResponseError,
  TextDocumentSyncKind, TextDocuments,
  type CodeAction, type Connection, type Hover, type Position, type Diagnostic as LspDiagnostic, type InitializeParams, type InitializeResult,
  type Range, type TextEdit as LspTextEdit, type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeBytes, TopologySession, type Analysis } from '../core/analysis';
import { completeAfterEdit, hoverAfterEdit } from '../core/incremental';
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

/** How long to wait after a change before analysing (typing bursts make one analysis). */
export const DEBOUNCE_MS = 25;

interface Cached {
  readonly version: number;
  readonly analysis: Analysis;
}

export interface ServerOptions {
  /** The topology JSON schema (tests give another); the core's bundled one when not given. */
  readonly schema?: JsonSchema;
  /** Files and timers, from the entry (Node or a web worker); the standard timers alone when not given. */
  readonly runtime?: ServerRuntime;
  /** Test hook: a feature whose handler throws, to prove the server survives it. */
  readonly fault?: string;
}

export class TopologyServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly sessions = new Map<string, TopologySession>();
  private readonly cache = new Map<string, Cached>();
  private readonly timers = new Map<string, unknown>();
  /** The last version whose validation started, per document. */
  private readonly started = new Map<string, number>();
  /** Per-document settings pulled from the client (pull model), or the pushed global settings. */
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  private globalSettings: Settings = DEFAULT_SETTINGS;
  private canPullConfiguration = false;
  private canRegisterConfiguration = false;
  private snippetSupport = false;
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
      for (const doc of this.documents.all()) void this.validate(doc.uri, doc.version, true);
    }); });

    this.documents.onDidOpen((e) => { this.guardVoid('didOpen', () => void this.validate(e.document.uri, e.document.version)); });
    this.documents.onDidChangeContent((e) => { this.guardVoid('didChange', () => { this.schedule(e.document.uri); }); });
    this.documents.onDidClose((e) => { this.guardVoid('didClose', () => {
      const uri = e.document.uri;
      const t = this.timers.get(uri);
      if (t !== undefined) this.runtime.clearTimer(t);
      this.timers.delete(uri);
      this.cache.delete(uri);
      this.sessions.delete(uri);
      this.started.delete(uri);
      this.settingsCache.delete(uri);
      this.vault.clear(uri);
      void c.sendDiagnostics({ uri, diagnostics: [] });
    }); });

    c.onHover((p) => this.guard('hover', null, () => {
      this.fault('hover');
      const pending = this.unanalyzed(p.textDocument.uri);
      const quick = pending && hoverAfterEdit(pending.session.lastAnalyzed, pending.doc.getText(), pending.doc.offsetAt(p.position), this.schema);
      if (quick && pending) return quick.hover ? lspHover(quick.hover, (s) => pending.doc.positionAt(s)) : null;
      const a = this.analysisOf(p.textDocument.uri);
      if (!a) return null;
      const h = hoverAt(a, a.lines.offsetAt(p.position), this.schema);
      return h ? lspHover(h, (s) => a.lines.positionAt(s)) : null;
    }));
    c.onCompletion((p) => this.guard('completion', [], () => {
      this.fault('completion');
      const pending = this.unanalyzed(p.textDocument.uri);
      const quick = pending && completeAfterEdit(pending.session.lastAnalyzed, pending.doc.getText(), pending.doc.offsetAt(p.position), this.schema);
      if (quick) return quick.items.map((x) => toCompletionItem(quick.analysis, x, this.snippetSupport));
      const a = this.analysisOf(p.textDocument.uri);
      if (!a) return [];
      return completeAt(a, a.lines.offsetAt(p.position), this.schema).map((x) => toCompletionItem(a, x, this.snippetSupport));
    }));
    c.onDefinition((p) => this.guard('definition', null, () => {
      const a = this.analysisOf(p.textDocument.uri);
      const n = a ? nameAt(a, a.lines.offsetAt(p.position)) : undefined;
      const e = n ? entityOfName(n) : undefined;
      if (!a || !e?.name) return null;
      return { uri: p.textDocument.uri, range: toRange(a, e.name.span) };
    }));
    c.onReferences((p) => this.guard('references', [], () => {
      const a = this.analysisOf(p.textDocument.uri);
      const n = a ? nameAt(a, a.lines.offsetAt(p.position)) : undefined;
      const e = n ? entityOfName(n) : undefined;
      if (!a || !e) return [];
      return occurrences(a, e, p.context.includeDeclaration).map((s) => ({ uri: p.textDocument.uri, range: toRange(a, s.span) }));
    }));
    c.onDocumentHighlight((p) => this.guard('documentHighlight', [], () => {
      const a = this.analysisOf(p.textDocument.uri);
      const n = a ? nameAt(a, a.lines.offsetAt(p.position)) : undefined;
      const e = n ? entityOfName(n) : undefined;
      if (!a || !e) return [];
      return occurrences(a, e, true).map((s) => ({
        range: toRange(a, s.span),
        kind: s === e.name ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
      }));
    }));
    c.onPrepareRename((p) => this.guard('prepareRename', null, () => {
      const a = this.analysisOf(p.textDocument.uri);
      const n = a ? nameAt(a, a.lines.offsetAt(p.position)) : undefined;
      const e = n ? entityOfName(n) : undefined;
      if (!a || !n || !e?.name) return null;
      return { range: toRange(a, n.str.span), placeholder: n.str.value };
    }));
    c.onRenameRequest((p) => this.guard('rename', null, () => {
      const a = this.analysisOf(p.textDocument.uri);
      const n = a ? nameAt(a, a.lines.offsetAt(p.position)) : undefined;
      const e = n ? entityOfName(n) : undefined;
      if (!a || !e) throw new ResponseError(ErrorCodes.InvalidRequest, 'Nothing to rename here: put the cursor on a name or a reference that resolves.');
      const r = renameEdits(a, e, p.newName);
      if (!r.ok) throw new ResponseError(ErrorCodes.InvalidRequest, r.message);
      return this.workspaceEdit(a, p.textDocument.uri, r.edits);
    }));
    c.onDocumentSymbol((p) => this.guard('documentSymbol', [], () => {
      const a = this.analysisOf(p.textDocument.uri);
      return a ? outline(a).map((n) => toDocumentSymbol(a, n)) : [];
    }));
    c.onCodeAction((p) => this.guard('codeAction', [], async () => {
      const a = this.analysisOf(p.textDocument.uri);
      if (!a) return [];
      const settings = await this.settingsFor(p.textDocument.uri);
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
      republish: (uri) => { const v = this.documents.get(uri)?.version; if (v !== undefined) void this.validate(uri, v, true); },
      logError: (where, err) => { this.logError(where, err); },
      yieldNow: () => this.runtime.yieldNow(),
    }, this.vault);
    c.onShutdown(() => {
      for (const t of this.timers.values()) this.runtime.clearTimer(t);
      this.timers.clear();
    });

    this.documents.listen(c);
    c.listen();
  }

  private initialize(p: InitializeParams): InitializeResult {
    const caps = p.capabilities;
    this.canPullConfiguration = caps.workspace?.configuration === true;
    this.canRegisterConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    this.snippetSupport = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
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
      },
      serverInfo: { name: 'asr-topology-language-server', version: '0.1.0' },
    };
  }

  // --- analyses ---------------------------------------------------------------------------

  /** The analysis of the document's current version: cached, computed once per version. */
  analysisOf(uri: string): Analysis | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const hit = this.cache.get(uri);
    if (hit && hit.version === doc.version) return hit.analysis;
    // An older version's analysis answers nothing any more: let it go before the new one is made.
    this.cache.delete(uri);
    let session = this.sessions.get(uri);
    if (!session) this.sessions.set(uri, (session = new TopologySession()));
    const analysis = session.update(doc.getText());
    this.cache.set(uri, { version: doc.version, analysis });
    return analysis;
  }

  /**
   * The document and its session while its current version is not analysed yet: a hover or a
   * completion then tries to answer without the analysis (core/after-edit.ts: an edit inside one
   * VM), and analyses the version when it can't.
   */
  private unanalyzed(uri: string): { doc: TextDocument; session: TopologySession } | undefined {
    const doc = this.documents.get(uri);
    const session = this.sessions.get(uri);
    return doc && session && this.cache.get(uri)?.version !== doc.version ? { doc, session } : undefined;
  }

  private schedule(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const old = this.timers.get(uri);
    if (old !== undefined) this.runtime.clearTimer(old);
    const version = doc.version;
    this.timers.set(uri, this.runtime.setTimer(() => {
      this.timers.delete(uri);
      void this.validate(uri, version);
    }, DEBOUNCE_MS));
  }

  private isCurrent(uri: string, version: number): boolean {
    return this.documents.get(uri)?.version === version;
  }

  /** Lets the messages already received be handled (a newer didChange makes this version stale). */
  private async drain(): Promise<void> {
    for (let i = 0; i < 3; i++) await this.runtime.yieldNow();
  }

  /** Analyses and publishes one version, unless a newer one came meanwhile. */
  private async validate(uri: string, version: number, force = false): Promise<void> {
    try {
      if (!this.isCurrent(uri, version)) return;
      // Opening a document fires both didOpen and a content change: one validation per version.
      if (!force && this.started.get(uri) === version) return;
      this.started.set(uri, version);
      const settings = await this.settingsFor(uri);
      await this.drain();
      if (!this.isCurrent(uri, version)) return;
      const a = this.analysisOf(uri);
      if (!a) return;
      const diagnostics = this.vault.withDrift(uri, a, toLspDiagnostics(a, uri, settings), settings);
      await this.drain();
      if (!this.isCurrent(uri, version)) return;
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (err: unknown) {
      this.logError('diagnostics', err);
    }
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
    try {
      return await fn();
    } catch (err: unknown) {
      if (err instanceof ResponseError) throw err;
      this.logError(where, err);
      return empty;
    }
  }
}

/** The target whose name is closest to the source's ("VMNetwork2-NewYork" → "VMNetwork2-Chicago"). */

/** A hover as LSP has it; `position` places an offset of the text the hover was made for. */
function lspHover(h: HoverResult, position: (offset: number) => Position): Hover {
  return { contents: { kind: 'markdown', value: h.markdown }, range: { start: position(h.span.start), end: position(h.span.end) } };
}
