/**
 * The one wording of entities and landings: what a thing is called ("VM 'VM1'", "NIC 1 of VM
 * 'VM3'"), where a replica goes and why, where the original VM goes on failback, and the
 * phrases the rules' messages share. The hover (sentences), the diagnostics (phrases), the
 * outline, the CLI's `landings` table and Markdown, and the mapping panel's cells all take
 * their words from here, so that one fact is said one way.
 *
 * It imports nothing but types: every stage may use it (like types.ts), and the panel's page
 * bundles it without the rest of the core.
 */
import type { Entity, Failback, Failover, Landing, Nic, PairInfo } from './types';

// ---------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------

export function kindLabel(e: Entity): string {
  switch (e.kind) {
    case 'site': return 'site';
    case 'logicalNetwork': return 'logical network';
    case 'subnet': return 'subnet';
    case 'vmNetwork': return 'VM network';
    case 'azureNetwork': return 'Azure virtual network';
    case 'cloud': return 'cloud';
    case 'pair': return 'protection pair';
    case 'mapping': return 'network mapping';
    case 'vm': return 'VM';
    case 'nic': return 'NIC';
  }
}

/** "VM 'VM1'" or "NIC 1 of VM 'VM3'". */
export function vmLabel(nic: Nic): string {
  return nic.vm.nics.length > 1 ? `NIC ${nic.index} of VM '${nic.vm.name.value}'` : `VM '${nic.vm.name.value}'`;
}

/** "GoldCloud1 → GoldCloud2" or "GoldCloud1 → Azure" ('?' for a name not written). */
export function pairArrow(protectedCloud: string | undefined, toAzure: boolean, protectingCloud: string | undefined): string {
  return `${protectedCloud ?? '?'} → ${toAzure ? 'Azure' : (protectingCloud ?? '?')}`;
}

/** "VM network 'VMNetwork1-NewYork' (site New York)" and the like. */
export function describeEntity(e: Entity): string {
  switch (e.kind) {
    case 'site': return `site '${e.name?.value ?? '?'}'`;
    case 'logicalNetwork': return `logical network '${e.name.value}' (site ${e.site.name?.value ?? '?'})`;
    case 'subnet': return `subnet '${e.name.value}' of '${e.network.name.value}'`;
    case 'vmNetwork': return `VM network '${e.name.value}' (site ${e.site.name?.value ?? '?'})`;
    case 'azureNetwork': return `Azure virtual network '${e.name.value}'`;
    case 'cloud': return `cloud '${e.name.value}' (site ${e.site.name?.value ?? '?'})`;
    case 'pair': return `protection pair ${pairArrow(e.protected?.value, e.toAzure, e.protecting?.value)}`;
    case 'mapping': return `mapping ${e.source?.value ?? '?'} → ${e.target?.value ?? '?'}`;
    case 'vm': return `VM '${e.name.value}'`;
    case 'nic': return vmLabel(e);
  }
}

// ---------------------------------------------------------------------------------------
// Phrases
// ---------------------------------------------------------------------------------------

/** "GoldCloud1 → GoldCloud2" or "GoldCloud1 → Azure". */
export function pairLabel(p: PairInfo): string {
  return pairArrow(p.protectedCloud.name.value, p.toAzure, p.protectingCloud?.name.value);
}

/**
 * "VM VM1", "VMs VM1 and VM2", "VMs VM1, VM2, VM3 and 4 more" (distinct names, in order),
 * and whether that is one VM, for the verb that follows.
 */
export function listVms(names: readonly string[], max = 3): { text: string; one: boolean } {
  return { text: listNames(names, max), one: new Set(names).size === 1 };
}

