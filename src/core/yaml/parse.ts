/**
 * Reading a topology file: bytes to text (strict UTF-8), text to one YAML document and its
 * JSON value, with every problem as a TOP001 diagnostic. Hostile input (deep nesting, alias
 * bombs, huge lines, binary) gives a diagnostic, never an exception or a hang.
 *
 * Choices, where the spec is silent:
 * - An empty file, or one with only whitespace and comments, has no document: `doc` is
 *   undefined and there is no diagnostic (a new, empty file is not an error; "missing
 *   'version'" on every new file would be noise). A document that is only `---` or `null`
 *   is treated the same by the schema check (see schema/validate.ts).
 * - More than one document: TOP001 on the start of the second one; only the first is read.
 * - Input nested deeper than `MAX_DEPTH` collections, an alias that expands to more than
 *   `MAX_EXPANDED_NODES` nodes (an "alias bomb"), or an alias that refers to the node that
 *   contains it: TOP001, and `doc` and `json` are undefined, so that nothing downstream
 *   recurses or loops over it. An alias to an anchor that doesn't exist: TOP001, `doc` is
 *   kept, `json` is undefined.
 * - At most `MAX_YAML_ERRORS` syntax errors are reported (binary input makes thousands).
 * - A BOM: `decodeUtf8` drops it, as editors do; a U+FEFF left at the start of a string is
 *   accepted by the parser and spans stay offsets into that string.
 */
import { Composer, Document, Parser, isAlias, isCollection, isPair, isScalar, visit } from 'yaml';
import type { CST, Node as YamlNode, YAMLError } from 'yaml';
import { fastParse } from './fastYaml';
import type { Diagnostic, Span } from '../types';

/** Collections nested deeper than this are refused (a topology needs about eight). */
export const MAX_DEPTH = 100;
/** Aliases may expand the document to at most this many nodes. */
export const MAX_EXPANDED_NODES = 1_000_000;
/**
 * yaml's own toJS guard (count of uses of an anchor times the aliases inside it), as a
 * second line of defence. Its default, 100, would refuse a file that uses one anchor 101
 * times; our own expanded-size check (`MAX_EXPANDED_NODES`) runs first and is tighter.
 */
export const MAX_ALIAS_COUNT = MAX_EXPANDED_NODES;
/** The longest YAML error message kept whole (the parser may quote a whole file in one). */
export const MAX_MESSAGE = 200;
/** Syntax errors reported per file. */
export const MAX_YAML_ERRORS = 100;

export interface ParseResult {
  /** The first YAML document; undefined when there is none or it is unsafe to walk. */
  readonly doc: Document.Parsed | undefined;
  /** The document as plain data; undefined when it could not be converted safely. */
  readonly json: unknown;
  readonly diagnostics: Diagnostic[];
}

/** Source text of each parsed document, for schema/locate.ts to place diagnostics exactly. */
const sources = new WeakMap<Document.Parsed, string>();

/** The text a document was parsed from by `parseTopology`, if it was. */
export function sourceOf(doc: Document.Parsed): string | undefined {
  return sources.get(doc);
}

/**
 * A parsed document made of nodes read another way (by the fast reader, or assembled from
 * chunks by incremental/incremental.ts), with their source ranges: what the rest of the core reads of
 * a document parsed by yaml.
 */
export function documentOf(text: string, contents: YamlNode): Document.Parsed {
  const doc = new Document();
  doc.contents = contents;
  const parsed = doc as unknown as Document.Parsed;
  (parsed as { range: [number, number, number] }).range = [0, text.length, text.length];
  // The schema check reads the source text (spans, the number as written in a message).
  sources.set(parsed, text);
  return parsed;
}

export function top001(message: string, span: Span): Diagnostic {
  return { code: 'TOP001', severity: 'error', message, span };
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}

/**
 * A span inside the text for a parser position: clamped into the text, and never empty
 * when a character nearby can carry it (an error at the end of the file goes on the last
 * character that isn't whitespace).
 */
export function spanInText(text: string, start: number, end: number): Span {
  const len = text.length;
  const s = Math.max(0, Math.min(Number.isFinite(start) ? start : 0, len));
  const e = Math.max(s, Math.min(Number.isFinite(end) ? end : s, len));
  if (e > s) return { start: s, end: e };
  if (s < len && !isLineBreak(text.charCodeAt(s))) return { start: s, end: s + 1 };
  let i = s - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  if (i >= 0) return { start: i, end: i + 1 };
  return { start: s, end: s };
}

function yamlErrorMessage(err: YAMLError, text: string, span: Span): string {
  switch (err.code) {
    case 'DUPLICATE_KEY':
      return `duplicate key '${text.slice(span.start, Math.min(span.end, span.start + 80))}': a key may appear only once in a mapping`;
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed as indentation in YAML; indent with spaces';
    default: {
      const m = err.message.trim();
      if (m.length === 0) return `YAML error (${err.code})`;
      // yaml quotes the offending source in some messages ("Unexpected scalar token in YAML
      // stream: ..."): on garbage that is the whole rest of the file. Keep messages short.
      return m.length > MAX_MESSAGE ? `${m.slice(0, MAX_MESSAGE)}…` : m;
    }
  }
}

