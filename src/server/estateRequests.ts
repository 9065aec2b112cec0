/**
 * The estate's requests (docs/lsp.md): `asrTopology/importEstate` (the core's importEstate on
 * the files' bytes, off the extension host), `asrTopology/compareWithVault` and
 * `asrTopology/clearVaultComparison` (the document's drift, kept in VaultComparisons).
 * An input the core can't read is answered with a ResponseError naming the file; any other
 * throw is logged and answered as an internal error. Nothing here stops the server.
 */
import {
  ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type Disposable,
} from 'vscode-languageserver';
import type { Analysis } from '../core/analysis';
import { EstateInputError, importEstate, type EstateInput } from '../core/estate';
import {
  base64ToBytes, ClearVaultComparisonRequest, CompareWithVaultRequest, ImportEstateRequest,
  type ClearVaultComparisonResult, type CompareWithVaultResult, type EstateErrorData, type EstateFileKind,
  type ImportEstateResult,
} from '../protocol';
import type { VaultComparisons } from './vault';
import { onRequest } from './requests';

export interface EstateHost {
  /** The analysis of the open document's current version (undefined: not open). */
  analysisOf(uri: string): Analysis | undefined;
  versionOf(uri: string): number | undefined;
  /** Publishes the document's diagnostics again (its drift changed). */
  republish(uri: string): void;
  logError(where: string, err: unknown): void;
  /** One turn of the event loop (the runtime's). */
  yieldNow(): Promise<void>;
}

const KINDS: ReadonlySet<string> = new Set<EstateFileKind>(['vmm', 'asr', 'vnets']);

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function badParams(message: string): ResponseError {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function badInput(file: string, reason: string): ResponseError<EstateErrorData> {
  return new ResponseError<EstateErrorData>(ErrorCodes.InvalidParams, `${file}: ${reason}`, { file, reason });
}

/** The files of a request, checked one by one (a malformed one is refused by name). */
function readFiles(v: unknown, kindOf: (f: Record<string, unknown>, name: string) => EstateFileKind, token: CancellationToken): EstateInput[] {
  if (!Array.isArray(v) || v.length === 0) throw badParams('No files: give at least one.');
  const out: EstateInput[] = [];
  for (const [i, f] of v.entries()) {
    if (!isObj(f) || typeof f.data !== 'string') throw badParams(`File ${i + 1} is not { name, data }.`);
    const name = typeof f.name === 'string' && f.name !== '' ? f.name : `file ${i + 1}`;
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(f.data);
    } catch {
      throw badInput(name, 'its data is not base64.');
    }
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.');
    out.push({ name, bytes, kind: kindOf(f, name) });
  }
  return out;
}

export function registerEstateRequests(c: Connection, host: EstateHost, vault: VaultComparisons): Disposable[] {
  /** Runs a handler: ResponseErrors go to the client, the core's input errors become one, anything else is logged. */
  const run = async <T>(where: string, fn: () => T): Promise<T> => {
    try {
      // A turn of the event loop first: a cancellation sent right after the request is seen.
      await host.yieldNow();
      return fn();
    } catch (err: unknown) {
      if (err instanceof ResponseError) throw err;
      if (err instanceof EstateInputError) throw badInput(err.file, err.message);
      host.logError(where, err);
      throw new ResponseError(ErrorCodes.InternalError, `The language server failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const openAnalysis = (uri: unknown): { uri: string; a: Analysis } => {
    if (typeof uri !== 'string') throw badParams('No document uri.');
    const a = host.analysisOf(uri);
    if (!a) throw badParams(`${uri} is not open: open it first.`);
    return { uri, a };
  };

  return [
    onRequest(c, ImportEstateRequest, (p: unknown, token: CancellationToken) => run('importEstate', (): ImportEstateResult => {
      if (!isObj(p)) throw badParams('Expected { files, vaultLocation? }.');
      const inputs = readFiles(p.files, (f, name) => {
        if (typeof f.kind !== 'string' || !KINDS.has(f.kind)) throw badInput(name, `its kind must be vmm, asr or vnets, not ${JSON.stringify(f.kind)}.`);
        return f.kind as EstateFileKind;
      }, token);
      const location = typeof p.vaultLocation === 'string' && p.vaultLocation.trim() !== '' ? p.vaultLocation.trim() : undefined;
      const r = importEstate(inputs, location !== undefined ? { vaultLocation: location } : {});
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.');
      return { text: r.text, summary: { ...r.summary } };
    })),
    onRequest(c, CompareWithVaultRequest, (p: unknown, token: CancellationToken) => run('compareWithVault', (): CompareWithVaultResult => {
      if (!isObj(p)) throw badParams('Expected { uri, files }.');
      const { uri, a } = openAnalysis(p.uri);
      const inputs = readFiles(p.files, () => 'asr', token);
      const drift = vault.set(uri, a, inputs);
      host.republish(uri);
      return { version: host.versionOf(uri) ?? 0, drift };
    })),
    onRequest(c, ClearVaultComparisonRequest, (p: unknown) => run('clearVaultComparison', (): ClearVaultComparisonResult => {
      const uri = isObj(p) ? p.uri : undefined;
      if (typeof uri !== 'string') throw badParams('No document uri.');
      const cleared = vault.clear(uri);
      if (cleared) host.republish(uri);
      return { cleared };
    })),
  ];
}
