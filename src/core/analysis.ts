/**
 * One analysis per document version: read the YAML (item by item, yaml/chunks.ts), check it
 * against the schema, build one model, resolve the estate's names, then analyse each VM
 * against the estate (its names, its landings, the rules of reach `vm`), then the rules over
 * groups of VMs and over the whole file (rules/context.ts says what each may read). Every
 * feature (diagnostics, hover, completion, panel, CLI) reads from the `Analysis` object; none
 * re-parses or re-decides a rule.
 *
 * `analyze(text)` does it all from scratch: it is the reference. The incremental analysis
 * (incremental/index.ts) runs the same steps, keeping what an edit doesn't reach.
 */
import type { Document } from 'yaml';
import { decodeUtf8, invalidUtf8Diagnostic, LineIndex, readTopology, type ItemHint } from './yaml';
import { validateSchema } from './schema';
import { buildModel, resolveEstate, resolveVm, type EstateResolution, type Resolution, type VmNames } from './model';
import {
  availabilityTable, candidateTargets, FILE_RULES, GROUP_RULES, LandingContext, landVm, usageKey, usageOf, VM_RULES,
  type Estate, type FileContext, type FileRule, type GroupRule, type Member,
} from './rules';
import type { Availability, Diagnostic, Landing, Model, NamedEntity, Network, NetworkMapping, Nic, PairInfo, Reference, Span, Vm } from './types';

export interface Analysis {
  readonly text: string;
  readonly lines: LineIndex;
  /** The parsed YAML document; undefined when the text is empty. */
  readonly doc: Document.Parsed | undefined;
  readonly model: Model;
  readonly resolution: Resolution;
  readonly landings: readonly Landing[];
  /** The landings by NIC, by mapping and by target network. */
  readonly landingIndex: LandingIndex;
  readonly availability: readonly Availability[];
  /** Every diagnostic, sorted by position, with default severities. */
  readonly diagnostics: readonly Diagnostic[];
  /** What is where, by offset: answers from the item at the offset, without a pass over the file. */
  readonly places: PlaceIndex;
}

/**
 * Lookups by offset for the editor features. A VM's item answers from that VM alone; the rest of
 * the file from the estate's names, indexed once per estate (an edit inside `vms:` keeps it).
 */
export interface PlaceIndex {
  /** The VM whose item holds the offset (its end counts too; the first VM when two touch it). */
  vmAt(offset: number): Vm | undefined;
  /** The definition names and references of the item at the offset, sorted by start (definitions first on a tie). */
  namesNear(offset: number): readonly (NamedEntity | Reference)[];
  /** The diagnostics that lie within a span (its ends count), in file order. */
  diagnosticsWithin(span: Span): readonly Diagnostic[];
  /**
   * For the dash of a top-level list's item at `offset` (a VM's `-`): its index in the list and
   * the offset of the list's key, when known without counting the items above; else undefined.
   */
  readonly itemAt: ItemHint;
}

export interface LandingIndex {
  landingOf(nic: Nic): Landing | undefined;
  /** The landings whose failover went through this mapping and connected. */
  landingsVia(mapping: NetworkMapping): readonly Landing[];
  /** The landings whose replica connected to this network. */
  landingsOn(network: Network): readonly Landing[];
}

/** Analyses a text from scratch. */
export function analyze(text: string): Analysis {
  const read = readTopology(text);
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  if (read.doc) diagnostics.push(...validateSchema(read.doc, read.json));
  const model = buildModel(read.doc);
  const estate = analyzeEstate(model);
  const vms = model.vms.map((vm) => analyzeVm(estate, vm));
  diagnostics.push(...estate.diagnostics);
  for (const v of vms) diagnostics.push(...v.diagnostics);
  diagnostics.push(...runGroups(estate, vms), ...runFileRules(FILE_RULES, fileContext(estate, usageOfAll(vms))));
  return analysisOf({ text, lines: new LineIndex(text), doc: read.doc, model, estate, vms, diagnostics: sortDiagnostics(diagnostics) });
}

/**
 * A file's bytes, analysed as the CLI and the server read an unopened file: strict UTF-8 (a
 * BOM dropped). Bytes that are not UTF-8 are one TOP001 on the first of them, and nothing else
 * is analysed: the tool never guesses what they meant.
 */
