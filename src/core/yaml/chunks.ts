/**
 * Reading a topology file item by item. A topology file is a map of a few top-level keys,
 * most of them lists of independent items (sites, protection pairs, mappings, VMs). When the
 * text splits certainly into top-level entries and the items of their block lists, each piece
 * (a chunk) is read on its own, and the document is the chunks put together: this is how the
 * core reads a file (`readTopology`), from scratch (the CLI, `analyze`) and after an edit (the
 * incremental analysis reads again only the chunks an edit touched).
 *
 * For a text without YAML problems this gives the same nodes and value as reading the whole
 * text (tests compare both). A YAML problem inside one item is that item's problem: its
 * TOP001 is yaml's message for the item read alone, and what yaml made of the item (or an
 * empty item, when it didn't make exactly one) stands in the document. yaml itself ends a
 * quoted or flow scalar at a line that starts the next item (a missing quote is reported, it
 * doesn't swallow the items below), so reading items alone never merges or splits what the
 * whole read would; only the wording and place of a message can differ, and the item's is the
 * one the core gives.
 *
 * The split is only done where it is certainly safe: no tabs, anchors, aliases, tags,
 * directives, document markers, BOM or complex keys, and every top-level line a plain `key:`.
 * (`&`, `*` and `!` inside a name or a comment, `R&D`, are fine: only where a node can start
 * are they an anchor, an alias or a tag.) Anything else is read whole by `parseTopology`.
 */
import { isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { fastParse } from './fastYaml';
import { documentOf, MAX_YAML_ERRORS, parseTopology, type ParseResult } from './parse';
import type { Diagnostic, Span } from '../types';

export interface Chunk {
  /** Offsets into the text: [start, end). */
  readonly start: number;
  readonly end: number;
  /** The top-level key this chunk belongs to. */
  readonly key: string;
  /** `entry`: the top-level `key:` line (and its value, unless split into items); `item`: one `- ` item. */
  readonly kind: 'entry' | 'item';
}

const UNSAFE_CHAR = /[\t\uFEFF]/;
/**
 * `&`, `*` or `!` where a node can start: at a line's start, or after `-`, `?`, `:`, `[`, `{`
 * or `,` and spaces (an anchor, an alias, a tag). Some of these are plain text (`a-*b`,
 * `# note: &`): refusing them too is only slower, never wrong.
 */
const NODE_PROPERTY = /(?:^|[-?:[{,])[ ]*[&*!]/m;
const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_]*)[ ]*:(?:[ ]+(#.*)?)?$/; // `key:` with nothing (or a comment) after
const TOP_KEY_VALUE = /^([A-Za-z_][A-Za-z0-9_]*)[ ]*:[ ]/; // `key: value`

/** One line of the text, as the split reads it. */
interface Line {
  readonly start: number;
  /** The start of the next line. */
  readonly next: number;
  readonly text: string;
  readonly indent: number;
  /** Blank or a comment: it belongs to the chunk it is in. */
  readonly blank: boolean;
  /** `-` or `- ...` */
  readonly item: boolean;
}

function lineAt(text: string, pos: number): Line {
  const nl = text.indexOf('\n', pos);
  const lineEnd = nl < 0 ? text.length : nl;
  let line = text.slice(pos, lineEnd);
  if (line.endsWith('\r')) line = line.slice(0, -1);
  const trimmed = line.trimStart();
  return {
    start: pos,
    next: nl < 0 ? text.length : nl + 1,
    text: line,
    indent: line.length - trimmed.length,
    blank: trimmed === '' || trimmed.startsWith('#'),
    item: trimmed === '-' || trimmed.startsWith('- '),
  };
}

/** The chunks of a whole text, or undefined when it can't be split safely. */
export function splitChunks(text: string): Chunk[] | undefined {
  if (UNSAFE_CHAR.test(text) || NODE_PROPERTY.test(text)) return undefined;
  const chunks: Chunk[] = [];
  const keys = new Set<string>();

  let current: { start: number; key: string; kind: 'entry' | 'item' } | undefined;
  /** For the current top-level key: may its value be a block sequence to split? */
  let splittable = false;
  /** Indentation of the current sequence's `- ` items, once seen. */
  let seqIndent: number | undefined;

  const close = (at: number): void => {
    if (current) chunks.push({ start: current.start, end: at, key: current.key, kind: current.kind });
    current = undefined;
  };

  for (let pos = 0; pos < text.length;) {
    const line = lineAt(text, pos);
    pos = line.next;
    // Blank and comment lines belong to the chunk they are in (or to the first one).
    if (line.blank) continue;
    const { indent } = line;
    if (indent === 0 && (line.text.startsWith('---') || line.text.startsWith('...') || line.text.startsWith('%'))) return undefined;
    if (splittable && line.item && (seqIndent === undefined || indent === seqIndent) && current) {
      // The entry chunk keeps the `key:` line; the items start here.
      seqIndent ??= indent;
      const key = current.key;
      close(line.start);
      current = { start: line.start, key, kind: 'item' };
      continue;
    }
    if (indent === 0) {
      const bare = TOP_KEY.exec(line.text);
      const withValue = bare ? undefined : TOP_KEY_VALUE.exec(line.text);
      const key = bare?.[1] ?? withValue?.[1];
      if (!key || keys.has(key)) return undefined;
      keys.add(key);
      // Leading comments belong to the first chunk, so that the chunks cover the whole text.
      const start = current ? line.start : 0;
      close(line.start);
      current = { start, key, kind: 'entry' };
      splittable = bare !== null && bare !== undefined;
      seqIndent = undefined;
      continue;
    }
    // An indented line inside the current chunk. Inside a split sequence it must be deeper
    // than the items, or the split would be wrong.
    if (!current) return undefined;
    if (splittable && seqIndent !== undefined && indent <= seqIndent) return undefined;
    if (splittable && seqIndent === undefined) splittable = false; // a block map or scalar: one chunk
  }
  close(text.length);
  return chunks;
}

/**
 * The chunks of [from, to) of a text, where `from` starts an item of the list of `key`, whose
 * items are indented `seqIndent`, and `to` starts an item of the same list, a top-level key
 * or is the text's end (and the text from `to` on is as it was when it split). What
 * `splitChunks` would give there, or: `'before'` when the text at `from` no longer starts an
 * item (the chunk before takes some of it: the caller starts earlier), undefined when this
 * region can't say (a top-level line, a line that breaks the list: the caller splits the
 * whole text).
 */
export function splitItems(text: string, from: number, to: number, key: string, seqIndent: number): Chunk[] | 'before' | undefined {
  const region = text.slice(from, to);
  if (UNSAFE_CHAR.test(region) || NODE_PROPERTY.test(region)) return undefined;
  const chunks: Chunk[] = [];
  let start: number | undefined;
  for (let pos = from; pos < to;) {
    const line = lineAt(text, pos);
    pos = line.next;
    if (line.blank) {
      if (start === undefined) return 'before';
      continue;
    }
    if (line.item && line.indent === seqIndent) {
      if (start !== undefined) chunks.push({ start, end: line.start, key, kind: 'item' });
      start = line.start;
      continue;
    }
    if (start === undefined || line.indent <= seqIndent) return line.indent > 0 && start === undefined ? 'before' : undefined;
  }
  if (start === undefined) return 'before';
  chunks.push({ start, end: to, key, kind: 'item' });
  return chunks;
}

// ---------------------------------------------------------------------------------------
// Chunks read
// ---------------------------------------------------------------------------------------

/**
 * A chunk read: its place (which moves when an edit before it changes the text's length: then
 * its nodes' ranges are moved with it), the node it gives and its JSON value, and its YAML
 * problems, whose spans follow the chunk.
 */
export interface ReadChunk {
  start: number;
  end: number;
  readonly key: string;
  readonly kind: 'entry' | 'item';
  /** entry: the top-level pair; item: the sequence item (null for an empty `-`). */
  readonly node: Pair | Node | null;
  /** entry: the pair's value; item: the item. */
  readonly json: unknown;
  readonly problems: readonly Diagnostic[];
  /** Every range under `node`, gathered on the chunk's first move: a move adds to each, no walk of the nodes. */
  ranges: [number, number, number][] | undefined;
}

/** A read chunk, every one made here with the same fields in the same order (a move reads thousands of them: one shape keeps that fast). */
function readChunkOf(start: number, end: number, chunk: Chunk, node: Pair | Node | null, json: unknown): ReadChunk {
  return { start, end, key: chunk.key, kind: chunk.kind, node, json, problems: NONE, ranges: undefined };
}

const NONE: readonly never[] = [];

/** A span `[start, end)` of a chunk, counted from its start: it follows the chunk as it moves. */
function chunkSpan(chunk: ReadChunk, start: number, end: number): Span {
  return {
    get start() { return chunk.start + start; },
    get end() { return chunk.start + end; },
  };
}

/** Reads one chunk of `text` on its own: the fast reader, else yaml with every check of a whole read. */
export function readChunk(text: string, chunk: Chunk): ReadChunk {
  const own = text.slice(chunk.start, chunk.end);
  const fast = fastParse(own);
  let got = fast ? chunkOf(fast.contents, fast.json, chunk) : undefined;
  let problems: readonly Diagnostic[] = NONE;
  if (!got) {
    const parsed = parseTopology(own, { fast: false });
    got = parsed.doc ? chunkOf(parsed.doc.contents, parsed.json, chunk) : undefined;
    problems = parsed.diagnostics;
  }
  // What yaml made of a chunk that isn't one entry or one item (a problem made it two): an empty one.
  got ??= { node: chunk.kind === 'entry' ? new Pair(keyNode(chunk), null) : null, json: null };
  // Read alone, its nodes count from 0: moved to the chunk's place.
  const read = readChunkOf(0, chunk.end - chunk.start, chunk, got.node, got.json);
  moveChunk(read, chunk.start);
  if (problems.length > 0) {
    (read as { problems: readonly Diagnostic[] }).problems = problems.map((d) => ({ ...d, span: chunkSpan(read, d.span.start, d.span.end) }));
  }
  return read;
}

function keyNode(chunk: Chunk): Node {
  return new Scalar(chunk.key);
}

/** The node and JSON value of a chunk read on its own; undefined when it is not the one expected. */
function chunkOf(contents: unknown, json: unknown, chunk: Chunk): { node: Pair | Node | null; json: unknown } | undefined {
  if (chunk.kind === 'entry') {
    if (!isMap(contents) || contents.items.length !== 1) return undefined;
    const pair = contents.items[0]!;
    if (!isScalar(pair.key) || pair.key.value !== chunk.key) return undefined;
    return { node: pair, json: (json as Record<string, unknown> | null | undefined)?.[chunk.key] ?? null };
  }
  if (!isSeq(contents) || contents.items.length !== 1) return undefined;
  return { node: (contents.items[0] as Node | null) ?? null, json: (json as unknown[] | null | undefined)?.[0] ?? null };
}

/** Moves a chunk (its nodes' ranges too) by `delta`. */
export function moveChunk(chunk: ReadChunk, delta: number): void {
  if (delta === 0) return;
  chunk.start += delta;
  chunk.end += delta;
  // In place: only the latest version's nodes are read (and the spans read from them).
  for (const r of (chunk.ranges ??= rangesUnder(chunk.node, []))) {
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  }
}

/** The ranges of `node` and every node under it (no node twice: the split refuses anchors and aliases). */
function rangesUnder(node: Pair | Node | null | undefined, out: [number, number, number][]): [number, number, number][] {
  if (!node) return out;
  if (isPair(node)) {
    rangesUnder(node.key as Node | null, out);
    rangesUnder(node.value as Node | null, out);
    return out;
  }
  if (node.range) out.push(node.range);
  if (isMap(node) || isSeq(node)) for (const item of node.items as (Pair | Node | null)[]) rangesUnder(item, out);
  return out;
}

/** The chunks of a text read whole (by the fast reader), taken from its nodes: nothing is read twice. */
function harvest(chunks: readonly Chunk[], root: unknown, json: unknown): ReadChunk[] | undefined {
  if (!isMap(root) || typeof json !== 'object' || json === null) return undefined;
  const data = json as Record<string, unknown>;
  const out: ReadChunk[] = [];
  let entry = -1;
  let item = 0;
  let items: unknown[] = [];
  for (const [i, chunk] of chunks.entries()) {
    if (chunk.kind === 'entry') {
      entry++;
      item = 0;
      const pair = root.items[entry];
      if (!pair || !isScalar(pair.key) || pair.key.value !== chunk.key) return undefined;
      const value = data[chunk.key];
      items = isSeq(pair.value) && Array.isArray(value) ? pair.value.items : [];
      // The entry chunk of a split sequence is its `key:` line alone: an empty value.
      const split = chunks[i + 1]?.kind === 'item' && chunks[i + 1]?.key === chunk.key;
      out.push(readChunkOf(chunk.start, chunk.end, chunk, split ? new Pair(pair.key, null) : pair, split ? null : value));
      continue;
    }
    const node = items[item] as Node | null | undefined;
    const value = (data[chunk.key] as unknown[] | undefined)?.[item];
    item++;
    if (node === undefined) return undefined;
    out.push(readChunkOf(chunk.start, chunk.end, chunk, node, value));
  }
  if (entry + 1 !== root.items.length) return undefined;
  return out;
}

/** A text read: the document and its value, with the chunks it was read in (undefined: read whole). */
export interface TopologyRead extends ParseResult {
  readonly chunks: readonly ReadChunk[] | undefined;
}

/**
 * Reads a topology file: in chunks when it splits (see above), else whole. A text that splits
 * and that the fast reader takes whole is read whole by it and cut into its chunks (the same
 * nodes, read once).
 */
export function readTopology(text: string): TopologyRead {
  const split = splitChunks(text);
  if (!split || split.length === 0) return { ...parseTopology(text), chunks: undefined };
  const fast = fastParse(text);
  const harvested = fast ? harvest(split, fast.contents, fast.json) : undefined;
  const chunks = harvested ?? split.map((c) => readChunk(text, c));
  return { ...new Assembly(chunks).result(text, chunks), chunks };
}

/**
 * The one document (root map, sequences of items), its JSON value and the YAML problems of a
 * text read in chunks (at most MAX_YAML_ERRORS, as for a whole read), kept in step with the
 * chunks: when the items of a list are read again, their nodes and values are spliced into the
 * list (no other node is touched), so a version costs what its edit changed. Like the chunks'
 * nodes, only the latest version's is read.
 */
export class Assembly {
  private readonly root = new YAMLMap();
  private readonly json: Record<string, unknown> = {};
  /** The entry chunks, in the order of the root's pairs. */
  private readonly entries: ReadChunk[] = [];

  constructor(chunks: readonly ReadChunk[]) {
    let seq: YAMLSeq | undefined;
    let seqJson: unknown[] | undefined;
    for (const c of chunks) {
      if (c.kind === 'entry') {
        // A fresh pair: the chunk's stays as read, whatever value this assembly gives it.
        const pair = c.node as Pair;
        seq = undefined;
        seqJson = undefined;
        this.root.items.push(new Pair(pair.key, pair.value));
        this.entries.push(c);
        this.json[c.key] = c.json;
        continue;
      }
      const owner = this.root.items[this.root.items.length - 1];
      if (!owner) continue;
      if (!seq) {
        seq = new YAMLSeq();
        seqJson = [];
        // The entry was read as `key:` with an empty value; its value is this sequence.
        owner.value = seq;
        this.json[c.key] = seqJson;
      }
      seq.items.push(c.node);
      seqJson!.push(c.json);
    }
  }

  /**
   * The items [at, at + removed) of the list of entry `entry` (its index among the entries) are
   * now `added`. False when the list would be left empty: its entry's value is then its own
   * (the caller assembles again).
   */
  spliceItems(entry: number, at: number, removed: number, added: readonly ReadChunk[]): boolean {
    const pair = this.root.items[entry];
    const c = this.entries[entry];
    const values = c ? this.json[c.key] : undefined;
    if (!pair || !c || !isSeq(pair.value) || !Array.isArray(values)) return false;
    if (pair.value.items.length - removed + added.length === 0) return false;
    pair.value.items.splice(at, removed, ...added.map((x) => x.node));
    values.splice(at, removed, ...added.map((x) => x.json));
    return true;
  }

  /**
   * The entry chunk of a top-level key whose items are chunks of their own (a block list), and
   * how many (undefined: no such entry, two of them, or a value read with its entry, such as a
   * flow list `[a, b]`).
   */
  list(key: string): { readonly entry: ReadChunk; readonly length: number } | undefined {
    let found: ReadChunk | undefined;
    for (const e of this.entries) {
      if (e.key !== key) continue;
      if (found) return undefined;
      found = e;
    }
    // A split list's entry chunk is its `key:` line alone: its own value is empty.
    if (!found || found.json !== null) return undefined;
    const values = this.json[key];
    return { entry: found, length: Array.isArray(values) ? values.length : 0 };
  }

  /** The index of an entry chunk among the entries (-1: not one of them). */
  entryIndex(chunk: ReadChunk): number {
    return this.entries.indexOf(chunk);
  }

  /**
   * The document of this version: the lists' and the root's ranges as the chunks are now.
   * `withProblems`: the chunks that have YAML problems, in file order, when the caller keeps
   * them (else every chunk is looked at).
   */
  result(text: string, chunks: readonly ReadChunk[], withProblems: readonly ReadChunk[] = chunks): ParseResult {
    const problems: Diagnostic[] = [];
    let more = 0;
    for (const c of withProblems) {
      if (c.problems.length === 0) continue;
      for (const d of c.problems) {
        if (problems.length < MAX_YAML_ERRORS) problems.push(d);
        else more++;
      }
    }
    this.root.items.forEach((pair, e) => {
      const seq = pair.value;
      if (!isSeq(seq) || seq.items.length === 0) return;
      const at = chunkAt(chunks, this.entries[e]!.start);
      const first = chunks[at + 1];
      const last = chunks[at + seq.items.length];
      if (!first || !last) return;
      const r = last.node !== null && 'range' in last.node ? last.node.range : undefined;
      seq.range = [first.start, r ? r[1] : last.end, last.end];
    });
    this.root.range = [0, text.length, text.length];
    const tail = problems[problems.length - 1];
    if (more > 0 && tail) problems[problems.length - 1] = { ...tail, message: `${tail.message} (and ${more} more YAML errors after this one, not shown)` };
    return { doc: documentOf(text, this.root), json: this.json, diagnostics: problems };
  }
}

/** The index of the chunk holding an offset (the last chunk for the text's end; chunks in file order). */
export function chunkAt(chunks: readonly { readonly start: number }[], offset: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
