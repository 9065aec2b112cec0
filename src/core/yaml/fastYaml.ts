/**
 * A fast reader for the plain block-style YAML that topology files are written in, giving the
 * same nodes as the `yaml` package would (same classes, values, types and source ranges) and
 * the document's JSON value in one pass, several times faster than yaml's general
 * lexer → parser → composer pipeline.
 *
 * It reads a strict subset and gives up (returns undefined) on anything else, for the caller
 * to parse with `yaml`, whose result is the reference:
 * - block maps and block sequences (also `- key: value` items), nested up to MAX_DEPTH;
 * - keys: plain words (letters, digits, `_ . / -`, inner spaces) that read as strings;
 * - values on the key's line: plain scalars on one line that read as strings, decimal
 *   integers, booleans or null; single- and double-quoted scalars on one line (no escapes);
 *   flow sequences and flow maps of those on one line (`[a, "b"]`, `{ network: null }`);
 * - comments after a value and on lines of their own, blank lines, wherever they are (yaml's
 *   rules for which node a comment line ends: `valueEnd`, `skipToContent`, `close`);
 * - `\n` or `\r\n` line ends.
 * Not: empty values, block scalars (`|`, `>`), multi-line scalars, escapes, anchors,
 * aliases, tags, nested flow maps, directives, document markers, tabs, duplicate keys,
 * floats, hex or octal numbers... — all of which go to `yaml`.
 *
 * What it gives: every node's range[0] and range[1] as yaml gives them (the rest of the core
 * reads only those; range[2], where yaml also counts some comment lines after a node, is
 * reproduced as far as it decides a collection's range[1]), `source` and `type` of scalars,
 * `flow` of flow collections. Comments aren't kept on the nodes (`comment`, `commentBefore`,
 * `spaceBefore`): nothing in the core reads them. `test/unit/fast-yaml.test.ts` compares
 * both readers node for node on generated and random texts.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

export interface FastParse {
  /** The root collection, as `parseDocument(text).contents`. */
  readonly contents: YAMLMap | YAMLSeq;
  /** Its JSON value, as `doc.toJS()`. */
  readonly json: unknown;
}

/** Deeper than this, yaml reads the file (and parse.ts reports what is too deep). */
const MAX_DEPTH = 32;
/** yaml refuses implicit keys longer than this. */
const MAX_KEY = 1024;

const NL = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACKET = 91;
const RBRACKET = 93;
const COMMA = 44;
const LBRACE = 123;
const RBRACE = 125;

/** Characters yaml reads differently or refuses: tabs, control characters, BOM, non-characters, a lone CR. */
// eslint-disable-next-line no-control-regex
const UNSUPPORTED = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|\r(?!\n)/;
/** A key: a plain word that can only read as a string, then `:` and a space or the line end. */
const KEY = /[A-Za-z_][A-Za-z0-9_./-]*(?: +[A-Za-z0-9_./-]+)*:(?= |\r?\n|$)/y;
/** Keys that would read as null or a boolean, or that JSON objects treat specially. */
const NOT_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;

// The core schema's tests (yaml/dist/schema/core), in yaml's order.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Thrown to give up; caught by `fastParse` only. */
class Unsupported extends Error {}

/** Parses `text`, or undefined when it is not in the subset this reader takes (see above). */
export function fastParse(text: string): FastParse | undefined {
  const r = read(text);
  return typeof r === 'string' ? undefined : r;
}

/** Why `fastParse` gives up on `text` (for tests and investigation), or undefined when it doesn't. */
export function fastParseRefusal(text: string): string | undefined {
  const r = read(text);
  return typeof r === 'string' ? r : undefined;
}

/** The parse, or why the reader gives up. */
function read(text: string): FastParse | string {
  if (UNSUPPORTED.test(text)) return 'unsupported character';
  try {
    return new Reader(text).document();
  } catch (e) {
    if (e instanceof Unsupported) return e.message;
    throw e;
  }
}

function give(why: string): never {
  throw new Unsupported(why);
}

interface Value {
  readonly node: Node;
  readonly json: unknown;
}

