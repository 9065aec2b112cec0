/**
 * The server's custom requests, typed once (vscode-languageserver-protocol's RequestType: the
 * client's and the server's libraries share that one package) for the server's handlers, the
 * client's calls and the tests alike. `asrTopology/landings` answers the landings (one row per NIC, the
 * CLI's JSON shape) and, for the mapping panel, the article's tables; `asrTopology/summary`
 * the five counts of the status bar; the estate requests import and compare with the vault.
 * See docs/lsp.md.
 */

import type { AvailabilityRow, DefinitionRow, LandingRow, MappingRow } from '../core/features';
import type { Span } from '../core/types';
import { RequestType } from 'vscode-languageserver-protocol';

export interface LandingsParams {
  readonly uri: string;
}

/** `asrTopology/landings`: the rows of the landings table and of the mapping panel. */
export const LandingsRequest = new RequestType<LandingsParams, LandingsResponse, void>('asrTopology/landings');

/** `asrTopology/summary`: the counts the status bar shows, without every NIC's row. */
export const SummaryRequest = new RequestType<LandingsParams, ReplicaSummary, void>('asrTopology/summary');

/** How many replicas connect, and how many don't (the status bar). */
export interface ReplicaSummary {
  readonly nics: number;
  readonly protectedNics: number;
  readonly connected: number;
  readonly notConnected: number;
  readonly failbackDisconnected: number;
}

/** The summary of landings (the core's or the wire's rows: both carry the statuses). */
export function summarizeLandings(landings: readonly { readonly failover: { readonly status: string }; readonly failback: { readonly status: string } }[]): ReplicaSummary {
  let protectedNics = 0;
  let connected = 0;
  let notConnected = 0;
  let failbackDisconnected = 0;
  for (const l of landings) {
    if (l.failover.status === 'not-protected') continue;
    protectedNics++;
    if (l.failover.status === 'connected') connected++;
    else notConnected++;
    if (l.failback.status === 'disconnected') failbackDisconnected++;
  }
  return { nics: landings.length, protectedNics, connected, notConnected, failbackDisconnected };
}

/** The client's check of the server's summary: it never trusts a shape blindly. */
export function isReplicaSummary(value: unknown): value is ReplicaSummary {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['nics', 'protectedNics', 'connected', 'notConnected', 'failbackDisconnected'].every((k) => Number.isInteger(v[k]) && (v[k] as number) >= 0);
}

export interface LandingsResponse {
  /** The document version the rows are for (null: read from disk, not open). */
  readonly version: number | null;
  readonly landings: LandingRow[];
  readonly mappings: MappingRow[];
  readonly availability: AvailabilityRow[];
  /** Where every named thing, pair, mapping and NIC is in the text (offsets), for the mapping panel. */
  readonly definitions: DefinitionRow[];
  /** The drift from the vault export the document is compared with; null: not compared (see compareWithVault); the server always sends it. */
  readonly drift?: DriftRow[] | null;
}

/** The panel's check of the server's landings answer (it never trusts a shape blindly). */
export function isLandingsResponse(v: unknown): v is LandingsResponse {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const spanOk = (s: unknown): boolean => typeof s === 'object' && s !== null
    && typeof (s as Span).start === 'number' && typeof (s as Span).end === 'number';
  return (r.version === null || typeof r.version === 'number')
    && Array.isArray(r.landings) && Array.isArray(r.mappings) && Array.isArray(r.availability)
    && Array.isArray(r.definitions)
    && (r.drift === undefined || r.drift === null || (Array.isArray(r.drift) && r.drift.every((d: unknown) => typeof d === 'object' && d !== null
      && typeof (d as DriftRow).kind === 'string' && typeof (d as DriftRow).message === 'string' && typeof (d as DriftRow).code === 'string'
      && spanOk((d as DriftRow).shownAt) && ((d as DriftRow).node === null || spanOk((d as DriftRow).node)))))
    && r.definitions.every((d: unknown) => typeof d === 'object' && d !== null
      && typeof (d as DefinitionRow).kind === 'string' && typeof (d as DefinitionRow).name === 'string'
      && spanOk((d as DefinitionRow).select) && spanOk((d as DefinitionRow).node));
}

// --- the estate: import, compare with the vault (docs/lsp.md, docs/estate-vscode.md) ----------

