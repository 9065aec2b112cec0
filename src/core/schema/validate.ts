/**
 * TOP002: the file against `schemas/topology.schema.json`, every problem on the exact YAML
 * node, in an administrator's words.
 *
 * ajv finds the problems (compiled once, lazily); each error's `instancePath` is followed
 * through the YAML AST to its node: an unknown key goes on that key, a missing field on
 * the key of the object that lacks it, a wrong value on the value. The schema's if/then/else
 * branches (a VM's `network` or `nics`, a pair's `protecting` or `toAzure`) are turned into
 * one message per object. A valid file costs one ajv call and nothing else.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Document } from 'yaml';
import schema from '../../../schemas/topology.schema.json';
import { formatAddress, parseAddress, parsePrefix } from '../model';
import type { Diagnostic, Span } from '../types';
import { Locator } from './locate';
import { MAX_SCHEMA_DIAGNOSTICS, Namer, Reporter, top002 } from './messages';

// ---------------------------------------------------------------------------------------
// IP addresses and CIDR prefixes (the schema's `ip-address` and `cidr` formats)
// ---------------------------------------------------------------------------------------

/** True for an IPv4 or IPv6 address (no leading zeros in IPv4, no zone id in IPv6). */
export function isIpAddress(s: string): boolean {
  return parseAddress(s) !== undefined;
}

/**
 * What is wrong with a CIDR prefix, as the end of a message about it; undefined when it
 * is a valid IPv4 or IPv6 prefix with no address bits set beyond its length.
 */
export function cidrProblem(s: string): string | undefined {
  const like = `'${s}' is not a CIDR prefix like 10.1.0.0/24`;
  const slash = s.indexOf('/');
  if (slash < 0) return isIpAddress(s) ? `${like}: the prefix length is missing` : like;
  const addrText = s.slice(0, slash);
  const lenText = s.slice(slash + 1);
  const addr = parseAddress(addrText);
  if (!addr) return `${like}: '${addrText}' is not an IPv4 or IPv6 address`;
  const max = addr.version === 4 ? 32 : 128;
  if (!/^(?:0|[1-9]\d{0,2})$/.test(lenText) || Number(lenText) > max) {
    return `${like}: the prefix length must be a number from 0 to ${max}`;
  }
  const prefix = parsePrefix(s);
  if (prefix && prefix.base !== addr.value) {
    return `'${s}' is not a CIDR prefix: it has address bits set beyond /${lenText}; did you mean ${formatAddress(addr.version, prefix.base)}/${lenText}?`;
  }
  return undefined;
}

/** True for a valid IPv4 or IPv6 CIDR prefix (see `cidrProblem`). */
export function isCidr(s: string): boolean {
  return cidrProblem(s) === undefined;
}

// ---------------------------------------------------------------------------------------
// The validator
// ---------------------------------------------------------------------------------------

let ajvInstance: Ajv | undefined;

function getAjv(): Ajv {
  if (!ajvInstance) {
    ajvInstance = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      // `if`/`then`/`else` branches hold `required` without `type` or `properties`; the
      // object around them has both.
      strictTypes: false,
      strictRequired: false,
      allowUnionTypes: true,
      formats: { 'ip-address': isIpAddress, cidr: isCidr },
    });
  }
  return ajvInstance;
}

// ---------------------------------------------------------------------------------------
// The file in two parts: its skeleton, and each item of its top-level lists
// ---------------------------------------------------------------------------------------

interface SplitValidators {
  /** The schema with the top-level lists' `items` left out. */
  readonly skeleton: ValidateFunction;
  /** Per top-level list, the schema of its items. */
  readonly items: ReadonlyMap<string, ValidateFunction>;
}
let split: SplitValidators | undefined;

/**
 * The schema says nothing of a top-level list but its `type` and `items`, so a file is checked
 * as its skeleton (the schema without the lists' `items`) and each item of each list on its
 * own: the same problems as one check of the whole file, found item by item, so that an item's
 * verdict can be kept while its text doesn't change (incremental/index.ts).
 */
function getSplitValidators(): SplitValidators {
  if (!split) {
    const ajv = getAjv();
    const root = structuredClone(schema) as { $id?: string; properties: Record<string, { type?: unknown; items?: unknown }> };
    delete root.$id;
    const items = new Map<string, ValidateFunction>();
    for (const [key, prop] of Object.entries(root.properties)) {
      if (prop.type !== 'array' || typeof prop.items !== 'object' || prop.items === null) continue;
      items.set(key, ajv.compile(prop.items));
      delete prop.items;
    }
    split = { skeleton: ajv.compile(root), items };
  }
  return split;
}

