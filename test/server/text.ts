/** Positions in test texts from known text, not magic numbers. */
import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol';

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let last = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i + 1;
  }
  return { line, character: offset - last };
}

export function offsetAt(text: string, p: Position): number {
  let off = 0;
  for (let l = 0; l < p.line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return off + p.character;
}

/** The offset of `needle` (the n-th occurrence, 0-based) after `from`, plus `delta`. */
export function find(text: string, needle: string, opts: { nth?: number; delta?: number; after?: string } = {}): number {
  let at = opts.after !== undefined ? text.indexOf(opts.after) : 0;
  if (at < 0) throw new Error(`not found: ${opts.after ?? ''}`);
  for (let i = 0; i <= (opts.nth ?? 0); i++) {
    at = text.indexOf(needle, i === 0 ? at : at + 1);
    if (at < 0) throw new Error(`not found: ${needle}`);
  }
  return at + (opts.delta ?? 0);
}

/** The range of `needle` in the text. */
export function rangeOf(text: string, needle: string, opts: { nth?: number; after?: string } = {}): Range {
  const start = find(text, needle, opts);
  return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const abs = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  abs.sort((x, y) => y.start - x.start);
  let out = text;
  for (const e of abs) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
