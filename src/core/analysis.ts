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
import { decodeUtf8, invalidUtf8Diagnostic, LineIndex, readTopology } from './yaml';
import { validateSchema } from './schema';
import { buildModel, resolveEstate, resolveVm, type EstateResolution, type Resolution, type VmNames } from './model';
import {
  availabilityTable, candidateTargets, FILE_RULES, GROUP_RULES, LandingContext, landVm, usageKey, usageOf, VM_RULES,
  type Estate, type FileContext, type FileRule, type GroupRule, type Member,
} from './rules';
import type { Availability, Diagnostic, Landing, Model, NamedEntity, Network, NetworkMapping, Nic, PairInfo, Reference, Vm } from './types';

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

/** Everything but the VMs of a model, analysed. */
export function analyzeEstate(model: Model): AnalyzedEstate {
  const estateModel: Model = { ...model, vms: [] };
  const resolution = resolveEstate(estateModel);
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
  const out: Diagnostic[] = [];
  rule.run(estate, members, out);
  return out;
}

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
  /** The model with its VMs, or undefined to make it of the estate's and `vms`. */
  readonly model: Model | undefined;
  readonly estate: AnalyzedEstate;
  readonly vms: readonly AnalyzedVm[];
  /** Sorted. */
  readonly diagnostics: readonly Diagnostic[];
}

const EMPTY: readonly never[] = [];

/** The analysis of a version from its parts; lookups over every VM are made when first used. */
export function analysisOf(parts: AnalysisParts): Analysis {
  const { text, lines, doc, estate, vms, diagnostics } = parts;
  let model = parts.model;
  let landings: Landing[] | undefined;
  let index: LandingIndex | undefined;
  let resolution: Resolution | undefined;
  const allLandings = (): Landing[] => {
    if (!landings) {
      landings = [];
      for (const v of vms) for (const l of v.landings) landings.push(l);
    }
    return landings;
  };
  return {
    text,
    lines,
    doc,
    get model() {
      return (model ??= { ...estate.model, vms: vms.map((v) => v.vm) });
    },
    get resolution() {
      return (resolution ??= fullResolution(estate.resolution, vms));
    },
    get landings() {
      return allLandings();
    },
    get landingIndex() {
      return (index ??= landingIndexOf(allLandings()));
    },
    availability: estate.availability,
    diagnostics,
  };
}

function landingIndexOf(landings: readonly Landing[]): LandingIndex {
  const byNic = new Map<Nic, Landing>();
  const via = new Map<NetworkMapping, Landing[]>();
  const on = new Map<Network, Landing[]>();
  for (const l of landings) {
    byNic.set(l.nic, l);
    const { failover } = l;
    if (failover.status === 'connected' && failover.mapping && failover.target) {
      pushTo(via, failover.mapping, l);
      pushTo(on, failover.target, l);
    }
  }
  return {
    landingOf: (nic) => byNic.get(nic),
    landingsVia: (m) => via.get(m) ?? EMPTY,
    landingsOn: (n) => on.get(n) ?? EMPTY,
  };
}

/** The estate's resolution with the VMs': every reference and definition, and the VMs by name. */
function fullResolution(estate: EstateResolution, vms: readonly AnalyzedVm[]): Resolution {
  let references: Reference[] | undefined;
  let definitions: NamedEntity[] | undefined;
  let incoming: Map<NamedEntity, Reference[]> | undefined;
  let byName: Map<string, Vm> | undefined;
  const allReferences = (): Reference[] => {
    if (!references) {
      references = [...estate.references];
      for (const v of vms) for (const r of v.names.references) references.push(r);
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
        for (const v of vms) definitions.push(v.vm);
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
        for (const v of vms) if (!byName.has(v.vm.name.value)) byName.set(v.vm.name.value, v.vm);
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
