/**
 * What the Recovery Services vault says, in the forms people get it in: REST responses of
 * replicationFabrics, replicationProtectionContainers, replicationProtectionContainerMappings,
 * replicationNetworks, replicationNetworkMappings and replicationProtectedItems (a list in
 * `value`, one resource, or an array of either), as `az rest` or the REST API return them, and
 * `Get-AzRecoveryServicesAsr* | ConvertTo-Json` output (ASRNetworkMapping,
 * ASRProtectionContainerMapping, ASRReplicationProtectedItem: PascalCase properties at the top).
 * Each resource is recognised by its `type` or, failing that, by its properties.
 */
import { EstateInputError, isObject, lastSegment, list, meaninglessAddress, prop, text, type EstateInput, type Json } from './input';

/** The friendly name Site Recovery gives Azure as a fabric and as a protection container. */
export const AZURE_FABRIC = 'Microsoft Azure';

export interface VaultMapping {
  /** The primary VM network's friendly name (VMM). */
  readonly source: string;
  /** The recovery network's friendly name: a VM network, or an Azure virtual network. */
  readonly target: string;
  readonly toAzure: boolean;
  /** The recovery network's id (an ARM id for Azure). */
  readonly targetId: string | undefined;
  readonly sourceFabric: string | undefined;
  readonly targetFabric: string | undefined;
  /** Pairing state: `Paired` when the mapping is in force. */
  readonly state: string | undefined;
}

export interface VaultPair {
  /** The protected cloud (the source protection container's friendly name). */
  readonly protected: string;
  /** The protecting cloud; undefined for Azure. */
  readonly protecting: string | undefined;
  readonly toAzure: boolean;
  readonly sourceFabric: string | undefined;
  readonly targetFabric: string | undefined;
  readonly state: string | undefined;
}

export interface VaultNic {
  readonly index: number;
  readonly network: string | undefined;
  readonly subnet: string | undefined;
  /** The recovery network's friendly name (resolved from its id through the mappings). */
  readonly recoveryNetwork: string | undefined;
  readonly recoverySubnet: string | undefined;
  readonly recoveryIp: string | undefined;
}

export interface VaultItem {
  readonly vm: string;
  readonly cloud: string | undefined;
  readonly toAzure: boolean;
  readonly nics: VaultNic[];
}

export interface VaultFacts {
  readonly files: string[];
  readonly mappings: VaultMapping[];
  readonly pairs: VaultPair[];
  readonly items: VaultItem[];
}

type Kind = 'fabric' | 'container' | 'containerMapping' | 'network' | 'networkMapping' | 'protectedItem';

const TYPES: [RegExp, Kind][] = [
  [/replicationNetworkMappings$/i, 'networkMapping'],
  [/replicationProtectionContainerMappings$/i, 'containerMapping'],
  [/replicationProtectedItems$/i, 'protectedItem'],
  [/replicationNetworks$/i, 'network'],
  [/replicationProtectionContainers$/i, 'container'],
  [/replicationFabrics$/i, 'fabric'],
];

function resources(value: unknown, depth = 0): Json[] {
  if (depth > 4) return [];
  if (Array.isArray(value)) return value.flatMap((v) => resources(v, depth + 1));
  if (isObject(value) && Array.isArray(value.value) && !('properties' in value)) return value.value.flatMap((v) => resources(v, depth + 1));
  return isObject(value) ? [value] : [];
}

/** The resource's kind, from its `type` or its properties (PowerShell objects have no type). */
function kindOf(r: Json): Kind | undefined {
  const type = text(r.type);
  if (type) for (const [re, k] of TYPES) if (re.test(type)) return k;
  const p = isObject(r.properties) ? r.properties : r;
  const has = (...names: string[]): boolean => names.some((n) => n in p);
  if (has('primaryNetworkFriendlyName', 'PrimaryNetworkFriendlyName')) return 'networkMapping';
  if (has('targetProtectionContainerId', 'TargetProtectionContainerId', 'TargetProtectionContainerFriendlyName', 'targetProtectionContainerFriendlyName')) return 'containerMapping';
  if (has('protectedItemType', 'ProtectedItemType', 'NicDetailsList', 'providerSpecificDetails', 'ReplicationProvider') && has('friendlyName', 'FriendlyName')) return 'protectedItem';
  return undefined;
}

const props = (r: Json): Json => (isObject(r.properties) ? r.properties : r);

function readMapping(r: Json): VaultMapping | undefined {
  const p = props(r);
  const source = text(prop(p, 'primaryNetworkFriendlyName', 'PrimaryNetworkFriendlyName'));
  const targetId = text(prop(p, 'recoveryNetworkId', 'RecoveryNetworkId'));
  const target = text(prop(p, 'recoveryNetworkFriendlyName', 'RecoveryNetworkFriendlyName')) ?? lastSegment(targetId);
  if (!source || !target) return undefined;
  const targetFabric = text(prop(p, 'recoveryFabricFriendlyName', 'RecoveryFabricFriendlyName'));
  const settings = prop(p, 'fabricSpecificSettings', 'FabricSpecificSettings');
  const instance = isObject(settings) ? text(prop(settings, 'instanceType', 'InstanceType')) : undefined;
  const toAzure = targetFabric === AZURE_FABRIC || /\/providers\/Microsoft\.Network\/virtualNetworks\//i.test(targetId ?? '') || /toAzure/i.test(instance ?? '');
  return {
    source, target, toAzure, targetId,
    sourceFabric: text(prop(p, 'primaryFabricFriendlyName', 'PrimaryFabricFriendlyName')),
    targetFabric,
    state: text(prop(p, 'state', 'State')),
  };
}

