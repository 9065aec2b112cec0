/**
 * The panel's data for one document: the language server's `asrTopology/landings` answer
 * (no second parse here) and the document's diagnostics, as the webview's PanelData.
 * An answer for another version than the document's is refused (the caller asks again).
 */
import * as vscode from 'vscode';
import type { DefinitionRow } from '../../core/features';
import type { ServerHandle } from '../serverHandle';
import { isLandingsResponse, LandingsRequest, type DriftRow, type LandingsParams, type PanelData, type Severity } from '../../protocol';
import { RequestTimeout, sendRequest } from '../typedRequests';
import { toPanelData, type OffsetDiagnostic } from './locate';


export interface Loaded {
  readonly data: PanelData;
  readonly definitions: readonly DefinitionRow[];
  /** The drift from the vault export, where each is in the text (empty: not compared). */
  readonly drift: readonly DriftRow[];
  /** The document version the data is for. */
  readonly version: number;
}

export type LoadResult =
  | { readonly kind: 'ok'; readonly loaded: Loaded }
  | { readonly kind: 'stale' }
  | { readonly kind: 'unavailable'; readonly message: string };

function severity(s: vscode.DiagnosticSeverity): Severity {
  switch (s) {
    case vscode.DiagnosticSeverity.Error: return 'error';
    case vscode.DiagnosticSeverity.Warning: return 'warning';
    case vscode.DiagnosticSeverity.Information: return 'information';
    default: return 'hint';
  }
}

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return d.source ?? '?';
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function offsetDiagnostics(doc: vscode.TextDocument): OffsetDiagnostic[] {
  return vscode.languages.getDiagnostics(doc.uri).map((d) => ({
    code: codeOf(d),
    severity: severity(d.severity),
    message: d.message,
    start: doc.offsetAt(d.range.start),
    end: doc.offsetAt(d.range.end),
  }));
}

export function fileNameOf(uri: vscode.Uri): string {
  const parts = uri.path.split('/');
  return parts[parts.length - 1] ?? uri.toString();
}

export async function loadPanelData(client: ServerHandle, doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<LoadResult> {
  const lc = client.running;
  if (!lc) return { kind: 'unavailable', message: `The ASR Topology language server is ${client.serverState}; the panel fills in when it runs.` };
  const version = doc.version;
  try {
    const params: LandingsParams = { uri: lc.code2ProtocolConverter.asUri(doc.uri) };
    const answer = await sendRequest(lc, LandingsRequest, params, token);
    if (token?.isCancellationRequested) return { kind: 'stale' };
    if (!isLandingsResponse(answer)) return { kind: 'unavailable', message: 'The language server gave an answer the panel does not understand.' };
    // The server answers for the version it has; an open document's must be the one we asked about.
    if (doc.isClosed || doc.version !== version || (answer.version !== null && answer.version !== version)) return { kind: 'stale' };
    const data = toPanelData(answer, offsetDiagnostics(doc), doc.uri.toString(), fileNameOf(doc.uri));
    return { kind: 'ok', loaded: { data: { ...data, version }, definitions: answer.definitions, drift: answer.drift ?? [], version } };
  } catch (err: unknown) {
    // Cancelled by the caller: a newer version is coming. Timed out or failed: say so.
    if (token?.isCancellationRequested) return { kind: 'stale' };
    if (err instanceof RequestTimeout) return { kind: 'unavailable', message: `No answer yet: ${err.message}; the panel fills in with the next change.` };
    return { kind: 'unavailable', message: `The language server could not answer: ${err instanceof Error ? err.message : String(err)}` };
  }
}
