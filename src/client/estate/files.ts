/**
 * What the estate commands share: the command arguments (file URIs, for tests and automation),
 * the open dialog, reading the files (vscode.workspace.fs: local, remote and virtual alike),
 * and the language server's answer to a bad input.
 */
import * as vscode from 'vscode';
import { bytesToBase64, type EstateErrorData, type EstateFile, type EstateFileKind } from '../../protocol';

export interface PickedFile {
  readonly uri: vscode.Uri;
  /** Given by the caller; undefined: recognised from the content, or asked. */
  readonly kind: EstateFileKind | undefined;
}

export interface ReadFile {
  readonly uri: vscode.Uri;
  readonly name: string;
  readonly bytes: Uint8Array;
}

const KINDS: readonly string[] = ['vmm', 'asr', 'vnets'];

function toUri(v: unknown): vscode.Uri | undefined {
  if (v instanceof vscode.Uri) return v;
  if (typeof v === 'string' && v !== '') {
    try {
      return vscode.Uri.parse(v, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A list of files: URIs (or URI strings), or `{ uri, kind }` items. Undefined: not such a list. */
export function parseFileList(v: unknown): PickedFile[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const out: PickedFile[] = [];
  for (const item of v) {
    const plain = toUri(item);
    if (plain) {
      out.push({ uri: plain, kind: undefined });
      continue;
    }
    if (typeof item !== 'object' || item === null) return undefined;
    const o = item as Record<string, unknown>;
    const uri = toUri(o.uri);
    if (!uri) return undefined;
    out.push({ uri, kind: typeof o.kind === 'string' && KINDS.includes(o.kind) ? o.kind as EstateFileKind : undefined });
  }
  return out;
}

export function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

export async function pickFiles(title: string, openLabel: string): Promise<PickedFile[] | undefined> {
  const uris = await vscode.window.showOpenDialog({
    title, openLabel, canSelectMany: true, canSelectFiles: true, canSelectFolders: false,
    filters: { 'JSON exports': ['json'], 'All files': ['*'] },
  });
  return uris && uris.length > 0 ? uris.map((uri) => ({ uri, kind: undefined })) : undefined;
}

/** Reads the files; a file that can't be read is said by name (undefined: nothing read). */
export async function readFiles(files: readonly PickedFile[]): Promise<ReadFile[] | undefined> {
  const out: ReadFile[] = [];
  for (const f of files) {
    try {
      out.push({ uri: f.uri, name: baseName(f.uri), bytes: await vscode.workspace.fs.readFile(f.uri) });
    } catch (err: unknown) {
      void vscode.window.showErrorMessage(`ASR Topology: cannot read ${baseName(f.uri)}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }
  return out;
}

export function toWire(f: ReadFile): EstateFile {
  return { name: f.name, data: bytesToBase64(f.bytes) };
}

/** The server's answer to an input it can't read: `FILE: why` (see EstateErrorData); else the error's message. */
export function errorText(err: unknown): string {
  const data = (err as { data?: unknown } | null)?.data;
  if (typeof data === 'object' && data !== null) {
    const d = data as Partial<EstateErrorData>;
    if (typeof d.file === 'string' && typeof d.reason === 'string') return `${d.file}: ${d.reason}`;
  }
  return err instanceof Error ? err.message : String(err);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