class Reader {
  private readonly n: number;
  /** Start of the line to read next. */
  private pos = 0;
  /** Set by `skipToContent`: the indentation of the content line at `pos` (-1 at the end, -2 not known yet). */
  private indent = -1;
  /**
   * Comment lines `skipToContent` went over (with the blank lines around them), not yet given
   * to a node: their deepest column, and where yaml ends them (the next content, or the end).
   */
  private pending: { readonly deepest: number; readonly end: number } | undefined;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  document(): FastParse {
    this.skipToContent();
    if (this.indent < 0) give('no content');
    this.pending = undefined; // comments before the root node are the document's
    const v = this.block(this.indent, 0);
    if (this.indent >= 0) give('content after the root node');
    if (!(v.node instanceof YAMLMap) && !(v.node instanceof YAMLSeq)) give('root is not a collection');
    return { contents: v.node, json: v.json };
  }

  // ---- lines ---------------------------------------------------------------------------

  /** End of the line holding `at` (the offset of its `\n`, or of a `\r` before it, or the text's end). */
  private lineEnd(at: number): number {
    let nl = this.text.indexOf('\n', at);
    if (nl < 0) return this.n;
    if (nl > 0 && this.text.charCodeAt(nl - 1) === CR) nl--;
    return nl;
  }

  /** Offset of the next line's start after the line end `end` (the text's end when none). */
  private nextLine(end: number): number {
    if (end >= this.n) return this.n;
    return this.text.charCodeAt(end) === CR ? end + 2 : end + 1;
  }

  /** Column of the first non-space on the line starting at `start`. */
  private spaces(start: number): number {
    let i = start;
    while (i < this.n && this.text.charCodeAt(i) === SPACE) i++;
    return i - start;
  }

  /**
   * Moves `pos` over blank and comment lines to the next content line and sets `indent` to
   * its indentation (-1 at the end of the text). The comment lines gone over are `pending`:
   * yaml gives them to the next node, or, when the next line closes collections, to the first
   * closing one they are not all less indented than (see `close`).
   */
  private skipToContent(): void {
    let deepest = -1;
    let p = this.pos;
    for (;;) {
      if (p >= this.n) {
        this.pos = p;
        this.indent = -1;
        this.pending = deepest >= 0 ? { deepest, end: this.n } : undefined;
        return;
      }
      const col = this.spaces(p);
      const c = this.text.charCodeAt(p + col);
      const end = this.lineEnd(p);
      if (p + col >= end) {
        p = this.nextLine(end);
        continue;
      }
      if (c === HASH) {
        if (col > deepest) deepest = col;
        p = this.nextLine(end);
        continue;
      }
      this.pos = p;
      this.indent = col;
      this.pending = deepest >= 0 ? { deepest, end: p + col } : undefined;
      return;
    }
  }

  /**
   * The range of a collection starting at `start`, indented by `indent`, whose last item ends
   * at `end` (its range[2]), as the next line closes it: when the pending comments are all
   * less indented than the collection (or it is at column 0), yaml moves them on to the
   * collection around it; otherwise they stay at its end and count in its range[2].
   */
  private close(start: number, indent: number, end: number): [number, number, number] {
    const p = this.pending;
    if (p && indent !== 0 && p.deepest >= indent) {
      this.pending = undefined;
      return [start, end, p.end];
    }
    return [start, end, end];
  }

  /**
   * After a value that ends its line (the line end at `lineEndAt`): yaml counts in the value's
   * end the comment lines after it that are indented past `holder` (the collection holding the
   * value), with the blank lines before them. Returns that end (range[2]) and moves `pos` past them.
   */
  private valueEnd(lineEndAt: number, holder: number): number {
    let end = this.nextLine(lineEndAt);
    let p = end;
    for (;;) {
      if (p >= this.n) break;
      const col = this.spaces(p);
      const le = this.lineEnd(p);
      if (p + col >= le) {
        p = this.nextLine(le);
        continue;
      }
      if (this.text.charCodeAt(p + col) === HASH && col > holder) {
        p = this.nextLine(le);
        end = p;
        continue;
      }
      break;
    }
    this.pos = end;
    return end;
  }

  // ---- block nodes ----------------------------------------------------------------------

  /** The block collection whose first line is at `pos`, indented by `indent`. */
  private block(indent: number, depth: number): Value {
    if (depth > MAX_DEPTH) give('too deep');
    const at = this.pos + indent;
    const c = this.text.charCodeAt(at);
    if (c === DASH && this.isSeqItem(at)) return this.sequence(indent, depth);
    return this.map(at, indent, depth);
  }

