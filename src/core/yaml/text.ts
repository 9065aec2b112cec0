/**
 * Offsets <-> 0-based line/character (UTF-16 code units, as LSP counts them). The one place
 * that splits a text into lines: `\n`, `\r\n` and a lone `\r` each end a line, as in LSP
 * and in YAML.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface LineRange {
  readonly start: Position;
  readonly end: Position;
}

export class LineIndex {
  /** Offset of the first character of each line: found on first use (a hover may never need them). */
  private startsValue: number[] | undefined;

  constructor(private readonly text: string, starts?: number[]) {
    this.startsValue = starts;
  }

  /**
   * The index of `text`, which is this index's text with [start, end) replaced by `inserted`:
   * the lines before the edit are kept, those after it moved (no pass over the whole text).
   */
  edited(text: string, start: number, end: number, inserted: string): LineIndex {
    const old = this.startsValue;
    if (!old) return new LineIndex(text);
    // From the line before the edit's (a CR there may now be followed by the LF of a CR LF).
    const lo = Math.max(0, this.lineOf(start) - 1);
    const hi = this.lineOf(end);
    const delta = inserted.length - (end - start);
    const from = old[lo]!;
    // The start of the second line after the edit's is a line start still, moved by delta.
    const tail = hi + 2;
    const until = tail < old.length ? old[tail]! + delta : text.length + 1;
    const found: number[] = [];
    for (let i = from; i < until - 1 && i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) {
        found.push(i + 1);
      } else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        if (i + 1 < until) found.push(i + 1);
      }
    }
    // A copy (measured faster than building it), the region's lines put in, the rest moved.
    const starts = old.slice();
    starts.splice(lo + 1, Math.min(tail, old.length) - (lo + 1), ...found);
    for (let k = lo + 1 + found.length; k < starts.length; k++) starts[k]! += delta;
    return new LineIndex(text, starts);
  }

  private get starts(): number[] {
    return (this.startsValue ??= this.findStarts());
  }

  private findStarts(): number[] {
    const text = this.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) {
        starts.push(i + 1);
      } else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The line holding an offset (a line break belongs to the line it ends). */
  lineOf(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The offset of a line's first character. */
  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** The offset of a line's end, before its line break (`\n`, `\r\n` or a lone `\r`). */
  lineEnd(line: number): number {
    const start = this.lineStart(line);
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13 && end - 1 >= start) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, character: o - this.lineStart(line) };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.lineStart(position.line);
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(span: { start: number; end: number }): LineRange {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
