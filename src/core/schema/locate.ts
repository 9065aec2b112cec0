/**
 * From an ajv `instancePath` (a JSON pointer) to the YAML node it names: the key, the value,
 * or the key of the object that lacks a field, following aliases as `toJS` does.
 */
import { isAlias, isCollection, isMap, isNode, isScalar, isSeq, type Alias, type Document } from 'yaml';
import { sourceOf, spanInText } from '../yaml';
import type { Span } from '../types';


/** JSON-pointer segments, unescaped (`~1` is `/`, then `~0` is `~`). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One step of a path through the document. */
export interface Step {
  /** The node at this step as written (may be an Alias), or undefined when absent. */
  readonly node: unknown;
  /** The key node of the pair whose value this is. */
  readonly key: unknown;
  /** The sequence and index, when this is a sequence item. */
  readonly seq: { readonly node: unknown; readonly index: number } | undefined;
}

export class Locator {
  private readonly aliasCache = new Map<Alias, unknown>();
  readonly text: string | undefined;
  private readonly end: number;

  constructor(private readonly doc: Document.Parsed) {
    this.text = sourceOf(doc);
    this.end = this.text?.length ?? doc.range[2];
  }

  deref(node: unknown): unknown {
    let n = node;
    for (let hops = 0; isAlias(n) && hops < 100; hops++) {
      const alias = n;
      if (!this.aliasCache.has(alias)) this.aliasCache.set(alias, alias.resolve(this.doc));
      n = this.aliasCache.get(alias);
    }
    return n;
  }

  /** The steps from the root along `segs`; shorter when the path leaves the document. */
  walk(segs: readonly string[]): Step[] {
    const steps: Step[] = [{ node: this.doc.contents, key: undefined, seq: undefined }];
    for (const seg of segs) {
      const last = steps[steps.length - 1];
      const cur = this.deref(last?.node);
      if (isMap(cur)) {
        const pair = findPair(cur.items, seg);
        if (!pair) break;
        steps.push({ node: pair.value, key: pair.key, seq: undefined });
      } else if (isSeq(cur)) {
        const index = Number(seg);
        if (!Number.isInteger(index) || index < 0 || index >= cur.items.length) break;
        steps.push({ node: cur.items[index], key: undefined, seq: { node: cur, index } });
      } else {
        break;
      }
    }
    return steps;
  }

  /** A node's value range, clamped into the text; undefined for no node or no range. */
  rangeOf(node: unknown): Span | undefined {
    if (!isNode(node) || !node.range) return undefined;
    return { start: node.range[0], end: node.range[1] };
  }

  /** Whether a node's span holds something to see (not nothing, not white space alone). */
  private visible(span: Span): boolean {
    if (span.end <= span.start) return false;
    const text = this.text;
    if (text === undefined) return true;
    // Most nodes start with what they show: this stops at their first character.
    for (let i = span.start; i < span.end && i < text.length; i++) if (!/\s/.test(text.charAt(i))) return true;
    return false;
  }

  clamp(span: Span): Span {
    if (this.text !== undefined) {
      // Block collections end after their last line break: underline up to the last character.
      let end = Math.min(span.end, this.text.length);
      while (end > span.start + 1 && /\s/.test(this.text.charAt(end - 1))) end--;
      return spanInText(this.text, span.start, end);
    }
    const start = Math.max(0, Math.min(span.start, this.end));
    return { start, end: Math.max(start, Math.min(span.end, this.end)) };
  }

  /** The span of the value at `step`: the value, else its key, else its `-`. */
  valueSpan(step: Step): Span {
    const r = this.rangeOf(step.node);
    if (r && this.visible(r)) return this.clamp(r);
    const k = this.rangeOf(step.key);
    if (k && this.visible(k)) return this.clamp(k);
    const at = r ?? k ?? { start: 0, end: 0 };
    // An empty node (an empty key `    : x`, which yaml places at the line break or the
    // indentation before it), or one of white space alone (a key that is a lone carriage
    // return): underline the next visible character (its `:`), not a space or the end of
    // the line before.
    const text = this.text;
    if (text !== undefined) {
      let i = at.start;
      while (i < text.length && /\s/.test(text.charAt(i))) i++;
      if (i > at.start && i < text.length && text.charAt(i) !== '#') return this.clamp({ start: i, end: i + 1 });
    }
    return this.clamp(at);
  }

  /** The span of the key that names the object at `step`, for "missing field". */
  objectKeySpan(step: Step): Span {
    const k = this.rangeOf(step.key);
    if (k && k.end > k.start) return this.clamp(k);
    if (!isAlias(step.node)) {
      const obj = step.node;
      if (isMap(obj)) {
        const first = obj.items[0];
        const fk = first ? this.rangeOf(first.key) : undefined;
        if (fk && fk.end > fk.start) return this.clamp(fk);
      }
    }
    return this.valueSpan(step);
  }

  /**
   * A null key as written (`~`, `null`): the JSON value names it '', which says nothing to
   * the person who wrote it. Undefined for any other key, or one written as nothing at all.
   */
  writtenNullKey(node: unknown): string | undefined {
    if (!isScalar(node) || node.value !== null || !node.range || this.text === undefined) return undefined;
    const written = this.text.slice(node.range[0], node.range[1]).trim();
    return written === '' ? undefined : written;
  }

  /** The key node of `key` in the map at `step`, or undefined. */
  keyNodeIn(step: Step, key: string): unknown {
    const obj = this.deref(step.node);
    if (!isMap(obj)) return undefined;
    return findPair(obj.items, key)?.key;
  }
}

/** The string a YAML key becomes in the JSON value (as yaml's toJS makes it). */
function keyString(key: unknown): string | undefined {
  if (isScalar(key)) {
    const v = key.value;
    if (v === null || v === undefined) return '';
    if (typeof v === 'object') return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    return undefined;
  }
  return undefined;
}

/** The pair with that key; the last one, as toJS keeps the last of duplicate keys. */
function findPair<P extends { key: unknown; value: unknown }>(items: readonly P[], seg: string): P | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const p = items[i];
    if (p && keyString(p.key) === seg) return p;
  }
  // A collection as a key: toJS stringifies it as flow YAML, e.g. "[ 1, 2 ]".
  const flat = (x: string): string => x.replace(/[\s"']/g, '');
  const want = flat(seg);
  for (let i = items.length - 1; i >= 0; i--) {
    const p = items[i];
    if (p && isCollection(p.key) && flat(JSON.stringify(p.key.toJSON())) === want) return p;
  }
  return undefined;
}

