/**
 * Where every replica lands (spec §3): the single source of truth for diagnostics, hover,
 * the panel and the CLI. Nothing else decides a landing.
 */
import { didYouMean, suggest } from '../model';
import { formatAddress, parseAddress, parsePrefix, type Prefix } from '../model';
import type { Resolution } from '../model';
import type {
  Availability, Cloud, Diagnostic, Failback, Failover, Landing, Model, Network, NetworkMapping, Nic, PairInfo, Str,
  Subnet, SubnetRule, VmNetwork,
} from '../types';

export interface LandingResult {
  /** One per NIC, in document order. */
  readonly landings: Landing[];
  readonly availability: Availability[];
  landingOf(nic: Nic): Landing | undefined;
  /** The landings whose failover went through this mapping and connected. */
  landingsVia(mapping: NetworkMapping): readonly Landing[];
  /** The landings whose replica connected to this network. */
  landingsOn(network: Network): readonly Landing[];
  /** Problems found while resolving landing-only references (targetSubnet, replica subnet). */
  readonly diagnostics: Diagnostic[];
}

type TargetKind = Network['kind'];

const EMPTY: readonly never[] = [];

/** The mapping of `network` whose target is of `kind` (the first, where TOP022 flags more). */
export function mappingFor(
  res: Resolution,
  network: Network,
  kind: TargetKind,
): { mapping: NetworkMapping; target: Network } | undefined {
  for (const mapping of res.mappingsFrom(network)) {
    const target = res.target(mapping.target);
    if (target && (target.kind === 'vmNetwork' || target.kind === 'azureNetwork') && target.kind === kind) {
      return { mapping, target };
    }
  }
  return undefined;
}

/** Step 3: whether the pair's protecting cloud can use the target VM network. */
export function availabilityOf(
  res: Resolution,
  pair: PairInfo,
  target: Network,
): { available: boolean; missing: string | undefined } {
  if (pair.toAzure || target.kind === 'azureNetwork') return { available: true, missing: undefined };
  const ln = res.logicalNetworkOf(target);
  const q = pair.protectingCloud;
  if (!ln) return { available: false, missing: target.logicalNetwork?.value };
  if (!q) return { available: false, missing: ln.name.value };
  return res.cloudLogicalNetworks(q).has(ln) ? { available: true, missing: undefined } : { available: false, missing: ln.name.value };
}

/** Whether a cloud can use a VM network: the network's logical network is one of the cloud's. */
export function cloudCanUse(res: Resolution, cloud: Cloud, network: VmNetwork): boolean {
  const ln = res.logicalNetworkOf(network);
  return ln !== undefined && res.cloudLogicalNetworks(cloud).has(ln);
}

/** Step 4: the subnet of T a replica lands on. */
export function chooseSubnet(
  target: Network,
  sourceSubnetName: string | undefined,
  setting: Subnet | undefined,
): { subnet: Subnet | undefined; rule: SubnetRule | null } {
  if (setting) return { subnet: setting, rule: 'target-setting' };
  if (target.subnets.length === 0) return { subnet: undefined, rule: null };
  if (sourceSubnetName !== undefined) {
    const lower = sourceSubnetName.toLowerCase();
    const match = target.subnets.find((s) => s.name.value.toLowerCase() === lower);
    if (match) return { subnet: match, rule: 'name-match' };
  }
  return { subnet: firstSubnet(target), rule: 'first-subnet' };
}

/** The first listed subnet of a VM network; the first in alphabetical order of an Azure one. */
export function firstSubnet(network: Network): Subnet | undefined {
  if (network.kind === 'vmNetwork') return network.subnets[0];
  let best: Subnet | undefined;
  for (const s of network.subnets) {
    if (!best || compareNames(s.name.value, best.name.value) < 0) best = s;
  }
  return best;
}