  private isSeqItem(at: number): boolean {
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || next === NL || next === CR || at + 1 >= this.n;
  }

  /** A block map whose first key is at `at` (in column `indent`). */
  private map(at: number, indent: number, depth: number): Value {
    const map = new YAMLMap();
    const json: Record<string, unknown> = {};
    let keyAt = at;
    let end: number;
    for (;;) {
      const key = this.key(keyAt, json);
      const lineEnd = this.lineEnd(key.end);
      const v = this.skipSpaces(key.end + 1, lineEnd);
      let value: Value;
      if (v >= lineEnd || this.text.charCodeAt(v) === HASH) {
        // `key:` alone (or with a comment): its value is the block node on the next lines.
        this.pos = this.nextLine(lineEnd);
        this.skipToContent();
        const i = this.indent;
        if (i > indent || (i === indent && this.text.charCodeAt(this.pos + i) === DASH && this.isSeqItem(this.pos + i))) {
          this.pending = undefined; // comments between `key:` and its value stay with the pair
          value = this.block(i, depth + 1);
        } else {
          give('empty value');
        }
      } else {
        value = this.inline(v, lineEnd, indent);
      }
      map.items.push(new Pair(key.node, value.node));
      json[key.text] = value.json;
      end = value.node.range![2];
      // The next entry, or the end of this map.
      if (this.indent === -2) this.skipToContent();
      const i = this.indent;
      if (i < 0 || i < indent) break;
      if (i > indent) give('indented line after a value');
      this.pending = undefined; // comments before the next key are its own
      const first = this.pos + i;
      if (this.text.charCodeAt(first) === DASH && this.isSeqItem(first)) {
        // `- ` in a map's column ends the map only when the map is a sequence's item (`- a: 1`):
        // the caller's sequence, at a lower indentation, can't take it either.
        give('sequence item in a map');
      }
      keyAt = first;
    }
    map.range = this.close(at, indent, end);
    return { node: map, json };
  }

  /** A block sequence whose first `-` is on the line at `pos`, in column `indent`. */
  private sequence(indent: number, depth: number): Value {
    const seq = new YAMLSeq();
    const json: unknown[] = [];
    const start = this.pos + indent;
    let end: number;
    for (;;) {
      const dash = this.pos + indent;
      const lineEnd = this.lineEnd(dash);
      const v = this.skipSpaces(dash + 1, lineEnd);
      if (v >= lineEnd || this.text.charCodeAt(v) === HASH) give('empty item');
      let item: Value;
      KEY.lastIndex = v;
      if (KEY.test(this.text)) {
        // `- key: ...`: a map whose keys are in this column.
        item = this.map(v, v - this.pos, depth + 1);
      } else if (this.text.charCodeAt(v) === DASH && this.isSeqItem(v)) {
        give('nested compact sequence');
      } else {
        item = this.inline(v, lineEnd, indent);
      }
      seq.items.push(item.node);
      json.push(item.json);
      end = item.node.range![2];
      if (this.indent === -2) this.skipToContent();
      const i = this.indent;
      if (i < 0 || i < indent) break;
      if (i > indent) give('indented line after an item');
      const first = this.pos + i;
      if (!(this.text.charCodeAt(first) === DASH && this.isSeqItem(first))) break; // a map's next key, in the same column
      this.pending = undefined; // comments before the next item are its own
    }
    seq.range = this.close(start, indent, end);
    return { node: seq, json };
  }

  // ---- values on a line ------------------------------------------------------------------

  /**
   * The value starting at `v` and ending the line (at `lineEnd`): a scalar or a flow
   * collection, then maybe a comment. Leaves `pos` after it and `indent` unset (-2) for the
   * caller to skip to the next content line.
   */
  private inline(v: number, lineEnd: number, holder: number): Value {
    const c = this.text.charCodeAt(v);
    let value: Value;
    let after: number;
    if (c === LBRACKET || c === LBRACE) {
      const r = c === LBRACKET ? this.flowSequence(v, lineEnd) : this.flowMap(v, lineEnd);
      value = r.value;
      after = r.after;
    } else if (c === DQUOTE || c === SQUOTE) {
      const r = this.quoted(v, lineEnd, c);
      value = { node: r.node, json: r.node.value };
      after = r.after;
    } else {
      const r = this.plainBlock(v, lineEnd);
      value = { node: r.node, json: r.node.value };
      after = r.after;
    }
    // Only spaces and a comment may follow on the line.
    const p = this.skipSpaces(after, lineEnd);
    if (p < lineEnd && (this.text.charCodeAt(p) !== HASH || p === after)) give('text after a value');
    const end = this.valueEnd(lineEnd, holder);
    const range = value.node.range!;
    range[2] = end;
    this.indent = -2;
    return value;
  }