export function analyzeBytes(bytes: Uint8Array): Analysis {
  const { text, invalidAt } = decodeUtf8(bytes);
  if (invalidAt === undefined) return analyze(text);
  return { ...analyze(''), text, lines: new LineIndex(text), diagnostics: [invalidUtf8Diagnostic(text, invalidAt)] };
}

// ---------------------------------------------------------------------------------------
// The steps, shared by `analyze` and the incremental analysis
// ---------------------------------------------------------------------------------------

/** The estate analysed: its names resolved (TOP010, TOP011, TOP012, TOP051 of the estate) and its availability table. */
export interface AnalyzedEstate extends Estate {
  readonly diagnostics: readonly Diagnostic[];
}

/** Everything but the VMs of a model, analysed (`previous`: the estate analysed before, whose pairs are kept where they resolve alike). */
export function analyzeEstate(model: Model, previous?: AnalyzedEstate): AnalyzedEstate {
  const estateModel: Model = { ...model, vms: [] };
  const resolution = resolveEstate(estateModel, previous?.resolution);
  const targets = new Map<PairInfo, readonly string[]>();
  return {
    model: estateModel,
    resolution,
    availability: availabilityTable(estateModel, resolution),
    landing: new LandingContext(resolution),
    candidateTargets: (pair) => {
      let t = targets.get(pair);
      if (!t) targets.set(pair, (t = candidateTargets(resolution, pair)));
      return t;
    },
    diagnostics: resolution.diagnostics,
  };
}

/** One VM analysed against an estate: what the rules of reach `vm` found, and the groups it is in. */
export interface AnalyzedVm {
  readonly vm: Vm;
  readonly names: VmNames;
  /** One per NIC. */
  readonly landings: readonly Landing[];
  /** Its names' problems (TOP011, TOP012), then each `vm` rule's, in the rules' order. */
  readonly diagnostics: readonly Diagnostic[];
  /** Per group rule (in GROUP_RULES' order): the groups it is in, and what it is in each. */
  readonly groups: readonly (readonly (readonly [unknown, Member])[])[];
  /** Its clouds and networks in use (for `inUse`). */
  readonly usage: readonly string[];
}

export function analyzeVm(estate: Estate, vm: Vm): AnalyzedVm {
  const names = resolveVm(estate.resolution, vm);
  const landings = landVm(estate.landing, vm, names);
  const ctx = { estate, vm, landings };
  const diagnostics = [...names.diagnostics];
  for (const rule of VM_RULES) rule.run(ctx, diagnostics);
  const groups = GROUP_RULES.map((rule) => {
    const entries: [unknown, Member][] = [];
    rule.members(ctx, (key, member) => { entries.push([key, member]); });
    return entries;
  });
  const usage: string[] = [];
  for (const l of landings) {
    const key = usageOf(l);
    if (key !== undefined) usage.push(key);
  }
  return { vm, names, landings, diagnostics, groups, usage };
}

/** Runs one group of one group rule: its members in file order. */
export function runGroup(estate: Estate, rule: GroupRule, members: readonly Member[]): Diagnostic[] {
  if (rule.quietAlone && members.length < 2) return NONE;
  const out: Diagnostic[] = [];
  rule.run(estate, members, out);
  return out;
}

const NONE: Diagnostic[] = [];

/** Every group rule over every group of the VMs, from scratch. */
function runGroups(estate: Estate, vms: readonly AnalyzedVm[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  GROUP_RULES.forEach((rule, r) => {
    const groups = new Map<unknown, Member[]>();
    for (const v of vms) {
      for (const [key, member] of v.groups[r]!) {
        const list = groups.get(key);
        if (list) list.push(member);
        else groups.set(key, [member]);
      }
    }
    for (const members of groups.values()) out.push(...runGroup(estate, rule, members));
  });
  return out;
}

function usageOfAll(vms: readonly AnalyzedVm[]): ReadonlySet<string> {
  const used = new Set<string>();
  for (const v of vms) for (const key of v.usage) used.add(key);
  return used;
}

/** What the file rules read: the estate, and which clouds have VMs on which networks. */
export function fileContext(estate: Estate, used: { has(key: string): boolean }): FileContext {
  return { estate, inUse: (cloud, network) => used.has(usageKey(cloud, network)) };
}

export function runFileRules(rules: readonly FileRule[], ctx: FileContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) rule.run(ctx, out);
  return out;
}

