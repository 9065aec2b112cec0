/**
 * TOP002 messages: ajv's errors in an administrator's words, each on its YAML node (found
 * by locate.ts), the objects named as the file names them.
 */
import type { ErrorObject } from 'ajv';
import { didYouMean, suggest } from '../model';
import type { Diagnostic, Span } from '../types';
import { parsePointer, type Locator } from './locate';
import { cidrProblem } from './validate';

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
export class Namer {
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

export function top002(text: string, span: Span, fix?: Diagnostic['fix']): Diagnostic {
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

export class Reporter {
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

