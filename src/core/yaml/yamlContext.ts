/**
 * The YAML context at the cursor, from the text alone: works while the file doesn't parse
 * (a key half typed, `network: ` with nothing after). Block-style YAML, as these files are
 * written; flow lists (`[A, B]`) on the cursor's line are understood too.
 */
import type { Span } from '../types';
import { LineIndex } from './text';

export type PathSegment = string | number;

export interface YamlContext {
  /**
   * Key position: the path of the map whose keys can go here. Value position: the path of
   * the value (ending with the key). Items of a list of scalars: the list's path.
   */
  readonly path: readonly PathSegment[];
  readonly position: 'key' | 'value';
  /** Value position: the key whose value is typed (or the list's key, for its items). */
  readonly key: string | undefined;
  /** The other keys of the map at the cursor, with their values as written (plain text). */
  readonly siblings: ReadonlyMap<string, string>;
  /** What is typed so far at the cursor (without quotes). */
  readonly prefix: string;
  /** The span that a completion replaces: the word typed so far (and the rest of it after the cursor). */
  readonly replace: Span;
  /** The column where the map's keys start (key position), for snippet indentation. */
  readonly column: number;
  /** The cursor is on a `- ` item of its own (a new item of a list). */
  readonly inItem: boolean;
  /** The cursor is inside a flow list `[...]`. */
  readonly inFlowList: boolean;
}

