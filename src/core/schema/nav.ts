/**
 * Walks the topology JSON schema (schemas/topology.schema.json, given as plain JSON) along a
 * YAML path: the description of a key, and the keys an object at a path can have. Pure: the
 * caller reads the file. Understands what a hand-written schema uses: `$ref` to local
 * definitions, `properties`, `items`, `additionalProperties`, and `allOf`/`anyOf`/`oneOf`
 * (whose branches are merged: a key of any branch is a key of the object).
 */
import type { PathSegment } from '../yaml';

export type JsonSchema = { readonly [key: string]: unknown };

export interface SchemaKey {
  readonly name: string;
  readonly description: string | undefined;
  readonly required: boolean;
  /** 'object' | 'array' | 'string' | 'boolean' | 'number' | 'integer' | undefined */
  readonly type: string | undefined;
  readonly deprecated: boolean;
}

function isSchema(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function resolveRef(root: JsonSchema, s: JsonSchema, depth = 0): JsonSchema {
  const ref = s.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 20) return s;
  let cur: unknown = root;
  for (const part of ref.slice(1).split('/').filter((p) => p !== '')) {
    const key = decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'));
    cur = isSchema(cur) ? cur[key] : undefined;
  }
  if (!isSchema(cur)) return s;
  // Keywords beside $ref (a description, say) win over the target's.
  const { $ref: _ignored, ...rest } = s;
  return { ...resolveRef(root, cur, depth + 1), ...rest };
}

/** The schema and every branch of its allOf/anyOf/oneOf, refs resolved. */
function branches(root: JsonSchema, s: JsonSchema, depth = 0): JsonSchema[] {
  const r = resolveRef(root, s);
  const out = [r];
  if (depth > 10) return out;
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = r[k];
    if (Array.isArray(list)) for (const b of list) if (isSchema(b)) out.push(...branches(root, b, depth + 1));
  }
  const thenElse = [r.then, r.else].filter(isSchema);
  for (const b of thenElse) out.push(...branches(root, b, depth + 1));
  return out;
}

/** The subschemas at a path (several where branches disagree). */
export function schemasAt(root: JsonSchema, path: readonly PathSegment[]): JsonSchema[] {
  let current: JsonSchema[] = [root];
  for (const seg of path) {
    const next: JsonSchema[] = [];
    for (const s of current) {
      for (const b of branches(root, s)) {
        if (typeof seg === 'number') {
          const items = b.items;
          if (isSchema(items)) next.push(resolveRef(root, items));
          else if (Array.isArray(items) && isSchema(items[seg])) next.push(resolveRef(root, items[seg]));
        } else {
          const props = b.properties;
          if (isSchema(props) && isSchema(props[seg])) next.push(resolveRef(root, props[seg]));
          else if (isSchema(b.additionalProperties)) next.push(resolveRef(root, b.additionalProperties));
        }
      }
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

function typeOf(s: JsonSchema): string | undefined {
  const t = s.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').join(' | ');
  return undefined;
}

/** The keys an object at this path can have, in the schema's order. */
export function keysAt(root: JsonSchema, path: readonly PathSegment[]): SchemaKey[] {
  const out = new Map<string, SchemaKey>();
  for (const s of schemasAt(root, path)) {
    for (const b of branches(root, s)) {
      const props = b.properties;
      if (!isSchema(props)) continue;
      const required = new Set(Array.isArray(b.required) ? b.required.filter((x): x is string => typeof x === 'string') : []);
      for (const [name, raw] of Object.entries(props)) {
        if (!isSchema(raw)) continue;
        const p = resolveRef(root, raw);
        const before = out.get(name);
        out.set(name, {
          name,
          description: before?.description ?? descriptionOf(p),
          required: (before?.required ?? false) || required.has(name),
          type: before?.type ?? typeOf(p),
          deprecated: p.deprecated === true,
        });
      }
    }
  }
  return [...out.values()];
}

function descriptionOf(s: JsonSchema): string | undefined {
  if (typeof s.markdownDescription === 'string') return s.markdownDescription;
  if (typeof s.description === 'string') return s.description;
  return undefined;
}

/** The description of the key at the end of a path (`['sites', 0, 'vmmServer']`). */
export function describeKey(root: JsonSchema, path: readonly PathSegment[]): string | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  const parent = path.slice(0, -1);
  const fromParent = keysAt(root, parent).find((k) => k.name === key)?.description;
  if (fromParent) return fromParent;
  for (const s of schemasAt(root, path)) {
    const d = descriptionOf(s);
    if (d) return d;
  }
  return undefined;
}
