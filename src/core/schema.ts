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
import { isAlias, isCollection, isMap, isNode, isScalar, isSeq, type Alias, type Document } from 'yaml';
import schema from '../../schemas/topology.schema.json';
import { sourceOf, spanInText } from './parse';
import { didYouMean, suggest } from './suggest';
import { formatAddress, parseAddress, parsePrefix } from './ip';
import type { Diagnostic, Span } from './types';

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

let validator: ValidateFunction | undefined;
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

function getValidator(): ValidateFunction {
  validator ??= getAjv().compile(schema);
  return validator;
}

// ---------------------------------------------------------------------------------------
// A valid file after a small edit: only the items that changed are checked
// ---------------------------------------------------------------------------------------

/**
 * The items of the top-level lists (a VM, a site, a mapping, a pair) known to be valid, by
 * their JSON value, with the list they are valid in. The incremental parse (incremental.ts)
 * keeps the JSON value of every item whose text didn't change, so after an edit they are found
 * here and not checked again. JSON values are never changed once made (ajv is not asked to add
 * defaults or remove keys).
 */
const validItems = new WeakMap<object, string>();
/** Beyond this many items not known to be valid, one check of the whole file is as fast. */
const MAX_ITEMS_TO_CHECK = 64;

interface SplitValidators {
  /** The schema with the top-level lists' `items` left out. */
  readonly skeleton: ValidateFunction;
  /** Per top-level list, the schema of its items. */
  readonly items: ReadonlyMap<string, ValidateFunction>;
}
let split: SplitValidators | undefined;

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

function listsOf(json: Record<string, unknown>): [string, unknown[]][] {
  const out: [string, unknown[]][] = [];
  for (const key of Object.keys(schema.properties)) {
    const v = json[key];
    if (Array.isArray(v)) out.push([key, v]);
  }
  return out;
}

/**
 * True when the file is certainly valid: the skeleton is, every list item is known valid or is
 * checked now. The whole file is valid exactly then, since the schema says nothing of a list
 * but `type` and `items`. False says nothing (the whole check then finds the problems).
 */
function knownValid(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const lists = listsOf(json as Record<string, unknown>);
  const unknown: [string, unknown][] = [];
  for (const [key, items] of lists) {
    for (const item of items) {
      if (typeof item === 'object' && item !== null && validItems.get(item) === key) continue;
      unknown.push([key, item]);
      if (unknown.length > MAX_ITEMS_TO_CHECK) return false;
    }
  }
  // A first version: nothing is known yet, and one check of the whole file is as fast.
  if (unknown.length === lists.reduce((n, [, items]) => n + items.length, 0)) return false;
  const { skeleton, items } = getSplitValidators();
  if (!skeleton(json)) return false;
  for (const [key, item] of unknown) {
    const check = items.get(key);
    if (!check || typeof item !== 'object' || item === null || !check(item)) return false;
    validItems.set(item, key);
  }
  return true;
}

/**
 * Whether one item of a top-level list (`vms`, ...) is valid on its own. In a file that was
 * valid, replacing one item by an item valid this way leaves the file valid (see knownValid).
 */
export function isValidListItem(key: string, item: unknown): boolean {
  if (typeof item !== 'object' || item === null) return false;
  if (validItems.get(item) === key) return true;
  const check = getSplitValidators().items.get(key);
  if (!check || !check(item)) return false;
  validItems.set(item, key);
  return true;
}

function rememberValid(json: unknown): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
  for (const [key, items] of listsOf(json as Record<string, unknown>)) {
    for (const item of items) if (typeof item === 'object' && item !== null) validItems.set(item, key);
  }
}

/** The JSON Schema, for hover and completion. */
export const topologySchema = schema;

// ---------------------------------------------------------------------------------------
// From an instancePath to the YAML node
// ---------------------------------------------------------------------------------------

/** JSON-pointer segments, unescaped (`~1` is `/`, then `~0` is `~`). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One step of a path through the document. */
interface Step {
  /** The node at this step as written (may be an Alias), or undefined when absent. */
  readonly node: unknown;
  /** The key node of the pair whose value this is. */
  readonly key: unknown;
  /** The sequence and index, when this is a sequence item. */
  readonly seq: { readonly node: unknown; readonly index: number } | undefined;
}