/**
 * The offset of the first collection nested deeper than `max`, or undefined. Iterative,
 * so that it can look at input that would overflow the stack of a recursive walk.
 */
export function findTooDeep(tokens: readonly CST.Token[], max: number): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t) stack.push({ token: t, depth: 0 });
  }
  const push = (token: CST.Token | null | undefined, depth: number): void => {
    if (token) stack.push({ token, depth });
  };
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { token, depth } = top;
    switch (token.type) {
      case 'document':
        push(token.value, depth);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const d = depth + 1;
        if (d > max) return token.offset;
        for (let j = token.items.length - 1; j >= 0; j--) {
          const item = token.items[j];
          if (!item) continue;
          push(item.value, d);
          if ('key' in item) push(item.key, d);
        }
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

interface AliasCheck {
  readonly diagnostics: Diagnostic[];
  /** An alias bomb or a cycle: the document must not be walked with aliases resolved. */
  readonly unsafe: boolean;
  /** An alias that resolves to nothing. */
  readonly unresolved: boolean;
}

function nodeSpan(text: string, node: { range?: readonly [number, number, number] | null }): Span {
  const r = node.range;
  return r ? spanInText(text, r[0], r[1]) : spanInText(text, 0, 0);
}

/**
 * Resolve every alias the way yaml does (the last anchor of that name before it), and
 * count how many nodes the document would have with every alias expanded.
 */
function checkAliases(doc: Document.Parsed, text: string): AliasCheck {
  const diagnostics: Diagnostic[] = [];
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<YamlNode, YamlNode>();
  const sizes = new Map<unknown, number>();
  let unsafe = false;
  let unresolved = false;
  let total = 0;

  // Expanded size of a subtree whose aliases have all been resolved already (they come
  // before any alias that refers to the subtree). Memoized on anchored nodes.
  const sizeOf = (node: unknown): number => {
    if (node === null || node === undefined) return 0;
    const memo = sizes.get(node);
    if (memo !== undefined) return memo;
    let n = 1;
    if (isAlias(node)) {
      const t = targets.get(node);
      n = t ? sizeOf(t) : 1;
    } else if (isPair(node)) {
      n = sizeOf(node.key) + sizeOf(node.value);
    } else if (isCollection(node)) {
      for (const item of node.items as unknown[]) {
        n += sizeOf(item);
        if (n > MAX_EXPANDED_NODES) break;
      }
    }
    if (isAlias(node) || (isScalar(node) || isCollection(node)) && node.anchor) sizes.set(node, n);
    return n;
  };

  visit(doc, {
    Node(_key, node, path) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (!target) {
          unresolved = true;
          diagnostics.push(
            top001(`alias '*${node.source}' refers to no anchor: '&${node.source}' must be set before it`, nodeSpan(text, node)),
          );
          total += 1;
          return undefined;
        }
        if (path.includes(target)) {
          unsafe = true;
          diagnostics.push(
            top001(`alias '*${node.source}' is inside the node it refers to: the value would contain itself`, nodeSpan(text, node)),
          );
          return visit.BREAK;
        }
        targets.set(node, target);
        total += sizeOf(target);
        if (total > MAX_EXPANDED_NODES) {
          unsafe = true;
          diagnostics.push({
            ...top001(
              `aliases expand this document to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} values, starting here with '*${node.source}' (an "alias bomb"?); the file is not analysed`,
              nodeSpan(text, node),
            ),
            related: [{ span: nodeSpan(text, target), message: `the anchor '&${node.source}'` }],
          });
          return visit.BREAK;
        }
        return undefined;
      }
      total += 1;
      if (node.anchor) anchors.set(node.anchor, node);
      return undefined;
    },
  });
  return { diagnostics, unsafe, unresolved };
}

/** Start offset -> end offset of every map key (for duplicate-key errors). */
function keyEndsOf(doc: Document.Parsed): Map<number, number> {
  const ends = new Map<number, number>();
  visit(doc, {
    Pair(_key, pair) {
      const k = pair.key;
      if (isScalar(k) || isCollection(k) || isAlias(k)) {
        const r = k.range;
        if (r) ends.set(r[0], r[1]);
      }
    },
  });
  return ends;
}

/** The end of the key or word at `start` (one character for a flow bracket). */
function wordEnd(text: string, start: number): number {
  const c = text.charAt(start);
  if (c === '[' || c === '{' || c === '-') return start + 1;
  let i = start;
  while (i < text.length && i - start < 200 && !/[\s:,[\]{}]/.test(text.charAt(i))) i++;
  return Math.max(i, start + 1);
}

/** The span for the start of a second document: its `---`, or its first line. */
function secondDocSpan(text: string, doc: Document.Parsed): Span {
  const start = Math.max(0, Math.min(doc.range[0], text.length));
  if (text.startsWith('---', start)) return { start, end: start + 3 };
  let end = start;
  while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
  return spanInText(text, start, end);
}

