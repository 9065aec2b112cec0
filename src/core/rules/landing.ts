/**
 * Where every replica lands (spec §3): the single source of truth for diagnostics, hover,
 * the panel and the CLI. Nothing else decides a landing.
 */
import { didYouMean, formatAddress, parseAddress, parsePrefix, recordVmReference, suggest, type EstateResolution, type Prefix, type VmNames } from '../model';
import type {
  Availability, Cloud, Failback, Failover, Landing, Model, Network, NetworkMapping, Nic, PairInfo, Str,
  Subnet, SubnetRule, Vm, VmNetwork,
} from '../types';

type TargetKind = Network['kind'];

/** Step 2, mapping: the mapping of `network` whose target is of `kind` (the first, where TOP022 flags more). */
export function mappingFor(
  res: EstateResolution,
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

/** Step 3, availability: whether the pair's protecting cloud can use the target VM network. */
export function availabilityOf(
  res: EstateResolution,
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
export function cloudCanUse(res: EstateResolution, cloud: Cloud, network: VmNetwork): boolean {
  const ln = res.logicalNetworkOf(network);
  return ln !== undefined && res.cloudLogicalNetworks(cloud).has(ln);
}

/** Step 4, subnet: the subnet of T a replica lands on (the setting, the same name, else the first). */
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

/**
 * Where a VM's NICs' replicas land, and where the original VM goes on failback: spec §3's
 * steps 1 to 5 and step 6's setting, NIC by NIC, against the estate. What a NIC's own settings
 * name (`targetSubnet`, a replica's subnet) is resolved here: its references and TOP011 go to
 * `names`. The predicted addresses (step 6) are the VMs' together: `predictAddresses`.
 */
export function landVm(ctx: LandingContext, vm: Vm, names: VmNames): Landing[] {
  const res = ctx.res;
  const cloud = cloudOf(res, vm.cloud);
  const pair = cloud ? res.pairOf(cloud) : undefined;
  const out: Landing[] = [];
  for (const nic of vm.nics) {
    const network = networkOf(res, nic.network);
    const s = res.target(nic.subnet);
    const subnet = s?.kind === 'subnet' ? s : undefined;
    const { failover, failback } = ctx.shared(nic, pair, network, () => {
      const fo = failoverOf(ctx, nic, network, pair, names);
      return { failover: fo, failback: failbackOf(ctx, nic, network, subnet, pair, fo, names) };
    });
    out.push({ vm, nic, cloud, network, subnet, failover, failback });
  }
  return out;
}

/** Steps 1 to 4 (and 6's setting): where a NIC's replica goes on failover. */
function failoverOf(ctx: LandingContext, nic: Nic, network: Network | undefined, pair: PairInfo | undefined, names: VmNames): Failover {
  const nowhere = {
    pair,
    mapping: undefined,
    target: undefined,
    subnet: undefined,
    subnetRule: null,
    ipAddress: null,
    ipSource: null,
    missingLogicalNetwork: undefined,
  } as const;
  // 1. Not protected: no replica.
  if (!pair) return { ...nowhere, status: 'not-protected', reason: null };
  // 2. Mapping: N's mapping to the kind of network the pair's replicas go to.
  const found = network ? mappingFor(ctx.res, network, pair.toAzure ? 'azureNetwork' : 'vmNetwork') : undefined;
  if (!found) return { ...nowhere, status: 'not-connected', reason: 'unmapped' };
  const { mapping, target } = found;
  // 3. Availability: the protecting cloud can use T.
  const availability = availabilityOf(ctx.res, pair, target);
  if (!availability.available) {
    return { ...nowhere, mapping, target, status: 'not-connected', reason: 'unavailable', missingLogicalNetwork: availability.missing };
  }
  // 4. Subnet; and 6's first half, the address set on the NIC (the rest is predicted later).
  const { subnet, rule } = chooseSubnet(target, nic.subnet?.value, targetSubnetSetting(ctx, nic, pair, target, names));
  const fixedIp = targetIpAddressSetting(nic, pair);
  return {
    ...nowhere,
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

/** `targetSubnet`: a Compute and Network setting of a replica in Azure (ignored VMM to VMM). */
function targetSubnetSetting(ctx: LandingContext, nic: Nic, pair: PairInfo, target: Network, names: VmNames): Subnet | undefined {
  return pair.toAzure && nic.targetSubnet ? ctx.subnetIn(nic.targetSubnet, target, nic, names) : undefined;
}

/** `targetIpAddress`: a Compute and Network setting of a replica in Azure (ignored VMM to VMM). */
function targetIpAddressSetting(nic: Nic, pair: PairInfo): string | null {
  return pair.toAzure && nic.targetIpAddress ? nic.targetIpAddress.value : null;
}

/** Step 5: where the original VM goes on failback. */
function failbackOf(
  ctx: LandingContext,
  nic: Nic,
  network: Network | undefined,
  subnet: Subnet | undefined,
  pair: PairInfo | undefined,
  failover: Failover,
  names: VmNames,
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
  const { r, replicaFrom, replicaSubnetName } = replicaPlace(ctx, nic, connectedTo, failover, names);
  if (!r) return { ...none, status: 'disconnected', replicaNetwork: null, replicaFrom, why: 'replica-disconnected' };
  // R's mapping back to a VM network decides, with step 4's subnet rule on the replica's subnet.
  const back = mappingFor(ctx.res, r, 'vmNetwork');
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

/**
 * R, where the replica is when failback starts: T where the replica connected, or the NIC's
 * `replica` setting (moved to another network, to another subnet, or disconnected).
 */
function replicaPlace(
  ctx: LandingContext,
  nic: Nic,
  connectedTo: Network | null,
  failover: Failover,
  names: VmNames,
): { r: Network | null; replicaFrom: Failback['replicaFrom']; replicaSubnetName: string | undefined } {
  const override = nic.replica;
  if (!override) return { r: connectedTo, replicaFrom: 'failover', replicaSubnetName: failover.subnet?.name.value };
  let r: Network | null = connectedTo;
  let replicaSubnetName = failover.subnet?.name.value;
  if (override.disconnected) {
    r = null;
  } else if (override.network) {
    r = networkOf(ctx.res, override.network) ?? null;
    if (r !== connectedTo) replicaSubnetName = undefined;
  }
  if (override.subnet) {
    replicaSubnetName = override.subnet.value;
    // A replica subnet without a network is a subnet of where the replica is.
    if (!override.network && !override.disconnected && r) ctx.subnetIn(override.subnet, r, nic, names);
  }
  return { r, replicaFrom: 'override', replicaSubnetName };
}

/** The cloud a reference names, if it names one. */
function cloudOf(res: EstateResolution, ref: Str | undefined): Cloud | undefined {
  const c = res.target(ref);
  return c?.kind === 'cloud' ? c : undefined;
}

/** The network (VM network or Azure virtual network) a reference names, if it names one. */
function networkOf(res: EstateResolution, ref: Str | undefined): Network | undefined {
  const n = res.target(ref);
  return n?.kind === 'vmNetwork' || n?.kind === 'azureNetwork' ? n : undefined;
}

interface Shared { readonly failover: Failover; readonly failback: Failback }

interface Memo {
  readonly shared: Shared;
  /** What deciding it read of the estate, when reads are recorded. */
  readonly reads: readonly unknown[] | undefined;
}

/** What records the reads of the estate while a VM is analysed (incremental/estateReads.ts). */
export interface SharedReads {
  /** Where the reads recorded so far end. */
  mark(): number;
  /** The reads recorded since `mark`. */
  since(mark: number): readonly unknown[];
  /** Records `reads` again (a VM that shares a landing read what deciding it read). */
  append(reads: readonly unknown[]): void;
}

/**
 * What the landings of one estate share: its resolution, and the landings of NICs without
 * settings of their own, which land alike when pair, network and subnet name are alike: each
 * such landing is computed once (thousands of VMs share a few networks), for every VM landed
 * against this estate.
 */
export class LandingContext {
  private readonly memo = new Map<PairInfo | undefined, Map<Network | undefined, Map<string | undefined, Memo>>>();

  /** `reads`: what records the reads of the estate (a landing shared is what was read to decide it, for each NIC that shares it). */
  constructor(readonly res: EstateResolution, private readonly reads?: SharedReads) {}

  shared(nic: Nic, pair: PairInfo | undefined, network: Network | undefined, compute: () => Shared): Shared {
    const own = nic.targetSubnet !== undefined || nic.targetIpAddress !== undefined || nic.replica !== undefined;
    if (own) return compute();
    let byNetwork = this.memo.get(pair);
    if (!byNetwork) this.memo.set(pair, (byNetwork = new Map<Network | undefined, Map<string | undefined, Memo>>()));
    let bySubnet = byNetwork.get(network);
    if (!bySubnet) byNetwork.set(network, (bySubnet = new Map<string | undefined, Memo>()));
    const subnetName = nic.subnet?.value;
    let memo = bySubnet.get(subnetName);
    if (memo) {
      if (memo.reads) this.reads?.append(memo.reads);
    } else {
      const mark = this.reads?.mark() ?? 0;
      const shared = compute();
      bySubnet.set(subnetName, (memo = { shared, reads: this.reads?.since(mark) }));
    }
    return memo.shared;
  }

  /** A subnet named in a landing-only place (targetSubnet, replica.subnet without network): TOP011 if T lacks it. */
  subnetIn(str: Str, network: Network, nic: Nic, names: VmNames): Subnet | undefined {
    const subnet = network.subnets.find((s) => s.name.value === str.value);
    if (subnet) {
      recordVmReference(this.res, { kind: 'subnet', str, target: subnet, owner: nic }, names);
      return subnet;
    }
    const suggestions = suggest(str.value, network.subnets.map((s) => s.name.value));
    names.diagnostics.push({
      code: 'TOP011',
      severity: 'error',
      message: `There is no subnet '${str.value}' in network '${network.name.value}', where the replica lands${didYouMean(suggestions)}`,
      span: str.span,
      ...(suggestions.length ? { fix: { kind: 'rename' as const, suggestions } } : {}),
    });
    recordVmReference(this.res, { kind: 'subnet', str, target: undefined, owner: nic }, names);
    return undefined;
  }
}

/** Target network availability per mapping and pair (the article's third table). */
export function availabilityTable(model: Model, res: EstateResolution): Availability[] {
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
  return availability;
}

/** Whether a landing takes a replica address in Azure (its own `targetIpAddress`, or predicted): step 6. */
export function inAzureSubnet(l: Landing): Subnet | undefined {
  return l.failover.status === 'connected' && l.failover.pair?.toAzure === true ? l.failover.subnet : undefined;
}

/** The landings' failovers before a prediction was written into them. */
const unpredicted = new WeakMap<Landing, Failover>();

/**
 * Step 6: replicas in Azure get their `targetIpAddress`, or the next free address of their
 * subnet after every `targetIpAddress` and the predictions before them in document order.
 * `landings`: those of one subnet or more, in document order; predicted again from scratch
 * (a prediction made before is replaced).
 */
export function predictAddresses(landings: readonly Landing[]): void {
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
  for (const l of landings) {
    const before = unpredicted.get(l);
    if (before) (l as { failover: Failover }).failover = before;
  }
  for (const l of landings) {
    const subnet = inAzureSubnet(l);
    if (!subnet || l.failover.ipAddress === null) continue;
    const pool = poolOf(subnet);
    const addr = parseAddress(l.failover.ipAddress);
    if (pool && addr && addr.version === pool.prefix.version) pool.taken.add(addr.value);
  }
  for (const l of landings) {
    const subnet = inAzureSubnet(l);
    if (!subnet || l.failover.ipAddress !== null) continue;
    const pool = poolOf(subnet);
    if (!pool) continue;
    const last = pool.prefix.size - 1n;
    let off = pool.cursor;
    while (off < last && pool.taken.has(pool.prefix.base + off)) off++;
    if (off >= last) continue;
    const value = pool.prefix.base + off;
    pool.taken.add(value);
    pool.cursor = off + 1n;
    // Failover objects may be shared by NICs that land alike: the prediction gets its own.
    unpredicted.set(l, l.failover);
    (l as { failover: Failover }).failover = { ...l.failover, ipAddress: formatAddress(pool.prefix.version, value), ipSource: 'predicted' };
  }
}
