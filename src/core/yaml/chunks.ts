/**
 * Splits a topology file into independent chunks — each top-level entry, and each item of a
 * top-level block sequence (a VM, a mapping, a site...) — so that an edit re-parses only
 * the chunks it touched.
 *
 * This is only done where it is certainly safe: no tabs, anchors, aliases, tags, directives,
 * document markers, BOM or complex keys, and every top-level line a plain `key:`. (`&`, `*`
 * and `!` inside a name or a comment, `R&D`, are fine: only where a node can start are they
 * an anchor, an alias or a tag.) Anything
 * else returns undefined and the caller parses the whole text. A split that still went wrong
 * (a quoted string running across an item boundary, say) makes a chunk fail to parse, and
 * the caller falls back to the whole text then too.
 */

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

  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const next = nl < 0 ? text.length : nl + 1;
    let line = text.slice(pos, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const trimmed = line.trimStart();
    const indent = line.length - trimmed.length;

    if (trimmed === '' || trimmed.startsWith('#')) {
      // Blank and comment lines belong to the chunk they are in (or to the first one).
      pos = next;
      continue;
    }
    if (indent === 0 && (line.startsWith('---') || line.startsWith('...') || line.startsWith('%'))) return undefined;

    const isItem = trimmed === '-' || trimmed.startsWith('- ');
    if (splittable && isItem && (seqIndent === undefined || indent === seqIndent) && current) {
      if (seqIndent === undefined) {
        seqIndent = indent;
        // The entry chunk keeps the `key:` line; the items start here.
        close(pos);
      } else {
        close(pos);
      }
      current = { start: pos, key: keyOf(chunks), kind: 'item' };
      pos = next;
      continue;
    }
    if (indent === 0) {
      const bare = TOP_KEY.exec(line);
      const withValue = bare ? undefined : TOP_KEY_VALUE.exec(line);
      const key = bare?.[1] ?? withValue?.[1];
      if (!key || keys.has(key)) return undefined;
      keys.add(key);
      // Leading comments belong to the first chunk, so that the chunks cover the whole text.
      const start = current ? pos : 0;
      close(pos);
      current = { start, key, kind: 'entry' };
      splittable = bare !== null && bare !== undefined;
      seqIndent = undefined;
      pos = next;
      continue;
    }
    // An indented line inside the current chunk. Inside a split sequence it must be deeper
    // than the items, or the split would be wrong.
    if (!current) return undefined;
    if (splittable && seqIndent !== undefined && indent <= seqIndent) return undefined;
    if (splittable && seqIndent === undefined) splittable = false; // a block map or scalar: one chunk
    pos = next;
  }
  close(text.length);
  return chunks;
}

function keyOf(chunks: readonly Chunk[]): string {
  return chunks[chunks.length - 1]?.key ?? '';
}
