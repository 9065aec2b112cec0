/**
 * The article's tables as plain rows, for the panel (through the server's
 * `asrTopology/landings` request) and anyone else who shows them: the network mappings per
 * location and VM network, and target network availability per mapping and protection pair.
 * Read from the analysis; nothing is decided here.
 */
import type { Analysis } from '../analysis';
import { mappingFor } from '../rules';

/** One row of the article's first table: Location | VMM server | VM network | Mapped to. */
export interface MappingRow {
  readonly location: string | null;
  readonly vmmServer: string | null;
  readonly vmNetwork: string;
  /** The VM network it is mapped to (VMM to VMM), or null: "Not mapped". */
  readonly mappedTo: string | null;
  /** The Azure virtual network it is mapped to, or null. */
  readonly mappedToAzure: string | null;
  /** Where `mappedTo` maps back to (the way back on failback), or null when it isn't mapped back. */
  readonly mapsBack: string | null;
  /** `mapsBack` is this VM network: failback returns VMs to where they were. */
  readonly mapsBackToSource: boolean;
}

/** One row of the article's "target network available" table. */
export interface AvailabilityRow {
  readonly source: string;
  readonly target: string;
  readonly protectedCloud: string;
  /** null: to Azure. */
  readonly protectingCloud: string | null;
  readonly azure: boolean;
  readonly available: boolean;
  /** Not available: the target's logical network that the protecting cloud lacks. */
  readonly missingLogicalNetwork: string | null;
}

export function mappingRows(a: Analysis): MappingRow[] {
  const res = a.resolution;
  return a.model.vmNetworks.map((n) => {
    const toVm = mappingFor(res, n, 'vmNetwork');
    const toAzure = mappingFor(res, n, 'azureNetwork');
    const back = toVm ? mappingFor(res, toVm.target, 'vmNetwork') : undefined;
    return {
      location: n.site.name?.value ?? null,
      vmmServer: n.site.vmmServer?.value ?? null,
      vmNetwork: n.name.value,
      mappedTo: toVm?.target.name.value ?? null,
      mappedToAzure: toAzure?.target.name.value ?? null,
      mapsBack: back?.target.name.value ?? null,
      mapsBackToSource: back?.target === n,
    };
  });
}

export function availabilityRows(a: Analysis): AvailabilityRow[] {
  return a.availability.map((r) => ({
    source: r.source.name.value,
    target: r.target.name.value,
    protectedCloud: r.pair.protectedCloud.name.value,
    protectingCloud: r.pair.toAzure ? null : (r.pair.protectingCloud?.name.value ?? r.pair.pair.protecting?.value ?? null),
    azure: r.pair.toAzure,
    available: r.available,
    missingLogicalNetwork: r.missingLogicalNetwork ?? null,
  }));
}

/** What a definition row names (for the panel's "reveal in the editor"). */
export type DefinitionKind =
  | 'site' | 'logicalNetwork' | 'vmNetwork' | 'azureNetwork' | 'subnet' | 'cloud' | 'pair' | 'mapping' | 'vm' | 'nic';

/**
 * Where a thing is defined in the text, as UTF-16 offsets (the panel's host turns them into
 * editor ranges with the document of the same version). `select` is what to select (a name's
 * value, a mapping's or pair's first value); `node` is the whole entity (the host finds the
 * diagnostics of a row with it).
 */
export interface DefinitionRow {
  readonly kind: DefinitionKind;
  /** The entity's name; a mapping's source, a pair's protected cloud, a NIC's VM. */
  readonly name: string;
  /** A subnet's network; a mapping's target; a pair's protecting cloud ('Azure' for toAzure); a logical network's VMM server. */
  readonly scope: string | null;
  /** A NIC's index in its VM; a mapping's or pair's index in its list; else null. */
  readonly index: number | null;
  readonly select: { readonly start: number; readonly end: number };
  readonly node: { readonly start: number; readonly end: number };
}

export function definitionRows(a: Analysis): DefinitionRow[] {
  const m = a.model;
  const out: DefinitionRow[] = [];
  const sp = (s: { start: number; end: number }): { start: number; end: number } => ({ start: s.start, end: s.end });
  for (const site of m.sites) {
    if (site.name) out.push({ kind: 'site', name: site.name.value, scope: null, index: site.index, select: sp(site.name.span), node: sp(site.span) });
  }
  for (const ln of m.logicalNetworks) {
    out.push({ kind: 'logicalNetwork', name: ln.name.value, scope: ln.site.vmmServer?.value ?? null, index: null, select: sp(ln.name.span), node: sp(ln.span) });
  }
  for (const n of [...m.vmNetworks, ...m.azureNetworks]) {
    out.push({ kind: n.kind, name: n.name.value, scope: null, index: null, select: sp(n.name.span), node: sp(n.span) });
    for (const s of n.subnets) {
      out.push({ kind: 'subnet', name: s.name.value, scope: n.name.value, index: s.index, select: sp(s.name.span), node: sp(s.span) });
    }
  }
  for (const c of m.clouds) {
    out.push({ kind: 'cloud', name: c.name.value, scope: null, index: null, select: sp(c.name.span), node: sp(c.span) });
  }
  for (const p of m.pairs) {
    const first = p.protected ?? p.protecting;
    out.push({
      kind: 'pair', name: p.protected?.value ?? '', scope: p.toAzure ? 'Azure' : (p.protecting?.value ?? null), index: p.index,
      select: sp(first?.span ?? p.span), node: sp(p.span),
    });
  }
  for (const mp of m.mappings) {
    const first = mp.source ?? mp.target;
    out.push({
      kind: 'mapping', name: mp.source?.value ?? '', scope: mp.target?.value ?? null, index: mp.index,
      select: sp(first?.span ?? mp.span), node: sp(mp.span),
    });
  }
  for (const vm of m.vms) {
    out.push({ kind: 'vm', name: vm.name.value, scope: null, index: vm.index, select: sp(vm.name.span), node: sp(vm.span) });
    for (const nic of vm.nics) {
      out.push({
        kind: 'nic', name: vm.name.value, scope: null, index: nic.index,
        select: sp(nic.network?.span ?? nic.span), node: sp(nic.span),
      });
    }
  }
  return out;
}
