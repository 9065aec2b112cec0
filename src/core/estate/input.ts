/**
 * The exports people bring: their bytes decoded (UTF-8 with or without a BOM, UTF-16 with a
 * BOM as Windows PowerShell 5.1's Out-File and `>` write), read as JSON, and the small readers
 * every input shares (a value or a list, a name or a `{ Name }` reference).
 */
import { decodeUtf8 } from '../yaml';

export type InputKind = 'vmm' | 'asr' | 'vnets';

/** One file given to import, drift or apply-script: its name (for messages), bytes and kind. */
export interface EstateInput {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly kind: InputKind;
}

/** An input that can't be read: `file` names it, the message says why in one line. */
export class EstateInputError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
    this.name = 'EstateInputError';
  }
}

/** The text of an export: UTF-8 (BOM or not), or UTF-16 LE/BE with a BOM. */
export function decodeInput(name: string, bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const le = b0 === 0xff;
    if ((bytes.length - 2) % 2 !== 0) throw new EstateInputError(name, `UTF-16 ${le ? 'LE' : 'BE'} text with an odd number of bytes: the file is cut short`);
    return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: false }).decode(bytes.subarray(2));
  }
  const { text, invalidAt } = decodeUtf8(bytes);
  if (invalidAt !== undefined) {
    throw new EstateInputError(name, `not UTF-8 (bad bytes at character ${invalidAt + 1}), nor UTF-16 with a byte order mark: save it as UTF-8`);
  }
  return text;
}

/** The JSON value of an export; a clear one-line error when it is not JSON. */
export function readJson(input: EstateInput): unknown {
  const text = decodeInput(input.name, input.bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new EstateInputError(input.name, 'the file is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (err: unknown) {
    const why = err instanceof Error ? err.message : String(err);
    const at = Number(/position (\d+)/.exec(why)?.[1] ?? -1);
    const cut = /end of (JSON )?input|Unterminated/i.test(why) || at >= text.trimEnd().length - 1 ? ' (the file looks cut short)' : '';
    throw new EstateInputError(input.name, `not JSON${cut}: ${why.split('\n')[0] ?? ''}`);
  }
}

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A list however it was written: PowerShell writes a one-item list as the item itself. */
export function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** A non-blank string, or undefined. */
export function text(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/** A reference written as the name, or as an object with `Name` (a deeper ConvertTo-Json). */
export function ref(v: unknown): string | undefined {
  if (isObject(v)) return text(v.Name) ?? text(v.name);
  return text(v);
}

/** A property by any of its spellings (REST camelCase, PowerShell PascalCase). */
export function prop(o: Json, ...names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n];
  return undefined;
}

/** The last segment of an ARM or VMM id (`…/virtualNetworks/vnet-dr` → vnet-dr). */
export function lastSegment(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const parts = id.split('/').filter((p) => p !== '');
  return parts[parts.length - 1];
}

/** Whether an address is one that says nothing about the plan: link-local, unspecified. */
export function meaninglessAddress(a: string): boolean {
  return /^169\.254\./.test(a) || /^fe80:/i.test(a) || a === '0.0.0.0' || a === '::';
}