class Locator {
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

// ---------------------------------------------------------------------------------------
// Naming things in messages
// ---------------------------------------------------------------------------------------

interface EntityKind {
  readonly pattern: string;
  readonly label: string;
}

/** Objects of the file, by path pattern (`#` is a list index). */
const ENTITIES: readonly EntityKind[] = [
  { pattern: 'sites/#', label: 'site' },
  { pattern: 'sites/#/logicalNetworks/#', label: 'logical network' },
  { pattern: 'sites/#/vmNetworks/#', label: 'VM network' },
  { pattern: 'sites/#/vmNetworks/#/subnets/#', label: 'subnet' },
  { pattern: 'sites/#/clouds/#', label: 'cloud' },
  { pattern: 'azure/virtualNetworks/#', label: 'Azure virtual network' },
  { pattern: 'azure/virtualNetworks/#/subnets/#', label: 'subnet' },
  { pattern: 'protection/#', label: 'protection pair' },
  { pattern: 'networkMappings/#', label: 'network mapping' },
  { pattern: 'vms/#', label: 'VM' },
  { pattern: 'vms/#/nics/#', label: 'NIC' },
];
const ENTITY_BY_PATTERN = new Map(ENTITIES.map((e) => [e.pattern, e]));

function quoteName(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return `'${one.length > 60 ? `${one.slice(0, 57)}...` : one}'`;
}

function childOf(value: unknown, seg: string): unknown {
  if (Array.isArray(value)) return value[Number(seg)];
  if (value !== null && typeof value === 'object') return (value as Record<string, unknown>)[seg];
  return undefined;
}

function stringField(obj: unknown, field: string): string | undefined {
  const v = childOf(obj, field);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/**
 * Plain-English names for the places of the JSON value: "VM 'VM1'", "NIC #2 of VM 'VM3'",
 * "'cloud' of VM 'VM1'", "the file".
 */
class Namer {
  constructor(private readonly json: unknown) {}

  private valuesAlong(segs: readonly string[]): unknown[] {
    const values: unknown[] = [this.json];
    let v = this.json;
    for (const s of segs) {
      v = childOf(v, s);
      values.push(v);
    }
    return values;
  }

  private pattern(segs: readonly string[], values: readonly unknown[]): string {
    return segs.map((s, i) => (Array.isArray(values[i]) ? '#' : s)).join('/');
  }

  /** The entity at exactly this path, named, or undefined when it isn't one. */
  entity(segs: readonly string[]): string | undefined {
    if (segs.length === 0) return 'the file';
    if (segs.length === 1 && segs[0] === 'azure') return "'azure'";
    const values = this.valuesAlong(segs);
    const kind = ENTITY_BY_PATTERN.get(this.pattern(segs, values));
    if (!kind) return undefined;
    const obj = values[values.length - 1];
    const index = Number(segs[segs.length - 1]) + 1;
    switch (kind.label) {
      case 'protection pair': {
        const p = stringField(obj, 'protected');
        return p !== undefined ? `the protection pair of ${quoteName(p)}` : `protection pair #${index}`;
      }
      case 'network mapping': {
        const s = stringField(obj, 'source');
        return s !== undefined ? `the network mapping of ${quoteName(s)}` : `network mapping #${index}`;
      }
      case 'NIC':
        return `NIC #${index} of ${this.entity(segs.slice(0, -2)) ?? 'a VM'}`;
      case 'subnet': {
        const n = stringField(obj, 'name');
        const own = n !== undefined ? `subnet ${quoteName(n)}` : `subnet #${index}`;
        return `${own} of ${this.entity(segs.slice(0, -2)) ?? 'a network'}`;
      }
      default: {
        const n = stringField(obj, 'name');
        return n !== undefined ? `${kind.label} ${quoteName(n)}` : `${kind.label} #${index}`;
      }
    }
  }

  /** What to call the value at this path. */
  subject(segs: readonly string[]): string {
    const e = this.entity(segs);
    if (e !== undefined) return e;
    const last = segs[segs.length - 1] ?? '';
    const parentSegs = segs.slice(0, -1);
    const parent = this.valuesAlong(parentSegs)[parentSegs.length];
    if (Array.isArray(parent)) return `item #${Number(last) + 1} of ${this.subject(parentSegs)}`;
    if (parentSegs.length === 0) return quoteName(last);
    return `${quoteName(last)} of ${this.subject(parentSegs)}`;
  }

  /** Where a key sits: "in VM 'VM1'", "at the top level of the file". */
  where(segs: readonly string[]): string {
    if (segs.length === 0) return 'at the top level of the file';
    return `in ${this.subject(segs)}`;
  }
}

// ---------------------------------------------------------------------------------------
// Errors to diagnostics
// ---------------------------------------------------------------------------------------

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (typeof v === 'string') return quoteName(v);
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  if (Array.isArray(v)) return 'a list';
  return 'a mapping';
}

function describeType(t: string): string {
  switch (t) {
    case 'string': return 'text';
    case 'integer': return 'a whole number';
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'array': return 'a list';
    case 'object': return 'a mapping of keys to values';
    case 'null': return 'null';
    default: return t;
  }
}

function expectedTypes(params: unknown): string[] {
  const t = (params as { type?: unknown }).type;
  if (typeof t === 'string') return t.split(',');
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** The first sentence of a property's description, to say what a missing field is. */
function meaningOf(parentSchema: unknown, prop: string): string {
  const props = (parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  const d = (props?.[prop] as { description?: unknown } | undefined)?.description;
  if (typeof d !== 'string') return '';
  const stop = d.search(/[.:;](\s|$)/);
  let first = stop >= 0 ? d.slice(0, stop) : d;
  // "The cloud..." -> "the cloud...", but leave "VMM..." and "true..." alone.
  if (/^[A-Z][a-z]/.test(first)) first = `${first.charAt(0).toLowerCase()}${first.slice(1)}`;
  return ` (${first})`;
}

function allowedKeys(parentSchema: unknown): string[] {
  const props = (parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

function paramString(e: ErrorObject, name: string): string {
  const v = (e.params as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function top002(text: string, span: Span, fix?: Diagnostic['fix']): Diagnostic {
  // Messages read as sentences, like every other code's.
  const message = text.charAt(0).toUpperCase() + text.slice(1);
  return fix ? { code: 'TOP002', severity: 'error', message, span, fix } : { code: 'TOP002', severity: 'error', message, span };
}

/** Keys that, on the same object, make a "missing" error redundant (the typo explains it). */
const ALTERNATIVES: Readonly<Record<string, readonly string[]>> = {
  network: ['network', 'nics'],
  protecting: ['protecting', 'toAzure'],
};

/** Schema problems reported per file; a list of 100,000 wrong items gives one screenful. */
export const MAX_SCHEMA_DIAGNOSTICS = 1000;

class Reporter {
  readonly out: Diagnostic[] = [];
  /** Problems found beyond MAX_SCHEMA_DIAGNOSTICS. */
  dropped = 0;
  /** instancePaths with a wrong type: other complaints about the same value are noise. */
  readonly wrongType = new Set<string>();
  private readonly seen = new Set<string>();
  /** Per object path: the keys the unknown keys on it were probably meant to be. */
  private readonly meant = new Map<string, Set<string>>();

  constructor(
    private readonly loc: Locator,
    private readonly names: Namer,
  ) {}

  private push(d: Diagnostic): void {
    const id = `${d.span.start}:${d.span.end}:${d.message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    if (this.out.length >= MAX_SCHEMA_DIAGNOSTICS) {
      this.dropped++;
      return;
    }
    this.out.push(d);
  }

  unknownKey(e: ErrorObject): void {
    const segs = parsePointer(e.instancePath);
    const key = paramString(e, 'additionalProperty');
    const allowed = allowedKeys(e.parentSchema);
    const suggestions = suggest(key, allowed);
    const meant = this.meant.get(e.instancePath) ?? new Set<string>();
    for (const s of suggestions) meant.add(s);
    this.meant.set(e.instancePath, meant);
    if (this.out.length >= MAX_SCHEMA_DIAGNOSTICS) {
      this.dropped++;
      return;
    }
    const steps = this.loc.walk(segs);
    const step = steps[steps.length - 1];
    if (!step) return;
    const keyNode = steps.length === segs.length + 1 ? this.loc.keyNodeIn(step, key) : undefined;
    const span = keyNode !== undefined ? this.loc.valueSpan({ node: keyNode, key: undefined, seq: undefined }) : this.loc.objectKeySpan(step);
    const tail = key === '<<'
      ? ": YAML merge keys are not supported in topology files; write the keys out"
      : suggestions.length > 0 ? didYouMean(suggestions) : allowed.length > 0 ? `; the keys allowed here are ${allowed.join(', ')}` : '';
    this.push(
      top002(
        `unknown key ${quoteName((key === '' ? this.loc.writtenNullKey(keyNode) : undefined) ?? key)} ${this.names.where(segs)}${tail}`,
        span,
        suggestions.length > 0 ? { kind: 'rename', suggestions } : undefined,
      ),
    );
  }

  /** Required fields missing per object (instancePath), in the order ajv found them. */
  private readonly missingByObject = new Map<string, ErrorObject[]>();

  /** Collect a `required` error; `flushMissing` reports them, one diagnostic per object. */
  missing(e: ErrorObject): void {
    const prop = paramString(e, 'missingProperty');
    const meant = this.meant.get(e.instancePath);
    const alternatives = e.schemaPath.endsWith('/else/required') ? (ALTERNATIVES[prop] ?? [prop]) : [prop];
    if (meant && alternatives.some((a) => meant.has(a))) return;
    if (e.schemaPath.endsWith('/else/required')) {
      this.missingOne(e, prop, [prop]);
      return;
    }
    const list = this.missingByObject.get(e.instancePath) ?? [];
    list.push(e);
    this.missingByObject.set(e.instancePath, list);
  }

  flushMissing(): void {
    for (const list of this.missingByObject.values()) {
      const first = list[0];
      if (!first) continue;
      const props = [...new Set(list.map((e) => paramString(e, 'missingProperty')))];
      this.missingOne(first, props[0] ?? '', props);
    }
    this.missingByObject.clear();
  }

  private missingOne(e: ErrorObject, prop: string, props: readonly string[]): void {
    const segs = parsePointer(e.instancePath);
    const steps = this.loc.walk(segs);
    const step = steps[steps.length - 1];
    if (!step) return;
    const span = steps.length === segs.length + 1 ? this.loc.objectKeySpan(step) : this.loc.valueSpan(step);
    const who = this.names.subject(segs);
    let message: string;
    if (e.schemaPath.endsWith('/else/required') && prop === 'network') {
      message = `${who} has no network: give it 'network' (one NIC) or 'nics' (a list of NICs)`;
    } else if (e.schemaPath.endsWith('/else/required') && prop === 'protecting') {
      message = `${who} needs exactly one of 'protecting' (the VMM cloud that receives its replicas) or 'toAzure: true'`;
    } else if (props.length > 1) {
      const quoted = props.map(quoteName);
      message = `${who} is missing ${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
    } else {
      message = `${who} is missing ${quoteName(prop)}${meaningOf(e.parentSchema, prop)}`;
    }
    this.push(top002(message, span));
  }

  /** A problem with the value at instancePath. */
  badValue(e: ErrorObject): void {
    if (e.keyword !== 'type' && this.wrongType.has(e.instancePath)) return;
    const segs = parsePointer(e.instancePath);
    const steps = this.loc.walk(segs);
    const step = steps[steps.length - 1];
    if (!step) return;
    const span = steps.length === segs.length + 1 ? this.loc.valueSpan(step) : this.loc.objectKeySpan(step);
    const subject = this.names.subject(segs);
    const data: unknown = e.data;
    let message: string;
    switch (e.keyword) {
      case 'type': {
        const expected = expectedTypes(e.params);
        const want = expected.map(describeType).join(' or ');
        if (data === null || data === undefined) {
          message = `${subject} is empty: expected ${want}`;
        } else {
          message = `${subject} must be ${want}, not ${describeValue(data)}`;
          if (expected.includes('string') && (typeof data === 'number' || typeof data === 'boolean')) {
            const r = this.loc.rangeOf(step.node);
            const src = r && this.loc.text !== undefined ? this.loc.text.slice(r.start, r.end) : String(data);
            message += `; to use it as a name, put it in quotes: "${src.replace(/"/g, '\\"')}"`;
          }
        }
        break;
      }
      case 'format': {
        const format = paramString(e, 'format');
        const v = typeof data === 'string' ? data : String(data);
        if (format === 'cidr') message = cidrProblem(v) ?? `${quoteName(v)} is not a CIDR prefix like 10.1.0.0/24`;
        else if (format === 'ip-address') message = `${quoteName(v)} is not an IPv4 or IPv6 address`;
        else message = `${subject} is not in the ${format} format`;
        break;
      }
      case 'const':
      case 'enum': {
        const allowed = e.keyword === 'const'
          ? [(e.params as { allowedValue?: unknown }).allowedValue]
          : ((e.params as { allowedValues?: unknown }).allowedValues as unknown[] | undefined) ?? [];
        const list = allowed.map((a) => JSON.stringify(a)).join(' or ');
        message = segs.length === 1 && segs[0] === 'version'
          ? `'version' must be 1 (the only version of this format), not ${describeValue(data)}`
          : `${subject} must be ${list}, not ${describeValue(data)}`;
        break;
      }
      case 'minLength':
        message = `${subject} is empty`;
        break;
      case 'pattern':
        if (data === '') return; // minLength says it
        message = `${subject} is blank: it has only spaces`;
        break;
      case 'minItems':
        message = segs[segs.length - 1] === 'nics'
          ? `${subject} is empty: list at least one NIC, or give the VM 'network' instead`
          : `${subject} is empty: list at least one item`;
        break;
      default:
        message = `${subject} doesn't fit the topology format here`;
        break;
    }
    this.push(top002(message, span));
  }

  /** `then: { properties: { k: false } }`: a key the object must not have in that branch. */
  forbiddenKey(e: ErrorObject): void {
    const segs = parsePointer(e.instancePath);
    const key = segs[segs.length - 1] ?? '';
    const objSegs = segs.slice(0, -1);
    const steps = this.loc.walk(objSegs);
    const step = steps[steps.length - 1];
    if (!step) return;
    const keyNode = steps.length === objSegs.length + 1 ? this.loc.keyNodeIn(step, key) : undefined;
    const span = keyNode !== undefined ? this.loc.valueSpan({ node: keyNode, key: undefined, seq: undefined }) : this.loc.objectKeySpan(step);
    const owner = this.names.subject(objSegs);
    const message = key === 'network'
      ? `${owner} has both 'network' and 'nics': a VM has either 'network' (one NIC) or 'nics' (several), not both`
      : `${quoteName(key)} of ${owner} belongs inside a NIC: this VM lists its NICs under 'nics'`;
    this.push(top002(message, span));
  }

  /** `then: { not: { required: [protecting] } }` of a protection pair. */
  forbiddenCombination(e: ErrorObject): void {
    const segs = parsePointer(e.instancePath);
    const steps = this.loc.walk(segs);
    const step = steps[steps.length - 1];
    if (!step) return;
    const owner = this.names.subject(segs);
    if (e.schemaPath.endsWith('/then/not') && steps.length === segs.length + 1) {
      const keyNode = this.loc.keyNodeIn(step, 'protecting');
      const span = keyNode !== undefined ? this.loc.valueSpan({ node: keyNode, key: undefined, seq: undefined }) : this.loc.objectKeySpan(step);
      this.push(
        top002(`${owner} has both 'protecting' and 'toAzure: true': a protection pair needs exactly one of 'protecting' or 'toAzure: true'`, span),
      );
      return;
    }
    this.push(top002(`${owner} doesn't fit the topology format here`, this.loc.objectKeySpan(step)));
  }
}

function rootSpan(loc: Locator, doc: Document.Parsed): Span {
  return loc.objectKeySpan({ node: doc.contents, key: undefined, seq: undefined });
}

/**
 * TOP002 diagnostics for a parsed document and its JSON value (from `parseTopology`).
 * Nothing for an empty document (no contents, or a null value), nor when `json` is
 * undefined (the parser already said why).
 */
export function validateSchema(doc: Document.Parsed, json: unknown): Diagnostic[] {
  if (json === undefined || json === null || doc.contents === null) return [];
  try {
    if (knownValid(json)) return [];
    const validate = getValidator();
    if (validate(json)) {
      rememberValid(json);
      return [];
    }
    const errors = validate.errors ?? [];
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