/** "VM VM1", "VMs VM1 and VM2", "VMs VM1, VM2, VM3 and 4 more" (distinct names, in order). */
export function listNames(names: readonly string[], max = 3): string {
  const distinct = [...new Set(names)];
  if (distinct.length === 1) return `VM ${distinct[0] ?? ''}`;
  const shown = distinct.slice(0, max);
  const rest = distinct.length - shown.length;
  if (rest > 0) return `VMs ${shown.join(', ')} and ${rest} more`;
  return `VMs ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}

/** "VMNetwork1-NewYork / Subnet1", or the network alone when there is no subnet. */
export function place(network: string, subnet: string | null | undefined): string {
  return subnet === null || subnet === undefined ? network : `${network} / ${subnet}`;
}

/** Where a pair's replicas are: "Azure" or "cloud 'GoldCloud2'". */
export function replicaDestination(pair: PairInfo): string {
  return pair.toAzure ? 'Azure' : `cloud '${pair.protectingCloud?.name.value ?? '?'}'`;
}

/** What a pair's mappings must point to: "an Azure virtual network" or "a VM network". */
export function mappingTargetKind(pair: PairInfo): string {
  return pair.toAzure ? 'an Azure virtual network' : 'a VM network';
}

/**
 * Why a mapping's target is not available to a pair: "cloud 'SilverCloud2' doesn't have logical
 * network 'LogicalNetwork2Chicago'", or that the target's logical network is unknown.
 */
export function unavailableBecause(protectingCloud: string | undefined, missingLogicalNetwork: string | undefined): string {
  return missingLogicalNetwork
    ? `cloud '${protectingCloud ?? '?'}' doesn't have logical network '${missingLogicalNetwork}'`
    : 'its logical network is unknown';
}

// ---------------------------------------------------------------------------------------
// Sentences (the hover)
// ---------------------------------------------------------------------------------------

/** Where the replica goes, and why. */
export function explainFailover(l: Landing): string {
  const f = l.failover;
  const n = l.network?.name.value ?? l.nic.network?.value ?? '?';
  if (f.status === 'not-protected') {
    return l.cloud
      ? `No replica: cloud '${l.cloud.name.value}' is not protected by any pair.`
      : `No replica: the VM's cloud ${l.vm.cloud ? `'${l.vm.cloud.value}' doesn't exist` : 'is not set'}.`;
  }
  const pair = f.pair!;
  const dest = replicaDestination(pair);
  if (f.reason === 'unmapped') {
    return l.network
      ? `The replica in ${dest} doesn't connect to any network: '${n}' is not mapped to ${mappingTargetKind(pair)}.`
      : `The replica in ${dest} doesn't connect to any network: the VM's network ${l.nic.network ? `'${n}' doesn't exist` : 'is not set'}.`;
  }
  if (f.reason === 'unavailable') {
    const t = f.target?.name.value ?? '?';
    const lacks = unavailableBecause(pair.protectingCloud?.name.value, f.missingLogicalNetwork);
    return `The replica in ${dest} doesn't connect to any network: '${n}' is mapped to '${t}', which is not available (${lacks}).`;
  }
  const t = f.target?.name.value ?? '?';
  let subnet: string;
  switch (f.subnetRule) {
    case 'name-match':
      subnet = ` / ${f.subnet?.name.value ?? '?'} (same subnet name)`;
      break;
    case 'first-subnet':
      subnet = ` / ${f.subnet?.name.value ?? '?'} (${l.nic.subnet ? `no subnet named '${l.nic.subnet.value}', so the ` : 'the '}first subnet${f.target?.kind === 'azureNetwork' ? ' in alphabetical order' : ''})`;
      break;
    case 'target-setting':
      subnet = ` / ${f.subnet?.name.value ?? '?'} (targetSubnet setting)`;
      break;
    case null:
      subnet = ' (the network has no subnets)';
  }
  return `The replica in ${dest} connects to '${t}'${subnet}: mapping ${n} → ${t}.`;
}

/** The replica's IP address, where one is known or predicted. */
export function explainAddress(l: Landing): string | undefined {
  const f = l.failover;
  if (f.status !== 'connected') return undefined;
  if (!f.pair?.toAzure) return 'Its address comes from the target\'s static IP pool or DHCP (not predicted).';
  if (f.ipSource === 'target-setting') return `IP address ${f.ipAddress ?? '?'} (targetIpAddress setting).`;
  if (f.ipSource === 'predicted') return `IP address ${f.ipAddress ?? '?'} predicted: the next free address of the subnet; Site Recovery doesn't guarantee it.`;
  return 'No IP address predicted (the subnet has no addressPrefix, or no free address).';
}

