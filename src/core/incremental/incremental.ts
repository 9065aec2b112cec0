/**
 * Incremental parsing: a topology file is parsed chunk by chunk (see chunks.ts), and after
 * an edit only the chunks whose text changed are parsed again; the others are reused, their
 * ranges shifted. The result is assembled into one yaml Document, the same as a full parse
 * gives for the text, so the rest of the analysis can't tell the difference (a property
 * test compares both on random edits).
 *
 * Whenever a chunk has a parse error or warning, or the text can't be split safely, the
 * caller falls back to the full parse: the full parser's messages are the reference.
 */
import { isMap, isSeq, isScalar, isPair, Pair, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';
import { splitChunks, type Chunk } from './chunks';
import { fastParse } from '../yaml';
import { documentOf, parseTopology } from '../yaml';

/** A parsed chunk: its text and the node(s) it gives, with ranges in document offsets. */
export interface ParsedChunk {
  readonly text: string;
  readonly chunk: Chunk;
  /** entry: the top-level pair; item: the sequence item (null for an empty `-`). */
  readonly node: Pair | Node | null;
  /** The chunk's value as JSON (entry: the pair's value; item: the item). */
  readonly json: unknown;
}

export interface ChunkedParse {
  readonly doc: Document.Parsed;
  readonly json: unknown;
  readonly chunks: readonly ParsedChunk[];
  /** How many chunks were parsed anew (the rest were reused). */
  readonly parsed: number;
}

/** Beyond this many changed chunks (and a fifth of all), a full parse is faster. */
const MAX_CHUNKS_TO_PARSE = 200;

/**
 * The chunks of a text taken from its full parse (no chunk is parsed again), so that the
 * next edit can start from them. Undefined when the text can't be split, or the document
 * doesn't have the shape the split expects.
 */
export function harvestChunks(text: string, doc: Document.Parsed, json: unknown): ChunkedParse | undefined {
  const chunks = splitChunks(text);
  const root = doc.contents;
  if (!chunks || !isMap(root) || typeof json !== 'object' || json === null) return undefined;
  const data = json as Record<string, unknown>;
  const out: ParsedChunk[] = [];
  let entry = -1;
  let item = 0;
  let items: unknown[] = [];
  for (const chunk of chunks) {
    const chunkText = text.slice(chunk.start, chunk.end);
    if (chunk.kind === 'entry') {
      entry++;
      item = 0;
      const pair = root.items[entry];
      if (!pair || !isScalar(pair.key) || pair.key.value !== chunk.key) return undefined;
      const value = data[chunk.key];
      items = isSeq(pair.value) && Array.isArray(value) ? (pair.value.items) : [];
      // The entry chunk of a split sequence is its `key:` line alone: an empty value.
      const next = chunks[out.length + 1];
      const split = next?.kind === 'item' && next.key === chunk.key;
      out.push({ text: chunkText, chunk, node: split ? new Pair(pair.key, null) : pair, json: split ? null : value });
      continue;
    }
    const node = items[item] as Node | null | undefined;
    const value = (data[chunk.key] as unknown[] | undefined)?.[item];
    item++;
    if (node === undefined) return undefined;
    out.push({ text: chunkText, chunk, node, json: value });
  }
  if (entry + 1 !== root.items.length) return undefined;
  return { doc, json, chunks: out, parsed: 0 };
}

/**
 * Parses `text` reusing what it can of `previous`. Undefined: not safe to do in chunks
 * (the caller parses the whole text), or, unless `all`, too large a change to be faster so.
 */
export function parseChunked(text: string, previous: ChunkedParse | undefined, options: { all?: boolean } = {}): ChunkedParse | undefined {
  const chunks = splitChunks(text);
  if (!chunks || chunks.length === 0) return undefined;
  const texts = chunks.map((c) => text.slice(c.start, c.end));
  const old = previous?.chunks ?? [];

  // Common prefix and suffix of unchanged chunks (same text, same kind and key).
  const same = (o: ParsedChunk | undefined, i: number): boolean =>
    o !== undefined && o.text === texts[i] && o.chunk.kind === chunks[i]!.kind && o.chunk.key === chunks[i]!.key;
  let prefix = 0;
  while (prefix < chunks.length && prefix < old.length && same(old[prefix], prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < chunks.length - prefix &&
    suffix < old.length - prefix &&
    same(old[old.length - 1 - suffix], chunks.length - 1 - suffix)
  ) suffix++;

  // A large change (a paste, a reformat) is parsed faster in one piece: the caller does that.
  const changed = chunks.length - prefix - suffix;
  if (!options.all && changed > Math.max(MAX_CHUNKS_TO_PARSE, chunks.length / 5)) return undefined;

  const out: ParsedChunk[] = new Array<ParsedChunk>(chunks.length);
  let parsed = 0;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    let reused: ParsedChunk | undefined;
    if (i < prefix) reused = old[i];
    else if (i >= chunks.length - suffix) reused = old[old.length - (chunks.length - i)];
    if (reused) {
      const delta = chunk.start - reused.chunk.start;
      if (delta !== 0) shift(reused.node, delta);
      out[i] = { ...reused, chunk };
      continue;
    }
    const p = parseChunk(texts[i]!, chunk);
    if (!p) return undefined;
    out[i] = p;
    parsed++;
  }
  return { ...assemble(text, out), chunks: out, parsed };
}

/** Parses one chunk on its own, its ranges placed at the chunk's offsets; undefined on any problem. */
export function parseChunk(text: string, chunk: Chunk): ParsedChunk | undefined {
  // The fast reader first (plain block YAML, the same nodes as yaml's); yaml otherwise.
  let got: { node: Pair | Node | null; json: unknown } | undefined;
  const fast = fastParse(text);
  if (fast) {
    got = chunkOf(fast.contents, fast.json, chunk);
  } else {
    // yaml, with every check of a whole parse (nesting depth, data conversion...): a chunk
    // with anything to say about it is left to the whole parse, whose messages are the reference.
    const parsed = parseTopology(text, { fast: false });
    if (parsed.diagnostics.length > 0 || !parsed.doc) return undefined;
    got = chunkOf(parsed.doc.contents, parsed.json, chunk);
  }
  if (!got) return undefined;
  shift(got.node, chunk.start);
  return { text, chunk, node: got.node, json: got.json };
}

/** The node and JSON value of a chunk parsed on its own; undefined when it is not the one expected. */
function chunkOf(contents: unknown, json: unknown, chunk: Chunk): { node: Pair | Node | null; json: unknown } | undefined {
  if (chunk.kind === 'entry') {
    if (!isMap(contents) || contents.items.length !== 1) return undefined;
    const pair = contents.items[0]!;
    if (!isScalar(pair.key) || pair.key.value !== chunk.key) return undefined;
    return { node: pair, json: (json as Record<string, unknown>)[chunk.key] };
  }
  if (!isSeq(contents) || contents.items.length !== 1) return undefined;
  return { node: (contents.items[0] as Node | null) ?? null, json: (json as unknown[])[0] };
}

/** Builds the one document (root map, sequences of items) and its JSON from the chunks. */
function assemble(text: string, chunks: readonly ParsedChunk[]): { doc: Document.Parsed; json: unknown } {
  const root = new YAMLMap();
  const json: Record<string, unknown> = {};
  let seq: YAMLSeq | undefined;
  let seqJson: unknown[] | undefined;
  for (const c of chunks) {
    if (c.chunk.kind === 'entry') {
      // A fresh pair: the cached one stays as parsed, whatever value this assembly gives it.
      const parsedPair = c.node as Pair;
      seq = undefined;
      seqJson = undefined;
      root.items.push(new Pair(parsedPair.key, parsedPair.value));
      json[c.chunk.key] = c.json;
      continue;
    }
    const owner = root.items[root.items.length - 1];
    if (!owner) continue;
    if (!seq) {
      seq = new YAMLSeq();
      seqJson = [];
      seq.range = [c.chunk.start, c.chunk.end, c.chunk.end];
      // The entry parsed as `key:` with an empty value; its value is this sequence.
      owner.value = seq;
      json[c.chunk.key] = seqJson;
    }
    seq.items.push(c.node);
    seqJson!.push(c.json);
    const r = isItemNode(c.node) ? c.node.range : undefined;
    seq.range = [seq.range![0], r ? r[1] : c.chunk.end, c.chunk.end];
  }
  root.range = [0, text.length, text.length];
  return { doc: documentOf(text, root), json };
}

function isItemNode(n: unknown): n is Node {
  return n !== null && typeof n === 'object' && 'range' in n;
}

/** Adds `delta` to every range under `node`. */
function shift(node: Pair | Node | null | undefined, delta: number): void {
  if (!node) return;
  if (isPair(node)) {
    shift(node.key as Node | null, delta);
    shift(node.value as Node | null, delta);
    return;
  }
  const n = node;
  // In place: each node has its own range array, and only the latest version's nodes are read.
  const r = n.range;
  if (r) {
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  }
  if (isMap(n) || isSeq(n)) {
    for (const item of n.items as (Pair | Node | null)[]) shift(item, delta);
  }
  // Scalars have no children, and aliases can't occur: chunks.ts refuses anchors and aliases.
}
