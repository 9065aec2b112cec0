/**
 * The article's tables as plain rows, for the panel (through the server's
 * `asrTopology/landings` request) and anyone else who shows them: the network mappings per
 * location and VM network, and target network availability per mapping and protection pair.
 * Read from the analysis; nothing is decided here.
 */
import type { Analysis } from './analysis';
import { mappingFor } from './landing';

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
