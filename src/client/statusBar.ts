/**
 * Status bar item for the active topology file: its problem count (from
 * vscode.languages.getDiagnostics) and, when the server answers `asrTopology/summary`,
 * how many replicas connect on failover (five counts, not every NIC's row).
 */
import * as vscode from 'vscode';
import { DISPLAY_NAME, LANGUAGE_ID } from './constants';
import { errorCode, METHOD_NOT_FOUND, type ServerHandle } from './serverHandle';
import { isReplicaSummary, SummaryRequest, type LandingsParams, type ReplicaSummary } from '../protocol';
import { sendRequest } from './typedRequests';

const LANDINGS_DEBOUNCE_MS = 300;

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export function countProblems(diagnostics: readonly vscode.Diagnostic[]): ProblemCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

export function formatStatus(p: ProblemCounts, r: ReplicaSummary | undefined): string {
  let text = `$(error) ${p.errors} $(warning) ${p.warnings} $(info) ${p.infos}`;
  if (r && r.protectedNics > 0) text += ` $(cloud-upload) ${r.connected}/${r.protectedNics} replicas connect`;
  return text;
}

export class TopologyStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('asrTopology.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: { dispose(): unknown }[] = [this.item];
  /** The server answered MethodNotFound: don't ask again until it restarts. */
  private landingsUnsupported = false;
  private replicas: { uri: string; version: number; summary: ReplicaSummary } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inflight: vscode.CancellationTokenSource | undefined;

  constructor(private readonly client: ServerHandle) {
    this.item.name = `${DISPLAY_NAME} problems`;
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => { this.update(); this.scheduleLandings(); }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = this.activeDocument()?.uri.toString();
        if (uri !== undefined && e.uris.some((u) => u.toString() === uri)) {
          this.update();
          this.scheduleLandings();
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.activeDocument()) this.scheduleLandings();
      }),
      client.onDidChangeState((s) => {
        if (s === 'running') this.landingsUnsupported = false;
        this.update();
        this.scheduleLandings();
      }),
    );
    this.update();
    this.scheduleLandings();
  }

  /** What the item shows now (for tests and the API), or undefined when hidden. */
  get text(): string | undefined {
    return this.activeDocument() ? this.item.text : undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.inflight?.cancel();
    this.inflight?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private activeDocument(): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc?.languageId === LANGUAGE_ID ? doc : undefined;
  }

  private update(): void {
    const doc = this.activeDocument();
    if (!doc) {
      this.item.hide();
      return;
    }
    const problems = countProblems(vscode.languages.getDiagnostics(doc.uri));
    const r = this.replicas?.uri === doc.uri.toString() ? this.replicas.summary : undefined;
    this.item.text = formatStatus(problems, r);
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${DISPLAY_NAME}**: ${problems.errors} errors, ${problems.warnings} warnings, ${problems.infos} infos`);
    if (r) {
      tip.appendMarkdown(`\n\nFailover: ${r.connected} of ${r.protectedNics} protected NICs connect, ${r.notConnected} don't`);
      tip.appendMarkdown(`\n\nFailback: ${r.failbackDisconnected} original VMs would disconnect`);
    }
    const state = this.client.serverState;
    if (state !== 'running') tip.appendMarkdown(`\n\nLanguage server: ${state}`);
    this.item.tooltip = tip;
    this.item.show();
  }

  private scheduleLandings(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { void this.fetchLandings(); }, LANDINGS_DEBOUNCE_MS);
  }

  private async fetchLandings(): Promise<void> {
    const doc = this.activeDocument();
    const lc = this.client.running;
    if (!doc || !lc || this.landingsUnsupported) return;
    this.inflight?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.inflight = cts;
    const params: LandingsParams = { uri: lc.code2ProtocolConverter.asUri(doc.uri) };
    const version = doc.version;
    try {
      const result = await sendRequest(lc, SummaryRequest, params, cts.token);
      if (cts.token.isCancellationRequested) return;
      if (!isReplicaSummary(result)) {
        this.client.output.debug(`${SummaryRequest.method}: unexpected answer, ignored`);
        return;
      }
      this.replicas = { uri: doc.uri.toString(), version, summary: result };
      this.update();
    } catch (err: unknown) {
      if (errorCode(err) === METHOD_NOT_FOUND) {
        this.landingsUnsupported = true;
        this.client.output.info(`The server does not answer ${SummaryRequest.method}; the status bar shows problem counts only.`);
      } else if (!cts.token.isCancellationRequested) {
        this.client.output.debug(`${SummaryRequest.method} failed: ${String(err)}`);
      }
    } finally {
      if (this.inflight === cts) this.inflight = undefined;
      cts.dispose();
    }
  }
}

export function registerStatusBar(client: ServerHandle): TopologyStatusBar {
  return new TopologyStatusBar(client);
}