function readPair(r: Json): VaultPair | undefined {
  const p = props(r);
  const source = text(prop(p, 'sourceProtectionContainerFriendlyName', 'SourceProtectionContainerFriendlyName'));
  const target = text(prop(p, 'targetProtectionContainerFriendlyName', 'TargetProtectionContainerFriendlyName'));
  if (!source) return undefined;
  const targetFabric = text(prop(p, 'targetFabricFriendlyName', 'TargetFabricFriendlyName'));
  const details = prop(p, 'providerSpecificDetails', 'ProviderSpecificDetails');
  const instance = isObject(details) ? text(prop(details, 'instanceType', 'InstanceType')) : undefined;
  const toAzure = target === AZURE_FABRIC || targetFabric === AZURE_FABRIC || /Azure/i.test(instance ?? '');
  return {
    protected: source,
    protecting: toAzure ? undefined : target,
    toAzure,
    sourceFabric: text(prop(p, 'sourceFabricFriendlyName', 'SourceFabricFriendlyName')),
    targetFabric,
    state: text(prop(p, 'state', 'State')),
  };
}

/** A NIC of a protected item: the older fields, or the newer `ipConfigs` (its primary one). */
function readNic(n: Json, index: number, networkName: (id: string | undefined) => string | undefined): VaultNic {
  const configs = list(prop(n, 'ipConfigs', 'IpConfigs', 'IPConfigs')).filter(isObject);
  const primary = configs.find((c) => prop(c, 'isPrimary', 'IsPrimary') === true) ?? configs[0];
  const fromConfig = (...names: string[]): string | undefined => (primary ? text(prop(primary, ...names)) : undefined);
  const ip = fromConfig('recoveryStaticIPAddress', 'RecoveryStaticIPAddress') ?? text(prop(n, 'replicaNicStaticIPAddress', 'ReplicaNicStaticIPAddress'));
  const networkId = text(prop(n, 'recoveryVMNetworkId', 'RecoveryVMNetworkId'));
  return {
    index,
    network: text(prop(n, 'vMNetworkName', 'VMNetworkName', 'vmNetworkName')),
    subnet: fromConfig('subnetName', 'SubnetName') ?? text(prop(n, 'vMSubnetName', 'VMSubnetName', 'vmSubnetName')),
    recoveryNetwork: networkName(networkId),
    recoverySubnet: fromConfig('recoverySubnetName', 'RecoverySubnetName') ?? text(prop(n, 'recoveryVMSubnetName', 'RecoveryVMSubnetName')),
    recoveryIp: ip !== undefined && !meaninglessAddress(ip) ? ip : undefined,
  };
}

function readItem(r: Json, networkName: (id: string | undefined) => string | undefined): VaultItem | undefined {
  const p = props(r);
  const vm = text(prop(p, 'friendlyName', 'FriendlyName'));
  if (!vm) return undefined;
  const details = prop(p, 'providerSpecificDetails', 'ProviderSpecificDetails');
  const nicsIn = isObject(details) ? prop(details, 'vmNics', 'VmNics', 'vMNics') : undefined;
  const nics = list(nicsIn ?? prop(p, 'NicDetailsList', 'nicDetailsList')).filter(isObject).map((n, i) => readNic(n, i, networkName));
  const recoveryFabric = text(prop(p, 'recoveryFabricFriendlyName', 'RecoveryFabricFriendlyName'));
  const instance = isObject(details) ? text(prop(details, 'instanceType', 'InstanceType')) : text(prop(p, 'ReplicationProvider'));
  return {
    vm,
    cloud: text(prop(p, 'primaryProtectionContainerFriendlyName', 'PrimaryProtectionContainerFriendlyName', 'ProtectionContainerFriendlyName')),
    toAzure: recoveryFabric === AZURE_FABRIC || /Azure/i.test(instance ?? ''),
    nics,
  };
}

/** Reads every vault export given; throws EstateInputError for one with nothing of the vault. */
export function readVault(inputs: readonly { input: EstateInput; value: unknown }[]): VaultFacts {
  const mappings: VaultMapping[] = [];
  const pairs: VaultPair[] = [];
  const rawItems: Json[] = [];
  for (const { input, value } of inputs) {
    const all = resources(value);
    let known = 0;
    for (const r of all) {
      const kind = kindOf(r);
      if (!kind) continue;
      known++;
      if (kind === 'networkMapping') {
        const m = readMapping(r);
        if (m) mappings.push(m);
      } else if (kind === 'containerMapping') {
        const pr = readPair(r);
        if (pr) pairs.push(pr);
      } else if (kind === 'protectedItem') rawItems.push(r);
    }
    if (known === 0) {
      const hint = isObject(value) && ('VMMServer' in value || 'VMNetworks' in value) ? ' (it looks like a VMM export: give it with --vmm)'
        : all.length === 0 ? ' (an empty list)' : '';
      throw new EstateInputError(input.name, `not a vault export: found no Site Recovery resource (network mappings, container mappings, protected items...)${hint}`);
    }
  }
  // A NIC's recovery network is an id: its friendly name comes from the mapping that targets it.
  const byId = new Map<string, string>();
  for (const m of mappings) if (m.targetId) byId.set(m.targetId.toLowerCase(), m.target);
  const networkName = (id: string | undefined): string | undefined => (id ? byId.get(id.toLowerCase()) ?? lastSegment(id) : undefined);
  const items = rawItems.map((r) => readItem(r, networkName)).filter((i): i is VaultItem => i !== undefined);
  return { files: inputs.map((i) => i.input.name), mappings: dedupe(mappings, (m) => `${m.source}\0${String(m.toAzure)}`), pairs: dedupe(pairs, (p) => p.protected), items: dedupe(items, (i) => i.vm) };
}

/** The same resource given twice (two exports overlap): the first is kept. */
function dedupe<T>(xs: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