/** Where the original VM goes on failback, and why. */
export function explainFailback(l: Landing): string {
  const b = l.failback;
  const r = b.replicaNetwork?.name.value;
  const where = place(b.network?.name.value ?? '?', b.subnet?.name.value);
  switch (b.why) {
    case 'not-protected':
      return 'Failback: not applicable (no replica).';
    case 'from-azure':
      return b.status === 'connected'
        ? `Failback from Azure returns the VM to its original network '${where}'.`
        : 'Failback from Azure returns the VM to its original network, which doesn\'t exist: it disconnects.';
    case 'replica-disconnected':
      return b.replicaFrom === 'override'
        ? 'Failback: the VM disconnects (the replica was disconnected after failover).'
        : 'Failback: the VM disconnects (its replica isn\'t connected to any network).';
    case 'replica-unmapped':
      return `Failback: the VM disconnects ('${r ?? '?'}', where the replica is, is not mapped to a VM network).`;
    case 'mapped-back': {
      const stays = b.network === l.network ? 'stays on' : 'connects to';
      const moved = b.replicaFrom === 'override' && b.replicaNetwork !== l.failover.target ? ` (the replica was moved to '${r ?? '?'}')` : '';
      return `Failback: the VM ${stays} '${where}': mapping ${r ?? '?'} → ${b.network?.name.value ?? '?'}${moved}.`;
    }
  }
}

// ---------------------------------------------------------------------------------------
// A landing in a table: the CLI's `landings` table and Markdown (lower case, in a sentence's
// flow) and the panel's cells (capitalised, a cell each). They read the JSON row's facts.
// ---------------------------------------------------------------------------------------

type FailoverFacts = Pick<Failover, 'status' | 'reason'>;

/** Why a replica doesn't connect, in a few words. */
const NOT_CONNECTED_BECAUSE: Record<NonNullable<Failover['reason']>, string> = {
  unmapped: 'network not mapped',
  unavailable: 'target not available to the protecting cloud',
};

/** The CLI's failover status: "connected", "not connected (network not mapped)"... */
export function failoverWords(fo: FailoverFacts): string {
  switch (fo.status) {
    case 'not-protected':
      return 'not protected (no replica)';
    case 'not-connected':
      return fo.reason ? `not connected (${NOT_CONNECTED_BECAUSE[fo.reason]})` : 'not connected';
    case 'connected':
      return 'connected';
  }
}

/** The CLI's failback status: "connected", "disconnects", "not applicable". */
export function failbackWords(status: Failback['status']): string {
  switch (status) {
    case 'not-applicable':
      return 'not applicable';
    case 'disconnected':
      return 'disconnects';
    case 'connected':
      return 'connected';
  }
}

/** A replica address the CLI shows: "10.2.0.4 (predicted)" when it is Site Recovery's likely pick. */
export function ipWords(ipAddress: string | null, predicted: boolean): string {
  if (ipAddress === null) return '';
  return predicted ? `${ipAddress} (predicted)` : ipAddress;
}

/** The panel's status of a landing, for its counts and filters: "connected", "not connected", "not protected". */
export function landingStatus(fo: FailoverFacts): string {
  switch (fo.status) {
    case 'connected': return 'connected';
    case 'not-protected': return 'not protected';
    default: return 'not connected';
  }
}

/** The panel's status cell: "Connected", "Not protected", "Not connected: network not mapped"... */
export function landingStatusText(fo: FailoverFacts): string {
  if (fo.status === 'connected') return 'Connected';
  if (fo.status === 'not-protected') return 'Not protected';
  return `Not connected: ${NOT_CONNECTED_BECAUSE[fo.reason ?? 'unmapped']}`;
}

/** The panel's failover network cell when there is no network to show. */
export function noFailoverNetworkText(status: Exclude<Failover['status'], 'connected'>): string {
  return status === 'not-protected' ? 'No replica' : "Doesn't connect";
}

/** The panel's failback cell when the VM doesn't connect back: "Not applicable", "Disconnects". */
export function noFailbackText(status: Exclude<Failback['status'], 'connected'>): string {
  return capital(failbackWords(status));
}

/** The panel's availability cell: "Available", "Not available: SilverCloud2 lacks LogicalNetwork2Chicago". */
export function availabilityText(a: { readonly available: boolean; readonly protectingCloud: string | null; readonly missingLogicalNetwork: string | null }): string {
  if (a.available) return 'Available';
  return a.missingLogicalNetwork !== null
    ? `Not available: ${a.protectingCloud ?? 'the protecting cloud'} lacks ${a.missingLogicalNetwork}`
    : 'Not available';
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