function compareNames(a: string, b: string): number {
  const al = a.toLowerCase();
  const bl = b.toLowerCase();
  if (al !== bl) return al < bl ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function computeLandings(model: Model, res: Resolution): LandingResult {
  const diagnostics: Diagnostic[] = [];
  const landings: Landing[] = [];
  const byNic = new Map<Nic, Landing>();
  const via = new Map<NetworkMapping, Landing[]>();
  const on = new Map<Network, Landing[]>();
  /** Shared landings of NICs without settings of their own: by pair, network, then source subnet name. */
  type Shared = { failover: Failover; failback: Failback };
  const memo = new Map<PairInfo | undefined, Map<Network | undefined, Map<string | undefined, Shared>>>();

  /** A subnet named in a landing-only place (targetSubnet, replica.subnet without network). */
  const lookupSubnet = (str: Str, network: Network, nic: Nic): Subnet | undefined => {
    const subnet = network.subnets.find((s) => s.name.value === str.value);
    if (subnet) {
      res.addReference({ kind: 'subnet', str, target: subnet, owner: nic });
      return subnet;
    }
    const suggestions = suggest(str.value, network.subnets.map((s) => s.name.value));
    diagnostics.push({
      code: 'TOP011',
      severity: 'error',
      message: `There is no subnet '${str.value}' in network '${network.name.value}', where the replica lands${didYouMean(suggestions)}`,
      span: str.span,
      ...(suggestions.length ? { fix: { kind: 'rename' as const, suggestions } } : {}),
    });
    res.addReference({ kind: 'subnet', str, target: undefined, owner: nic });
    return undefined;
  };

  for (const vm of model.vms) {
    const cloudEntity = res.target(vm.cloud);
    const cloud = cloudEntity?.kind === 'cloud' ? cloudEntity : undefined;
    const pair = cloud ? res.pairOf(cloud) : undefined;
    for (const nic of vm.nics) {
      const n = res.target(nic.network);
      const network = n?.kind === 'vmNetwork' || n?.kind === 'azureNetwork' ? n : undefined;
      const s = res.target(nic.subnet);
      const subnet = s?.kind === 'subnet' ? s : undefined;
      // NICs without settings of their own land alike when cloud pair, network and subnet
      // are alike: compute that once (thousands of VMs share a few networks).
      const own = nic.targetSubnet !== undefined || nic.targetIpAddress !== undefined || nic.replica !== undefined;
      let bySubnet: Map<string | undefined, Shared> | undefined;
      if (!own) {
        let byNetwork = memo.get(pair);
        if (!byNetwork) memo.set(pair, (byNetwork = new Map<Network | undefined, Map<string | undefined, Shared>>()));
        bySubnet = byNetwork.get(network);
        if (!bySubnet) byNetwork.set(network, (bySubnet = new Map<string | undefined, Shared>()));
      }
      const subnetName = nic.subnet?.value;
      let shared = bySubnet?.get(subnetName);
      if (!shared) {
        const fo = computeFailover(nic, network, pair);
        shared = { failover: fo, failback: computeFailback(nic, network, subnet, pair, fo) };
        bySubnet?.set(subnetName, shared);
      }
      const { failover, failback } = shared;
      const landing: Landing = { vm, nic, cloud, network, subnet, failover, failback };
      landings.push(landing);
      byNic.set(nic, landing);
      if (failover.status === 'connected' && failover.mapping && failover.target) {
        pushTo(via, failover.mapping, landing);
        pushTo(on, failover.target, landing);
      }
    }
  }

  function computeFailover(nic: Nic, network: Network | undefined, pair: PairInfo | undefined): Failover {
    const base = {
      pair,
      mapping: undefined,
      target: undefined,
      subnet: undefined,
      subnetRule: null,
      ipAddress: null,
      ipSource: null,
      missingLogicalNetwork: undefined,
    } as const;
    if (!pair) return { ...base, status: 'not-protected', reason: null };
    const found = network ? mappingFor(res, network, pair.toAzure ? 'azureNetwork' : 'vmNetwork') : undefined;
    if (!found) return { ...base, status: 'not-connected', reason: 'unmapped' };
    const { mapping, target } = found;
    const availability = availabilityOf(res, pair, target);
    if (!availability.available) {
      return { ...base, mapping, target, status: 'not-connected', reason: 'unavailable', missingLogicalNetwork: availability.missing };
    }
    // `targetSubnet` and `targetIpAddress` are Compute and Network settings of a replica in Azure.
    const setting = pair.toAzure && nic.targetSubnet ? lookupSubnet(nic.targetSubnet, target, nic) : undefined;
    const { subnet, rule } = chooseSubnet(target, nic.subnet?.value, setting);
    const fixedIp = pair.toAzure && nic.targetIpAddress ? nic.targetIpAddress.value : null;
    return {
      ...base,
      status: 'connected',
      reason: null,
      mapping,
      target,
      subnet,
      subnetRule: rule,
      ipAddress: fixedIp,
      ipSource: fixedIp !== null ? 'target-setting' : null,
    };
  }

  function computeFailback(
    nic: Nic,
    network: Network | undefined,
    subnet: Subnet | undefined,
    pair: PairInfo | undefined,
    failover: Failover,
  ): Failback {
    const none = { network: undefined, subnet: undefined, subnetRule: null, mapping: undefined } as const;
    if (!pair) return { ...none, status: 'not-applicable', replicaNetwork: null, replicaFrom: 'failover', why: 'not-protected' };
    const connectedTo = failover.status === 'connected' ? (failover.target ?? null) : null;
    if (pair.toAzure) {
      // From Azure, failback returns the VM to its original network and subnet.
      return network
        ? { status: 'connected', network, subnet, subnetRule: null, mapping: undefined, replicaNetwork: connectedTo, replicaFrom: 'failover', why: 'from-azure' }
        : { ...none, status: 'disconnected', replicaNetwork: connectedTo, replicaFrom: 'failover', why: 'from-azure' };
    }
    // R: where the replica is when failback starts.
    let r: Network | null = connectedTo;
    let replicaFrom: Failback['replicaFrom'] = 'failover';
    let replicaSubnetName = failover.subnet?.name.value;
    const override = nic.replica;
    if (override) {
      replicaFrom = 'override';
      if (override.disconnected) {
        r = null;
      } else if (override.network) {
        const t = res.target(override.network);
        r = t?.kind === 'vmNetwork' || t?.kind === 'azureNetwork' ? t : null;
        if (r !== connectedTo) replicaSubnetName = undefined;
      }
      if (override.subnet) {
        replicaSubnetName = override.subnet.value;
        // A replica subnet without a network is a subnet of where the replica is.
        if (!override.network && !override.disconnected && r) lookupSubnet(override.subnet, r, nic);
      }
    }
    if (!r) return { ...none, status: 'disconnected', replicaNetwork: null, replicaFrom, why: 'replica-disconnected' };
    const back = mappingFor(res, r, 'vmNetwork');
    if (!back) return { ...none, status: 'disconnected', replicaNetwork: r, replicaFrom, why: 'replica-unmapped' };
    const chosen = chooseSubnet(back.target, replicaSubnetName, undefined);
    return {
      status: 'connected',
      network: back.target,
      subnet: chosen.subnet,
      subnetRule: chosen.rule,
      mapping: back.mapping,
      replicaNetwork: r,
      replicaFrom,
      why: 'mapped-back',
    };
  }

  predictAddresses(landings);

  // Target network availability per mapping and pair (the article's third table).
  const availability: Availability[] = [];
  const effectivePairs = res.pairs.filter((p) => res.pairOf(p.protectedCloud) === p);
  for (const mapping of model.mappings) {
    const source = res.target(mapping.source);
    const target = res.target(mapping.target);
    if (source?.kind !== 'vmNetwork' || !(target?.kind === 'vmNetwork' || target?.kind === 'azureNetwork')) continue;
    if (!res.mappingsFrom(source).includes(mapping)) continue;
    for (const pair of effectivePairs) {
      if (pair.toAzure !== (target.kind === 'azureNetwork')) continue;
      if (!cloudCanUse(res, pair.protectedCloud, source)) continue;
      const a = availabilityOf(res, pair, target);
      availability.push({ mapping, source, target, pair, available: a.available, missingLogicalNetwork: a.missing });
    }
  }

  return {
    landings,
    availability,
    landingOf: (nic) => byNic.get(nic),
    landingsVia: (m) => via.get(m) ?? EMPTY,
    landingsOn: (n) => on.get(n) ?? EMPTY,
    diagnostics,
  };
}

/**
 * Step 6: replicas in Azure get their `targetIpAddress`, or the next free address of their
 * subnet after every `targetIpAddress` and the predictions before them in document order.
 */
function predictAddresses(landings: Landing[]): void {
  interface Pool { prefix: Prefix; taken: Set<bigint>; cursor: bigint }
  const pools = new Map<Subnet, Pool | null>();
  const poolOf = (subnet: Subnet): Pool | null => {
    let pool = pools.get(subnet);
    if (pool === undefined) {
      const prefix = subnet.addressPrefix ? parsePrefix(subnet.addressPrefix.value) : undefined;
      pool = prefix ? { prefix, taken: new Set(), cursor: 4n } : null;
      pools.set(subnet, pool);
    }
    return pool;
  };
  const inAzure = (l: Landing): boolean => l.failover.status === 'connected' && l.failover.pair?.toAzure === true && l.failover.subnet !== undefined;
  for (const l of landings) {
    if (!inAzure(l) || l.failover.ipAddress === null) continue;
    const pool = poolOf(l.failover.subnet!);
    const addr = parseAddress(l.failover.ipAddress);
    if (pool && addr && addr.version === pool.prefix.version) pool.taken.add(addr.value);
  }
  for (const l of landings) {
    if (!inAzure(l) || l.failover.ipAddress !== null) continue;
    const pool = poolOf(l.failover.subnet!);
    if (!pool) continue;
    const last = pool.prefix.size - 1n;
    let off = pool.cursor;
    while (off < last && pool.taken.has(pool.prefix.base + off)) off++;
    if (off >= last) continue;
    const value = pool.prefix.base + off;
    pool.taken.add(value);
    pool.cursor = off + 1n;
    // Failover objects may be shared by NICs that land alike: the prediction gets its own.
    (l as { failover: Failover }).failover = { ...l.failover, ipAddress: formatAddress(pool.prefix.version, value), ipSource: 'predicted' };
  }
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