  /** A plain scalar in block context from `v` to the line end or a ` #` comment. */
  private plainBlock(v: number, lineEnd: number): { node: Scalar; after: number } {
    this.plainStart(v, lineEnd, false);
    let e = v;
    let last = v; // end of the last non-space character
    while (e < lineEnd) {
      const ch = this.text.charCodeAt(e);
      if (ch === SPACE) {
        if (this.text.charCodeAt(e + 1) === HASH) break;
      } else {
        if (ch === COLON) {
          const nx = e + 1 < lineEnd ? this.text.charCodeAt(e + 1) : SPACE;
          if (nx === SPACE) give('a map in a value');
        }
        last = e + 1;
      }
      e++;
    }
    const source = this.text.slice(v, last);
    return { node: plainScalar(source, v, last), after: last };
  }

  /**
   * The first character of a plain scalar: not an indicator (yaml reads those otherwise); `-`
   * only before a character that can go on a plain scalar (not a space, nor in `flow` a flow
   * indicator).
   */
  private plainStart(v: number, lineEnd: number, flow: boolean): void {
    const ch = this.text.charAt(v);
    if ('-?:'.includes(ch)) {
      const nx = v + 1 < lineEnd ? this.text.charAt(v + 1) : ' ';
      if (nx === ' ' || ch !== '-' || (flow && ',[]{}'.includes(nx))) give('indicator');
      return;
    }
    if (',[]{}#&*!|>\'"%@`'.includes(ch)) give('indicator');
  }

  /** A quoted scalar on one line, without escapes. */
  private quoted(v: number, lineEnd: number, quote: number): { node: Scalar; after: number } {
    if (quote === DQUOTE) {
      const close = this.text.indexOf('"', v + 1);
      if (close < 0 || close >= lineEnd) give('quoted text across lines');
      const inner = this.text.slice(v + 1, close);
      if (inner.includes('\\')) give('escape');
      return { node: scalar(inner, inner, Scalar.QUOTE_DOUBLE, v, close + 1, close + 1), after: close + 1 };
    }
    let p = v + 1;
    let value = '';
    for (;;) {
      const close = this.text.indexOf("'", p);
      if (close < 0 || close >= lineEnd) give('quoted text across lines');
      value += this.text.slice(p, close);
      if (this.text.charCodeAt(close + 1) === SQUOTE) {
        value += "'";
        p = close + 2;
        continue;
      }
      return { node: scalar(value, value, Scalar.QUOTE_SINGLE, v, close + 1, close + 1), after: close + 1 };
    }
  }

  /** `[a, "b", c]` on one line: plain or quoted scalars. */
  private flowSequence(v: number, lineEnd: number): { value: Value; after: number } {
    const seq = new YAMLSeq();
    seq.flow = true;
    const json: unknown[] = [];
    const after = this.flowItems(v, lineEnd, RBRACKET, (p) => {
      const r = this.flowScalar(p, lineEnd);
      seq.items.push(r.node);
      json.push(r.node.value);
      return r;
    });
    seq.range = [v, after, after];
    return { value: { node: seq, json }, after };
  }

  /** `{ a: b, c: [d] }` on one line: plain keys, values scalars or flow sequences. */
  private flowMap(v: number, lineEnd: number): { value: Value; after: number } {
    const map = new YAMLMap();
    map.flow = true;
    const json: Record<string, unknown> = {};
    const after = this.flowItems(v, lineEnd, RBRACE, (p) => {
      const k = this.key(p, json);
      const at = this.skipSpaces(k.end + 1, lineEnd);
      if (at >= lineEnd) give('flow map across lines');
      let value: Value;
      let end: number;
      if (this.text.charCodeAt(at) === LBRACKET) {
        const r = this.flowSequence(at, lineEnd);
        value = r.value;
        end = r.after;
      } else {
        const r = this.flowScalar(at, lineEnd);
        value = { node: r.node, json: r.node.value };
        end = r.after;
      }
      map.items.push(new Pair(k.node, value.node));
      json[k.text] = value.json;
      return { node: value.node, after: end };
    });
    map.range = [v, after, after];
    return { value: { node: map, json }, after };
  }

