/**
 * ASR Topology: Compare with Vault Export… (`asrTopology.compareWithVault`) and Clear Vault
 * Comparison (`asrTopology.clearVaultComparison`). Compare sends the vault export files to
 * the language server for the active topology document (`asrTopology/compareWithVault`); from
 * then on every version's diagnostics include the drift (TOP070–TOP078) and the mapping panel lists
 * it, until Clear or the document closes; after a restart of the server the client sends the
 * comparisons of open documents again. The context key `asrTopology.vaultCompared` is true
 * while the active document is compared.
 *
 * Arguments (tests, automation; no dialog then): compare takes a list of file URIs or
 * `{ files: [...], uri?: string }` and returns the server's answer; clear takes `{ uri? }`.
 */
import * as vscode from 'vscode';
import {
  ClearVaultComparisonRequest, CompareWithVaultRequest, type ClearVaultComparisonParams,
  type CompareWithVaultParams, type CompareWithVaultResult, type EstateFile,
} from '../../protocol';
import { Commands, LANGUAGE_ID } from '../constants';
import type { ServerHandle } from '../serverHandle';
import { baseName, errorText, parseFileList, pickFiles, plural, readFiles, toWire, type PickedFile } from './files';

export const VAULT_COMPARED_CONTEXT = 'asrTopology.vaultCompared';

function argUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const u = typeof arg === 'object' && arg !== null ? (arg as { uri?: unknown }).uri : undefined;
  if (u instanceof vscode.Uri) return u;
  if (typeof u !== 'string') return undefined;
  try {
    return vscode.Uri.parse(u, true);
  } catch {
    return undefined;
  }
}

function activeTopology(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.languageId === LANGUAGE_ID ? doc : undefined;
}

async function targetDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = argUri(arg);
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : activeTopology();
  if (!doc) void vscode.window.showInformationMessage('ASR Topology: open a topology file to compare it with the vault.');
  return doc;
}

function isResult(v: unknown): v is CompareWithVaultResult {
  return typeof v === 'object' && v !== null && typeof (v as { version?: unknown }).version === 'number'
    && Array.isArray((v as { drift?: unknown }).drift);
}

export class VaultComparisonCommands implements vscode.Disposable {
  /** The documents compared, with the files sent (sent again to a restarted server). */
  private readonly compared = new Map<string, { readonly uri: vscode.Uri; readonly files: readonly EstateFile[] }>();
  private wasRunning: boolean;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly client: ServerHandle) {
    this.disposables = [
      vscode.commands.registerCommand(Commands.compareWithVault, (arg?: unknown) => this.compare(arg)),
      vscode.commands.registerCommand(Commands.clearVaultComparison, (arg?: unknown) => this.clear(arg)),
      vscode.window.onDidChangeActiveTextEditor(() => { this.updateContext(); }),
      vscode.workspace.onDidCloseTextDocument((d) => { if (this.compared.delete(d.uri.toString())) this.updateContext(); }),
      client.onDidChangeState((s) => {
        if (s === 'running' && !this.wasRunning) void this.resend();
        this.wasRunning = s === 'running';
      }),
    ];
    this.wasRunning = client.serverState === 'running';
  }

  /** A new server knows no comparison: each open document compared before is compared again. */
  private async resend(): Promise<void> {
    const lc = this.client.running;
    if (!lc) return;
    for (const [key, c] of [...this.compared]) {
      const params: CompareWithVaultParams = { uri: lc.code2ProtocolConverter.asUri(c.uri), files: c.files };
      try {
        await lc.sendRequest(CompareWithVaultRequest, params);
      } catch (err: unknown) {
        this.compared.delete(key);
        this.client.output.warn(`The vault comparison of ${c.uri.toString()} was not restored: ${errorText(err)}`);
      }
    }
    this.updateContext();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  async compare(arg?: unknown): Promise<CompareWithVaultResult | undefined> {
    const given = parseFileList(arg) ?? parseFileList(typeof arg === 'object' && arg !== null ? (arg as { files?: unknown }).files : undefined);
    // A URI, or `{ uri }`, names the document (a menu passes the editor's URI); else the active editor's.
    const doc = await targetDocument(Array.isArray(arg) ? undefined : arg);
    if (!doc) return undefined;
    const picked: PickedFile[] | undefined = given
      ?? await pickFiles(`Compare ${baseName(doc.uri)} with the vault: its Site Recovery export files`, 'Compare');
    if (!picked) return undefined;
    const files = await readFiles(picked);
    if (!files) return undefined;
    const lc = this.client.running;
    if (!lc) {
      void vscode.window.showErrorMessage(`ASR Topology: cannot compare: the language server is ${this.client.serverState}.`);
      return undefined;
    }
    const wired = files.map(toWire);
    const params: CompareWithVaultParams = { uri: lc.code2ProtocolConverter.asUri(doc.uri), files: wired };
    let answer: unknown;
    try {
      answer = await vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification,
        title: `ASR Topology: comparing ${baseName(doc.uri)} with the vault`,
      }, () => lc.sendRequest(CompareWithVaultRequest, params) as Promise<unknown>);
    } catch (err: unknown) {
      void vscode.window.showErrorMessage(`ASR Topology: cannot compare with ${errorText(err)}`);
      return undefined;
    }
    if (!isResult(answer)) {
      void vscode.window.showErrorMessage('ASR Topology: the language server gave an answer the comparison does not understand.');
      return undefined;
    }
    this.compared.set(doc.uri.toString(), { uri: doc.uri, files: wired });
    this.updateContext();
    const n = answer.drift.length;
    const text = n === 0
      ? `ASR Topology: the vault matches ${baseName(doc.uri)}: no drift.`
      : `ASR Topology: ${plural(n, 'difference')} between ${baseName(doc.uri)} and the vault, shown as problems (TOP070–TOP078) until you clear the comparison.`;
    void vscode.window.showInformationMessage(text, 'Show Network Mapping', 'Clear').then((pick) => {
      if (pick === 'Show Network Mapping') void vscode.commands.executeCommand(Commands.showMappings, doc.uri);
      if (pick === 'Clear') void vscode.commands.executeCommand(Commands.clearVaultComparison, { uri: doc.uri.toString() });
    });
    return answer;
  }

  async clear(arg?: unknown): Promise<boolean> {
    const uri = argUri(arg) ?? activeTopology()?.uri;
    const lc = this.client.running;
    if (!uri || !lc) return false;
    const params: ClearVaultComparisonParams = { uri: lc.code2ProtocolConverter.asUri(uri) };
    try {
      const r: unknown = await lc.sendRequest(ClearVaultComparisonRequest, params);
      this.compared.delete(uri.toString());
      this.updateContext();
      return typeof r === 'object' && r !== null && (r as { cleared?: unknown }).cleared === true;
    } catch (err: unknown) {
      void vscode.window.showErrorMessage(`ASR Topology: cannot clear the comparison: ${errorText(err)}`);
      return false;
    }
  }

  private updateContext(): void {
    const doc = activeTopology();
    void vscode.commands.executeCommand('setContext', VAULT_COMPARED_CONTEXT, doc !== undefined && this.compared.has(doc.uri.toString()));
  }
}