const NO_ERRORS: readonly ErrorObject[] = [];

/**
 * ajv's verdicts on the items of a top-level list that have errors: each as its index and its
 * errors (paths from the item), by increasing index.
 */
export type ItemVerdicts = (list: string, items: readonly unknown[]) => Iterable<readonly [number, readonly ErrorObject[]]>;

/** Every item checked, one by one. */
export function* everyItemVerdict(list: string, items: readonly unknown[]): Iterable<readonly [number, readonly ErrorObject[]]> {
  for (let i = 0; i < items.length; i++) {
    const errors = listItemErrors(list, items[i]);
    if (errors.length > 0) yield [i, errors];
  }
}

/** Checks one item of a top-level list (`vms`, `sites`...) on its own. */
export function listItemErrors(list: string, item: unknown): readonly ErrorObject[] {
  const check = getSplitValidators().items.get(list);
  if (!check || check(item)) return NO_ERRORS;
  return check.errors ?? NO_ERRORS;
}

/** The file's schema errors: the skeleton's, then each list's items', in the schema's order of the lists. */
function schemaErrors(json: unknown, verdicts: ItemVerdicts): ErrorObject[] {
  const { skeleton, items } = getSplitValidators();
  const errors: ErrorObject[] = skeleton(json) ? [] : [...(skeleton.errors ?? [])];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return errors;
  const data = json as Record<string, unknown>;
  for (const list of items.keys()) {
    const values = data[list];
    if (!Array.isArray(values)) continue;
    for (const [i, found] of verdicts(list, values)) {
      for (const e of found) errors.push({ ...e, instancePath: `/${list}/${i}${e.instancePath}` });
    }
  }
  return errors;
}

/** The JSON Schema, for hover and completion. */
export const topologySchema = schema;

function rootSpan(loc: Locator, doc: Document.Parsed): Span {
  return loc.objectKeySpan({ node: doc.contents, key: undefined, seq: undefined });
}

/**
 * TOP002 diagnostics for a parsed document and its JSON value (from `parseTopology`).
 * Nothing for an empty document (no contents, or a null value), nor when `json` is
 * undefined (the parser already said why). `verdicts`: the lists' items with errors (the
 * incremental analysis keeps each item's verdict with it, and knows which have errors).
 */
export function validateSchema(doc: Document.Parsed, json: unknown, verdicts: ItemVerdicts = everyItemVerdict): Diagnostic[] {
  if (json === undefined || json === null || doc.contents === null) return [];
  try {
    const errors = schemaErrors(json, verdicts);
    if (errors.length === 0) return [];
    const loc = new Locator(doc);
    const reporter = new Reporter(loc, new Namer(json));
    // Unknown keys first: they tell which "missing" fields are only misspelt.
    for (const e of errors) {
      if (e.keyword === 'additionalProperties') reporter.unknownKey(e);
      else if (e.keyword === 'type') reporter.wrongType.add(e.instancePath);
    }
    for (const e of errors) {
      if (reporter.out.length >= MAX_SCHEMA_DIAGNOSTICS && e.keyword !== 'if' && e.keyword !== 'additionalProperties') {
        reporter.dropped++;
        continue;
      }
      switch (e.keyword) {
        case 'additionalProperties':
        case 'if':
          break;
        case 'required':
          reporter.missing(e);
          break;
        case 'false schema':
          reporter.forbiddenKey(e);
          break;
        case 'not':
          reporter.forbiddenCombination(e);
          break;
        default:
          reporter.badValue(e);
          break;
      }
    }
    reporter.flushMissing();
    // In document order (ajv lists integer-like keys first, as JS objects do).
    const out = reporter.out.map((d, i) => ({ d, i }))
      .sort((a, b) => a.d.span.start - b.d.span.start || a.d.span.end - b.d.span.end || a.i - b.i)
      .map((x) => x.d);
    const last = out[out.length - 1];
    if (reporter.dropped > 0 && last) {
      out[out.length - 1] = { ...last, message: `${last.message} (the first ${MAX_SCHEMA_DIAGNOSTICS} problems with the schema are shown; there are more)` };
    }
    return out;
  } catch (e) {
    const loc = new Locator(doc);
    const why = e instanceof RangeError ? 'it is too large or too deeply nested' : e instanceof Error ? e.message : String(e);
    return [top002(`the file could not be checked against the topology schema: ${why}`, rootSpan(loc, doc))];
  }
}