  /**
   * The items of a one-line flow collection opened at `v` and closed by `close`: `item` reads
   * one at an offset (and keeps it); its node's range[2] counts the spaces after it, as yaml's
   * does. Returns the offset after the closing character.
   */
  private flowItems(v: number, lineEnd: number, close: number, item: (p: number) => { node: Node; after: number }): number {
    let p = this.skipSpaces(v + 1, lineEnd);
    if (this.text.charCodeAt(p) === close) return p + 1;
    for (;;) {
      if (p >= lineEnd) give('flow collection across lines');
      const r = item(p);
      p = this.skipSpaces(r.after, lineEnd);
      r.node.range![2] = p;
      const d = this.text.charCodeAt(p);
      if (d === close) return p + 1;
      if (d !== COMMA || p >= lineEnd) give('flow collection');
      p = this.skipSpaces(p + 1, lineEnd);
      const n = this.text.charCodeAt(p);
      if (n === close || n === COMMA) give('empty flow item');
    }
  }

  /** A quoted or plain scalar in a flow collection. */
  private flowScalar(p: number, lineEnd: number): { node: Scalar; after: number } {
    const c = this.text.charCodeAt(p);
    return c === DQUOTE || c === SQUOTE ? this.quoted(p, lineEnd, c) : this.plainFlow(p, lineEnd);
  }

  private skipSpaces(p: number, lineEnd: number): number {
    while (p < lineEnd && this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /**
   * The plain key at `at` (then `:` and a space or the line end), for a map whose keys so
   * far are those of `seen`: a word that reads as a string, not too long, not seen yet.
   */
  private key(at: number, seen: Record<string, unknown>): { node: Scalar; text: string; end: number } {
    KEY.lastIndex = at;
    const m = KEY.exec(this.text);
    if (!m) give('not a plain key');
    const text = m[0].slice(0, -1);
    if (text.length > MAX_KEY || NOT_STRING_KEY.test(text)) give('key');
    if (Object.prototype.hasOwnProperty.call(seen, text)) give('duplicate key');
    const end = at + text.length;
    return { node: scalar(text, text, Scalar.PLAIN, at, end, end), text, end };
  }

  /** A plain scalar inside `[...]` or `{...}`: ends at `,`, `]` or `}`. */
  private plainFlow(v: number, lineEnd: number): { node: Scalar; after: number } {
    this.plainStart(v, lineEnd, true);
    let e = v;
    let last = v;
    while (e < lineEnd) {
      const ch = this.text.charCodeAt(e);
      if (ch === COMMA || ch === RBRACKET || ch === RBRACE) break;
      if (ch === LBRACKET || ch === LBRACE) give('flow collection in a flow scalar');
      if (ch === SPACE) {
        if (this.text.charCodeAt(e + 1) === HASH) give('comment in a flow sequence');
      } else {
        if (ch === COLON) give('colon in a flow scalar');
        last = e + 1;
      }
      e++;
    }
    const source = this.text.slice(v, last);
    return { node: plainScalar(source, v, last), after: last };
  }
}

function scalar(value: unknown, source: string, type: Scalar.Type, start: number, valueEnd: number, end: number): Scalar {
  const s = new Scalar(value);
  s.range = [start, valueEnd, end];
  s.source = source;
  s.type = type;
  return s;
}

/** A plain scalar's value under yaml's core schema, for the forms this reader takes. */
function plainScalar(source: string, start: number, end: number): Scalar {
  let value: unknown;
  if (NULL.test(source)) value = null;
  else if (BOOL.test(source)) value = source[0] === 't' || source[0] === 'T';
  else if (INT_OCT.test(source)) give('octal');
  else if (INT.test(source)) value = parseInt(source, 10);
  else if (INT_HEX.test(source) || FLOAT_NAN.test(source) || FLOAT_EXP.test(source) || FLOAT.test(source)) give('number');
  else value = source;
  return scalar(value, source, Scalar.PLAIN, start, end, end);
}
