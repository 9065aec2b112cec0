/** Offsets <-> 0-based line/character (UTF-16 code units, as LSP counts them). */

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

  constructor(private readonly text: string) {}

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

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (this.starts[lo] ?? 0) };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line] ?? 0;
    const next = this.starts[position.line + 1];
    let lineEnd = next ?? this.text.length;
    // The end of a line is before its line break.
    if (next !== undefined) {
      lineEnd--;
      if (this.text.charCodeAt(lineEnd) === 10 && this.text.charCodeAt(lineEnd - 1) === 13 && lineEnd - 1 >= start) lineEnd--;
    }
    return Math.min(start + Math.max(0, position.character), lineEnd);
  }

  rangeOf(span: { start: number; end: number }): LineRange {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