interface Element {
  readonly col: number;
  readonly kind: 'dash' | 'key' | 'scalar';
  readonly key?: string;
  /** For a key: the value written after it on the line (comment removed). */
  readonly value?: string;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,[\]{}][^#]*?|-[^\s#][^#]*?)[ \t]*:(?:[ \t]+|$)/;

/** The dashes, key and scalar of one line, with their columns. */
export function lineElements(line: string): Element[] {
  const out: Element[] = [];
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  if (i >= line.length || line[i] === '#') return out;
  for (;;) {
    if (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
      out.push({ col: i, kind: 'dash' });
      i++;
      while (i < line.length && line[i] === ' ') i++;
      if (i >= line.length || line[i] === '#') return out;
      continue;
    }
    break;
  }
  const rest = line.slice(i);
  const m = KEY_RE.exec(rest);
  if (m) {
    const key = unquote(m[1]!.trim());
    const value = stripComment(rest.slice(m[0].length)).trim();
    out.push({ col: i, kind: 'key', key, value: unquote(value) });
  } else {
    out.push({ col: i, kind: 'scalar' });
  }
  return out;
}

function stripComment(s: string): string {
  const m = /(^|\s)#/.exec(s);
  return m ? s.slice(0, m.index) : s;
}

function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replace(/\\"/g, '"');
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

interface Line { readonly start: number; readonly text: string }

/** The lines of a text (split by `LineIndex`, as everywhere): a line's text is sliced only when read. */
class TextLines {
  private readonly index: LineIndex;

  constructor(private readonly text: string, index?: LineIndex) {
    this.index = index ?? new LineIndex(text);
  }

  get length(): number {
    return this.index.lineCount;
  }

  /** The line's end, before its line break. */
  end(i: number): number {
    return this.index.lineEnd(i);
  }

  line(i: number): Line {
    const start = this.index.lineStart(i);
    return { start, text: this.text.slice(start, this.end(i)) };
  }

  /** The index of the line holding `offset`. */
  lineAt(offset: number): number {
    return this.index.lineOf(offset);
  }

  /**
   * The first element of a line as `lineElements` finds it, without making it: -1 for a blank
   * or comment line, else its column × 2, plus 1 for a dash. (Counting the items above the
   * cursor reads every line above it: in a file of 10,000 VMs, tens of thousands.)
   */
  firstElement(i: number): number {
    const text = this.text;
    const start = this.index.lineStart(i);
    const end = this.end(i);
    let j = start;
    while (j < end && text.charCodeAt(j) === 32) j++;
    if (j >= end || text.charCodeAt(j) === 35 /* # */) return -1;
    const dash = text.charCodeAt(j) === 45 /* - */ && (j + 1 === end || text.charCodeAt(j + 1) === 32);
    return (j - start) * 2 + (dash ? 1 : 0);
  }
}

/**
 * Where a top-level list item starts, when the caller knows it without reading the lines above:
 * for the dash at `offset`, the item's index in its list and the offset of the list's key.
 */
export type ItemHint = (offset: number) => { readonly index: number; readonly listKey: number } | undefined;

/**
 * The YAML context at an offset: path, key or value position, sibling keys, the word typed.
 * `index`: the text's line index, when the caller has it (else the lines are found again);
 * `itemAt`: the index of a top-level list's item (else the items above are counted).
 */
export function yamlContextAt(text: string, offset: number, index?: LineIndex, itemAt?: ItemHint): YamlContext {
  const lines = new TextLines(text, index);
  const li = lines.lineAt(offset);
  const line = lines.line(li);
  const cursorCol = Math.max(0, Math.min(offset - line.start, line.text.length));
  const before = line.text.slice(0, cursorCol);
  const els = lineElements(before);

  // What the cursor's line says, up to the cursor.
  let position: 'key' | 'value' = 'key';
  let key: string | undefined;
  let inFlowList = false;
  let word = '';
  let column: number;
  const dashes = els.filter((e) => e.kind === 'dash');
  const last = els[els.length - 1];
  if (last?.kind === 'key') {
    position = 'value';
    key = last.key;
    const afterColon = before.slice(before.indexOf(':', last.col) + 1);
    const bracket = afterColon.lastIndexOf('[');
    if (bracket >= 0 && !afterColon.slice(bracket).includes(']')) {
      inFlowList = true;
      const inside = afterColon.slice(bracket + 1);
      word = inside.slice(inside.lastIndexOf(',') + 1).trimStart();
    } else {
      word = afterColon.trimStart();
    }
    column = last.col;
  } else if (last?.kind === 'scalar') {
    word = before.slice(last.col);
    column = last.col;
  } else {
    // Nothing typed yet on this line (or only dashes): keys start at the cursor.
    column = before.length;
  }
  if (word.startsWith('"') || word.startsWith("'")) word = word.slice(1);
  // The word runs on after the cursor up to a delimiter.
  const afterText = line.text.slice(cursorCol);
  const tail = /^[^,\]\s#:'"]*(?:[ ][^,\]\s#:'"]+)*/.exec(afterText)?.[0] ?? '';
  const replace: Span = { start: offset - word.length, end: offset + (position === 'value' ? tail.length : (/^[^:\s]*/.exec(afterText)?.[0].length ?? 0)) };

  // The column whose ancestors we look for.
  const firstCol = els[0]?.col ?? column;
  const path: PathSegment[] = [];
  const siblings = new Map<string, string>();
  let col = firstCol;
  let level0 = true;
  const lineDashes = dashes.map((d) => d.col);
  const ownMapCol = position === 'value' ? (last?.col ?? column) : column;

  let i = li - 1;
  // Index of the cursor line's first dash: count the sibling dashes above it.
  let dashIndexPrefix: number[] = [];
  if (lineDashes.length > 0) {
    const d0 = lineDashes[0]!;
    const hinted = itemAt?.(line.start + d0);
    let count = hinted?.index ?? 0;
    for (let j = li - 1; !hinted && j >= 0; j--) {
      const f = lines.firstElement(j);
      if (f < 0) continue;
      if (f >> 1 < d0) break;
      if (f >> 1 === d0) {
        if (f & 1) count++;
        else break;
      }
    }
    dashIndexPrefix = [count, ...lineDashes.slice(1).map(() => 0)];
  }

  while (i >= 0) {
    // A line none of whose elements can be a parent (left of `col`) or a sibling of the
    // cursor's key (at `ownMapCol`) is passed over without being read (in a large file, most are).
    const f = lines.firstElement(i);
    if (f < 0 || (f >> 1 >= col && !(level0 && lineDashes.length === 0 && f >> 1 <= ownMapCol))) {
      i--;
      continue;
    }
    const e = lineElements(lines.line(i).text);
    if (e.length === 0) {
      i--;
      continue;
    }
    let k = -1;
    for (let j = e.length - 1; j >= 0; j--) {
      if (e[j]!.col < col) {
        k = j;
        break;
      }
    }
    if (level0 && lineDashes.length === 0) {
      // Keys of the cursor's map above the cursor.
      const same = e.find((x) => x.col === ownMapCol && x.kind === 'key');
      if (same?.key !== undefined && (k < 0 || e.indexOf(same) > k)) siblings.set(same.key, same.value ?? '');
    }
    if (k < 0) {
      i--;
      continue;
    }
    let parent = e[k]!;
    if (parent.kind === 'key') {
      path.unshift(parent.key ?? '');
      col = parent.col;
      level0 = false;
      if (k === 0) {
        i--;
        continue;
      }
      // `- key:`: the key's map is an item of a list; the dash is handled below.
      k--;
      parent = e[k]!;
    }
    if (parent.kind === 'dash') {
      // Count the sibling items above this one (or be told: the item of a top-level list).
      const hinted = itemAt?.(lines.line(i).start + parent.col);
      let count = hinted?.index ?? 0;
      let j = hinted ? lines.lineAt(hinted.listKey) : i - 1;
      for (; !hinted && j >= 0; j--) {
        const f = lines.firstElement(j);
        if (f < 0) continue;
        if (f >> 1 < parent.col) break;
        if (f >> 1 === parent.col) {
          if (f & 1) count++;
          else break;
        }
      }
      path.unshift(count);
      // Nested dashes on the same line (`- - x`): the outer ones are first items.
      for (let d = k - 1; d >= 0; d--) if (e[d]!.kind === 'dash') path.unshift(0);
      col = e[0]!.col;
      level0 = false;
      // The line that ends the list is the parent key: continue from it.
      i = j;
      continue;
    }
    // A scalar with less indentation: not YAML we understand; stop here.
    break;
  }
  path.push(...dashIndexPrefix);

  // Keys of the cursor's map below the cursor.
  for (let j = li + 1; j < lines.length; j++) {
    const f = lines.firstElement(j);
    if (f < 0 || f >> 1 > ownMapCol) continue;
    const e = lineElements(lines.line(j).text);
    if (e.length === 0) continue;
    if (e[0]!.col < ownMapCol) break;
    if (e[0]!.col === ownMapCol && e[0]!.kind === 'key') siblings.set(e[0]!.key ?? '', e[0]!.value ?? '');
    else if (e[0]!.col === ownMapCol) break;
  }
  if (position === 'value' && key !== undefined) path.push(key);
  return {
    path,
    position,
    key,
    siblings,
    prefix: word,
    replace,
    column: position === 'key' ? column : ownMapCol,
    inItem: lineDashes.length > 0 && position === 'key',
    inFlowList,
  };
}
