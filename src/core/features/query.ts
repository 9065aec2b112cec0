/**
 * What is at an offset of a topology file, for editor features (hover, go to definition,
 * references, rename, highlights, completion). Pure functions of an `Analysis` (the YAML
 * context at the cursor, from the text alone, is yaml/yamlContext.ts). Nothing here decides
 * a rule or a landing: it only finds things.
 */
import type { Analysis } from '../analysis';
import type {
  Diagnostic, Entity, Landing, NamedEntity, Network, NetworkMapping, Nic, Reference, Span, Str,
} from '../types';

// ---------------------------------------------------------------------------------------
// Lookups shared by every feature. What is at an offset comes from the item there
// (Analysis.places); lookups over every landing are made once per analysis, when first asked.
// ---------------------------------------------------------------------------------------

export interface AnalysisIndex {
  landingOf(nic: Nic): Landing | undefined;
  /** Landings whose failover connected through this mapping. */
  landingsVia(mapping: NetworkMapping): readonly Landing[];
  /** Landings whose replica connected to this network. */
  landingsOn(network: Network): readonly Landing[];
  /** NICs on this network (as the original VM). */
  nicsOn(network: Network): readonly Nic[];
}

/** A name in the file: the name of a definition, or a reference to one. */
export type NameAt =
  | { readonly kind: 'definition'; readonly str: Str; readonly entity: NamedEntity }
  | { readonly kind: 'reference'; readonly str: Str; readonly ref: Reference };

const indexes = new WeakMap<Analysis, AnalysisIndex>();
const EMPTY: readonly never[] = [];

/** The name of a definition or a reference (a definition without a name is never indexed). */
function strOf(x: NamedEntity | Reference): Str | undefined {
  return 'str' in x ? x.str : x.name;
}

export function indexOf(a: Analysis): AnalysisIndex {
  const cached = indexes.get(a);
  if (cached) return cached;
  // NICs by network only when asked (a network's hover).
  let nics: Map<Network, Nic[]> | undefined;
  const nicsOn = (n: Network): readonly Nic[] => {
    if (!nics) {
      nics = new Map<Network, Nic[]>();
      for (const l of a.landings) if (l.network) push(nics, l.network, l.nic);
    }
    return nics.get(n) ?? EMPTY;
  };
  const index: AnalysisIndex = {
    landingOf: (nic) => a.landingIndex.landingOf(nic),
    landingsVia: (m) => a.landingIndex.landingsVia(m),
    landingsOn: (n) => a.landingIndex.landingsOn(n),
    nicsOn,
  };
  indexes.set(a, index);
  return index;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Whether an offset is in a span; its end counts too (the cursor right after a name). */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** The definition name or reference at an offset, if any. */
export function nameAt(a: Analysis, offset: number): NameAt | undefined {
  const names = a.places.namesNear(offset);
  // Binary search for the last name starting at or before the offset.
  let lo = 0;
  let hi = names.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (strOf(names[mid]!)!.span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  for (let i = found; i >= 0 && i > found - 4; i--) {
    const n = names[i]!;
    const str = strOf(n)!;
    if (!touches(str.span, offset)) continue;
    return 'str' in n ? { kind: 'reference', str, ref: n } : { kind: 'definition', str, entity: n };
  }
  return undefined;
}

/** The entity a name stands for: the definition itself, or what the reference resolved to. */
export function entityOfName(n: NameAt): NamedEntity | undefined {
  return n.kind === 'definition' ? n.entity : n.ref.target;
}

/** Every place that names an entity: its definition name and the references to it, in file order. */
export function occurrences(a: Analysis, entity: NamedEntity, includeDeclaration = true): Str[] {
  const out: Str[] = [];
  if (includeDeclaration && entity.name) out.push(entity.name);
  for (const r of a.resolution.referencesTo(entity)) out.push(r.str);
  return out.sort((x, y) => x.span.start - y.span.start);
}

/** The innermost entity whose node contains the offset (NIC before VM, subnet before network...). */
export function entityAt(a: Analysis, offset: number): Entity | undefined {
  const inner = (list: readonly Entity[]): Entity | undefined => list.find((e) => touches(e.span, offset));
  const vm = a.places.vmAt(offset);
  if (vm) {
    const nic = vm.nics.length > 1 || vm.nics[0]?.span !== vm.span ? inner(vm.nics) : undefined;
    return nic ?? vm;
  }
  const m = a.model;
  const mapping = inner(m.mappings);
  if (mapping) return mapping;
  const pair = inner(m.pairs);
  if (pair) return pair;
  for (const site of m.sites) {
    if (!touches(site.span, offset)) continue;
    for (const n of site.vmNetworks) {
      if (!touches(n.span, offset)) continue;
      return inner(n.subnets) ?? n;
    }
    return inner(site.clouds) ?? inner(site.logicalNetworks) ?? site;
  }
  for (const n of m.azureNetworks) {
    if (!touches(n.span, offset)) continue;
    return inner(n.subnets) ?? n;
  }
  return undefined;
}

/** The NIC of a VM at an offset: the one-NIC form's NIC, or the `nics[]` item around it. */
export function nicAt(a: Analysis, offset: number): Nic | undefined {
  const e = entityAt(a, offset);
  if (e?.kind === 'nic') return e;
  if (e?.kind === 'vm' && e.nics.length === 1 && e.nics[0]!.span === e.span) return e.nics[0];
  return undefined;
}

/** The diagnostics whose span lies within a span (or touches it), in file order. */
export function diagnosticsWithin(a: Analysis, span: Span): Diagnostic[] {
  return [...a.places.diagnosticsWithin(span)];
}