const composerOptions = {
  prettyErrors: false,
  uniqueKeys: true,
  keepSourceTokens: false,
  // toJS would otherwise print warnings (e.g. for collection keys) on the console.
  logLevel: 'error',
} as const;

function isRangeError(e: unknown): boolean {
  return e instanceof RangeError || (e instanceof Error && /call stack|too much recursion/i.test(e.message));
}

/**
 * Most topology files are plain block YAML, which the fast reader reads several times faster
 * than yaml, to the same nodes (src/core/yaml/fastYaml.ts). Undefined: the text is not in its
 * subset, for yaml to read.
 */
function parseTopologyFast(text: string): ParseResult | undefined {
  const fast = fastParse(text);
  return fast ? { doc: documentOf(text, fast.contents), json: fast.json, diagnostics: [] } : undefined;
}

/**
 * yaml's parse, with the guards against hostile input (nesting depth, alias expansion, the
 * number of errors reported). Exhaustion the guards can't foresee (a RangeError) is thrown,
 * for `parseTopology` to turn into a TOP001.
 */
function parseByYaml(text: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  let yamlErrors = 0;
  let keyEnds: Map<number, number> | undefined;
  const report = (err: YAMLError, doc?: Document.Parsed): void => {
    yamlErrors++;
    if (yamlErrors > MAX_YAML_ERRORS) return;
    let end = err.pos[1];
    // yaml marks only the first character of a duplicate key: underline the whole key.
    if (err.code === 'DUPLICATE_KEY' && doc) {
      keyEnds ??= keyEndsOf(doc);
      end = Math.max(end, keyEnds.get(err.pos[0]) ?? end);
    }
    const span = spanInText(text, err.pos[0], end);
    diagnostics.push(top001(yamlErrorMessage(err, text, span), span));
  };

  const tokens = Array.from(new Parser().parse(text));
  const deep = findTooDeep(tokens, MAX_DEPTH);
  if (deep !== undefined) {
    diagnostics.push(
      top001(
        `the YAML is nested more than ${MAX_DEPTH} levels deep here (a topology needs about eight); the file is not analysed`,
        spanInText(text, deep, wordEnd(text, deep)),
      ),
    );
    return { doc: undefined, json: undefined, diagnostics };
  }

  const composer = new Composer(composerOptions);
  const docs: Document.Parsed[] = [];
  for (const d of composer.compose(tokens)) {
    docs.push(d);
    if (docs.length === 2) break;
  }
  const doc = docs[0];
  if (!doc) {
    const info = composer.streamInfo();
    for (const e of info.errors) report(e);
    for (const w of info.warnings) report(w);
    return { doc: undefined, json: undefined, diagnostics };
  }
  sources.set(doc, text);
  for (const e of doc.errors) report(e, doc);
  for (const w of doc.warnings) report(w, doc);
  if (yamlErrors > MAX_YAML_ERRORS) {
    const last = diagnostics[diagnostics.length - 1];
    if (last) {
      diagnostics[diagnostics.length - 1] = {
        ...last,
        message: `${last.message} (and ${yamlErrors - MAX_YAML_ERRORS} more YAML errors after this one, not shown)`,
      };
    }
  }
  const second = docs[1];
  if (second) {
    diagnostics.push(
      top001(
        'a second YAML document starts here: a topology file holds one document, and only the first is read',
        secondDocSpan(text, second),
      ),
    );
  }

  if (doc.contents === null) return { doc, json: null, diagnostics };

  // Aliases need '*' in the text; most files have none, and skip the walk.
  if (text.includes('*')) {
    const aliases = checkAliases(doc, text);
    diagnostics.push(...aliases.diagnostics);
    if (aliases.unsafe) return { doc: undefined, json: undefined, diagnostics };
    if (aliases.unresolved) return { doc, json: undefined, diagnostics };
  }

  let json: unknown;
  try {
    json = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (isRangeError(e)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    diagnostics.push(top001(`the YAML could not be read as data: ${message}`, nodeSpan(text, doc.contents)));
    return { doc, json: undefined, diagnostics };
  }
  return { doc, json, diagnostics };
}

/**
 * Parse a topology file's text into its first YAML document and that document's JSON
 * value: by the fast reader when it takes the text, by yaml otherwise (or always, with
 * `fast: false`). Never throws: every problem, including resource exhaustion, is a TOP001.
 */
export function parseTopology(text: string, options: { fast?: boolean } = {}): ParseResult {
  try {
    if (options.fast !== false) {
      const fast = parseTopologyFast(text);
      if (fast) return fast;
    }
    return parseByYaml(text);
  } catch (e) {
    const why = isRangeError(e)
      ? 'the YAML is too deeply nested or too large to read'
      : `the YAML could not be read (${e instanceof Error ? e.message : String(e)})`;
    return { doc: undefined, json: undefined, diagnostics: [top001(`${why}; the file is not analysed`, spanInText(text, 0, 0))] };
  }
}