/** Diagnostics by place: start, end, then code (a stable sort: ties keep the order they were found in). */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

// ---------------------------------------------------------------------------------------
// The analysis object: what is read of every VM is put together when first asked
// ---------------------------------------------------------------------------------------

export interface AnalysisParts {
  readonly text: string;
  readonly lines: LineIndex;
  readonly doc: Document.Parsed | undefined;
  /** The model with its VMs, or undefined to make it of the estate's and the VMs'. */
  readonly model: Model | undefined;
  readonly estate: AnalyzedEstate;
  /** Every analysed VM in file order; or how to list them, when first asked. */
  readonly vms: readonly AnalyzedVm[] | (() => readonly AnalyzedVm[]);
  /**
   * The analysed VMs whose items hold or end next to an offset, in file order (at most two);
   * by default, a binary search of `vms`.
   */
  readonly vmsNear?: (offset: number) => readonly AnalyzedVm[];
  /** Sorted; or how to gather and sort them, when first asked. */
  readonly diagnostics: readonly Diagnostic[] | (() => readonly Diagnostic[]);
  /** The diagnostics within a span, in file order, without gathering them all (default: a binary search of the sorted ones). */
  readonly diagnosticsWithin?: (span: Span) => readonly Diagnostic[];
  /** See PlaceIndex.itemAt. */
  readonly itemAt?: ItemHint;
}

const EMPTY: readonly never[] = [];

/**
 * The analysis of a version from its parts. What is at an offset is answered from the item there;
 * what spans every VM (the model's list, every landing, the references) is made when first asked.
 * An analysis answers for its version until the next edit is applied to the text it came from
 * (the incremental analysis moves its nodes in place).
 */
export function analysisOf(parts: AnalysisParts): Analysis {
  const { text, lines, doc, estate } = parts;
  let model = parts.model;
  let vmList = typeof parts.vms === 'function' ? undefined : parts.vms;
  const allVms = (): readonly AnalyzedVm[] => (vmList ??= (parts.vms as () => readonly AnalyzedVm[])());
  let diagnostics = typeof parts.diagnostics === 'function' ? undefined : parts.diagnostics;
  const all = (): readonly Diagnostic[] => (diagnostics ??= (parts.diagnostics as () => readonly Diagnostic[])());
  let landings: Landing[] | undefined;
  let index: LandingIndex | undefined;
  let resolution: Resolution | undefined;
  const allLandings = (): Landing[] => {
    if (!landings) {
      landings = [];
      for (const v of allVms()) for (const l of v.landings) landings.push(l);
    }
    return landings;
  };
  const near = parts.vmsNear ?? ((offset: number) => vmsNearIn(allVms(), offset));
  /** The first VM whose item touches the offset (its end counts too). */
  const analyzedAt = (offset: number): AnalyzedVm | undefined => near(offset).find((v) => v.vm.span.start <= offset && offset <= v.vm.span.end);
  const places: PlaceIndex = {
    vmAt: (offset) => analyzedAt(offset)?.vm,
    namesNear: (offset) => {
      const v = analyzedAt(offset);
      return v ? vmNames(v) : estateNames(estate.resolution);
    },
    diagnosticsWithin: parts.diagnosticsWithin ?? ((span) => sortedWithin(all(), span)),
    itemAt: parts.itemAt ?? (() => undefined),
  };
  return {
    text,
    lines,
    doc,
    places,
    get model() {
      // The estate's parts as they are; the VMs listed when first asked.
      let vms: Vm[] | undefined;
      return (model ??= { ...estate.model, get vms() { return (vms ??= allVms().map((v) => v.vm)); } });
    },
    get resolution() {
      return (resolution ??= fullResolution(estate.resolution, allVms));
    },
    get landings() {
      return allLandings();
    },
    get landingIndex() {
      if (index) return index;
      // A NIC's landing from its VM alone; the lookups by mapping and by network (hovers on the
      // estate) over every landing, made when first asked.
      let byTarget: Pick<LandingIndex, 'landingsVia' | 'landingsOn'> | undefined;
      const all = () => (byTarget ??= landingIndexOf(allLandings()));
      return (index = {
        landingOf: (nic) => near(nic.vm.span.start).find((v) => v.vm === nic.vm)?.landings[nic.index],
        landingsVia: (m) => all().landingsVia(m),
        landingsOn: (n) => all().landingsOn(n),
      });
    },
    availability: estate.availability,
    get diagnostics() {
      return all();
    },
  };
}

