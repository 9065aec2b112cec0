/**
 * The server's custom requests. `asrTopology/landings` answers the landings of spec §5 (one
 * row per NIC, the CLI's JSON shape) and, for the mapping panel, the article's tables.
 * See docs/lsp.md.
 */
import type { LandingRow } from '../core/features';
import type { AvailabilityRow, DefinitionRow, MappingRow } from '../core/features';
import type { Span } from '../core/types';

export const LandingsRequestMethod = 'asrTopology/landings';

export interface LandingsParams {
  readonly uri: string;
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

/** Where each code's documentation is: the README's section for it (`#top020`). */
export const CODE_DOCS_BASE = 'https://github.com/asr-topology/asr-topology-vscode';

export function codeHref(code: string): string {
  return `${CODE_DOCS_BASE}#${code.toLowerCase()}`;
}

// --- the estate: import, compare with the vault (docs/lsp.md, docs/estate-vscode.md) ----------

/** What an input file is: a VMM collector dump, a vault export, Azure virtual networks. */
export type EstateFileKind = 'vmm' | 'asr' | 'vnets';

/** A file as the client read it: its name (for messages), its bytes in base64 (any encoding: the server decodes). */
export interface EstateFile {
  readonly name: string;
  readonly data: string;
}

export const ImportEstateRequestMethod = 'asrTopology/importEstate';

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
 * `files` (kind `asr`) and the drift published with its diagnostics (TOP07x), until
 * `asrTopology/clearVaultComparison` or the document closes. Answers the drift of the current version.
 */
export const CompareWithVaultRequestMethod = 'asrTopology/compareWithVault';

export interface CompareWithVaultParams {
  readonly uri: string;
  readonly files: readonly EstateFile[];
}

export interface CompareWithVaultResult {
  readonly version: number;
  readonly drift: DriftRow[];
}

export const ClearVaultComparisonRequestMethod = 'asrTopology/clearVaultComparison';

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
  /** The TOP07x code of its diagnostic. */
  readonly code: string;
  /** The plan's node it is about (UTF-16 offsets); null: the vault has it and the plan doesn't (shown on the top-level key). */
  readonly node: Span | null;
  /** Where its diagnostic is: the node, or the top-level key the drift belongs under. */
  readonly shownAt: Span;
}

// --- base64 of the files' bytes: the same in Node and in a browser's web worker ------------------

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  const B = (globalThis as { Buffer?: { from(b: ArrayBufferLike, o: number, l: number): { toString(enc: 'base64'): string } } }).Buffer;
  if (B) return B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK * 3) {
    let bin = '';
    const part = bytes.subarray(i, i + CHUNK * 3);
    for (let j = 0; j < part.length; j += CHUNK) bin += String.fromCharCode(...part.subarray(j, j + CHUNK));
    out += btoa(bin);
  }
  return out;
}

/** The bytes of a base64 string; throws on anything that is not base64. */
export function base64ToBytes(s: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) throw new Error('not base64');
  const B = (globalThis as { Buffer?: { from(s: string, enc: 'base64'): Uint8Array } }).Buffer;
  if (B) {
    const b = B.from(s, 'base64');
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