/** What an input file is: a VMM collector dump, a vault export, Azure virtual networks. */
export type EstateFileKind = 'vmm' | 'asr' | 'vnets';

/** A file as the client read it: its name (for messages), its bytes in base64 (any encoding: the server decodes). */
export interface EstateFile {
  readonly name: string;
  readonly data: string;
}

export const ImportEstateRequest = new RequestType<ImportEstateParams, ImportEstateResult, void>('asrTopology/importEstate');

export interface ImportEstateParams {
  readonly files: readonly (EstateFile & { readonly kind: EstateFileKind })[];
  /** `azure.vaultLocation` of the result; absent: left out with a `# TODO`. */
  readonly vaultLocation?: string;
}

export interface ImportEstateResult {
  /** The topology file, as `asr-topology import` writes it. */
  readonly text: string;
  readonly summary: { readonly sites: number; readonly clouds: number; readonly vms: number; readonly mappings: number; readonly todos: number };
}

/**
 * From this request on, every version of the document `uri` is compared with the vault export
 * `files` (kind `asr`) and the drift published with its diagnostics (TOP070–TOP078), until
 * `asrTopology/clearVaultComparison` or the document closes. Answers the drift of the current version.
 */
export const CompareWithVaultRequest = new RequestType<CompareWithVaultParams, CompareWithVaultResult, void>('asrTopology/compareWithVault');

export interface CompareWithVaultParams {
  readonly uri: string;
  readonly files: readonly EstateFile[];
}

export interface CompareWithVaultResult {
  readonly version: number;
  readonly drift: DriftRow[];
}

export const ClearVaultComparisonRequest = new RequestType<ClearVaultComparisonParams, ClearVaultComparisonResult, void>('asrTopology/clearVaultComparison');

export interface ClearVaultComparisonParams {
  readonly uri: string;
}

export interface ClearVaultComparisonResult {
  /** false: the document had no comparison. */
  readonly cleared: boolean;
}

/**
 * An input the server can't read (truncated JSON, the wrong kind of file...): a ResponseError
 * with code InvalidParams, the message `FILE: why`, and this as its data.
 */
export interface EstateErrorData {
  readonly file: string;
  readonly reason: string;
}

/** One difference between the plan and the vault (the CLI's `drift --format json` row, with where it is in the plan). */
export interface DriftRow {
  readonly kind: string;
  readonly subject: string;
  readonly plan: string | null;
  readonly vault: string | null;
  readonly message: string;
  /** The TOP070–TOP078 code of its diagnostic. */
  readonly code: string;
  /** The plan's node it is about (UTF-16 offsets); null: the vault has it and the plan doesn't (shown on the top-level key). */
  readonly node: Span | null;
  /** Where its diagnostic is: the node, or the top-level key the drift belongs under. */
  readonly shownAt: Span;
}

// --- base64 of the files' bytes: the same in Node (Buffer) and in a browser's web worker ----------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const DECODE = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

interface NodeBuffer {
  from(b: ArrayBufferLike, o: number, l: number): { toString(enc: 'base64'): string };
  from(s: string, enc: 'base64'): Uint8Array;
}
const nodeBuffer = (): NodeBuffer | undefined => (globalThis as { Buffer?: NodeBuffer }).Buffer;

export function bytesToBase64(bytes: Uint8Array): string {
  const B = nodeBuffer();
  if (B) return B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = ENCODE[(v >> 6) & 63]!;
    out[o++] = ENCODE[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8);
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = i + 1 < n ? ENCODE[(v >> 6) & 63]! : 61; // '='
    out[o] = 61;
  }
  // ASCII only: any single-byte decoding gives the same text.
  return new TextDecoder('latin1').decode(out);
}

/** The bytes of a base64 string; throws on anything that is not base64. */
export function base64ToBytes(s: string): Uint8Array {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new Error('not base64');
  const B = nodeBuffer();
  if (B) {
    const b = B.from(s, 'base64');
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const v = (DECODE[s.charCodeAt(i)]! << 18) | (DECODE[s.charCodeAt(i + 1)]! << 12)
      | ((DECODE[s.charCodeAt(i + 2)]! & 63) << 6) | (DECODE[s.charCodeAt(i + 3)]! & 63);
    out[o++] = v >> 16;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}