/** The diagnostics of a sorted list that lie within a span (its ends count). */
export function sortedWithin(ds: readonly Diagnostic[], span: Span): Diagnostic[] {
  let lo = 0;
  let hi = ds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ds[mid]!.span.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Diagnostic[] = [];
  for (let i = lo; i < ds.length && ds[i]!.span.start <= span.end; i++) if (ds[i]!.span.end <= span.end) out.push(ds[i]!);
  return out;
}

/** The VMs of a list in file order whose spans hold or end next to an offset: the last starting at or before it, and the one before. */
function vmsNearIn(vms: readonly AnalyzedVm[], offset: number): readonly AnalyzedVm[] {
  let lo = 0;
  let hi = vms.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (vms[mid]!.vm.span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return EMPTY;
  return found > 0 ? [vms[found - 1]!, vms[found]!] : [vms[found]!];
}

/** A VM's definition and references, sorted by start (made once per analysed VM). */
const vmNameCache = new WeakMap<AnalyzedVm, readonly (NamedEntity | Reference)[]>();
function vmNames(v: AnalyzedVm): readonly (NamedEntity | Reference)[] {
  let names = vmNameCache.get(v);
  if (!names) vmNameCache.set(v, (names = sortedNames([v.vm], v.names.references)));
  return names;
}

/** The estate's definitions and references, sorted by start (made once per estate). */
const estateNameCache = new WeakMap<EstateResolution, readonly (NamedEntity | Reference)[]>();
function estateNames(r: EstateResolution): readonly (NamedEntity | Reference)[] {
  let names = estateNameCache.get(r);
  if (!names) estateNameCache.set(r, (names = sortedNames(r.definitions, r.references)));
  return names;
}

function sortedNames(definitions: readonly NamedEntity[], references: readonly Reference[]): (NamedEntity | Reference)[] {
  const names: (NamedEntity | Reference)[] = [];
  for (const entity of definitions) if (entity.name) names.push(entity);
  for (const ref of references) names.push(ref);
  const start = (x: NamedEntity | Reference): number => ('str' in x ? x.str.span.start : x.name!.span.start);
  return names.sort((x, y) => start(x) - start(y));
}

function landingIndexOf(landings: readonly Landing[]): Pick<LandingIndex, 'landingsVia' | 'landingsOn'> {
  const via = new Map<NetworkMapping, Landing[]>();
  const on = new Map<Network, Landing[]>();
  for (const l of landings) {
    const { failover } = l;
    if (failover.status === 'connected' && failover.mapping && failover.target) {
      pushTo(via, failover.mapping, l);
      pushTo(on, failover.target, l);
    }
  }
  return {
    landingsVia: (m) => via.get(m) ?? EMPTY,
    landingsOn: (n) => on.get(n) ?? EMPTY,
  };
}

/** The estate's resolution with the VMs': every reference and definition, and the VMs by name. */
function fullResolution(estate: EstateResolution, allVms: () => readonly AnalyzedVm[]): Resolution {
  let references: Reference[] | undefined;
  let definitions: NamedEntity[] | undefined;
  let incoming: Map<NamedEntity, Reference[]> | undefined;
  let byName: Map<string, Vm> | undefined;
  const allReferences = (): Reference[] => {
    if (!references) {
      references = [...estate.references];
      for (const v of allVms()) for (const r of v.names.references) references.push(r);
    }
    return references;
  };
  return {
    ...estate,
    get references() {
      return allReferences();
    },
    get definitions() {
      if (!definitions) {
        definitions = [...estate.definitions];
        for (const v of allVms()) definitions.push(v.vm);
      }
      return definitions;
    },
    referencesTo: (entity) => {
      if (!incoming) {
        incoming = new Map<NamedEntity, Reference[]>();
        for (const r of allReferences()) if (r.target) pushTo(incoming, r.target, r);
      }
      return incoming.get(entity) ?? EMPTY;
    },
    get vms() {
      if (!byName) {
        byName = new Map<string, Vm>();
        for (const v of allVms()) if (!byName.has(v.vm.name.value)) byName.set(v.vm.name.value, v.vm);
      }
      return byName;
    },
  };
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
