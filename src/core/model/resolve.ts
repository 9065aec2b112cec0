/**
 * Name resolution: the namespaces of spec §2 and what every reference points at.
 * Diagnostics: TOP010 (duplicate names), TOP011 (unknown names), TOP012 (wrong kind),
 * TOP051 (a cloud in more than one pair).
 */
import { didYouMean, suggest } from './suggest';
import type {
  Cloud, Diagnostic, Entity, LogicalNetwork, Model, NamedEntity, Network, NetworkMapping, Nic, PairInfo, ProtectionPair,
  Reference, RefKind, Site, Str, Subnet, Vm, VmNetwork,
} from '../types';
import { describeEntity, kindLabel } from '../rules';

export interface Resolution {
  /** Every reference of the file, in the order they were resolved. */
  readonly references: Reference[];
  /** Every named definition (duplicates included), for lookups by position. */
  readonly definitions: NamedEntity[];
  /** What a reference string resolved to (by the identity of its `Str`). */
  target(str: Str | undefined): NamedEntity | undefined;
  /** The references that point at an entity. */
  referencesTo(entity: NamedEntity): readonly Reference[];

  readonly sites: ReadonlyMap<string, Site>;
  readonly networks: ReadonlyMap<string, Network>;
  readonly clouds: ReadonlyMap<string, Cloud>;
  readonly vms: ReadonlyMap<string, Vm>;
  /** The logical networks visible from a site (those of every site with its VMM server). */
  logicalNetworksOf(site: Site): ReadonlyMap<string, LogicalNetwork>;

  /** A VM network's logical network. */
  logicalNetworkOf(network: VmNetwork): LogicalNetwork | undefined;
  /** A cloud's logical networks, resolved. */
  cloudLogicalNetworks(cloud: Cloud): ReadonlySet<LogicalNetwork>;
  /** The pair in which the cloud is the protected one (the first, where TOP051 flags more). */
  pairOf(cloud: Cloud): PairInfo | undefined;
  /** Every resolved pair, in file order. */
  readonly pairs: readonly PairInfo[];
  /** The mappings whose source is this network, in file order. */
  mappingsFrom(network: Network): readonly NetworkMapping[];
  /** The mappings whose target is this network, in file order. */
  mappingsTo(network: Network): readonly NetworkMapping[];

  /** Register a reference resolved by a later stage (subnets of landing targets). */
  addReference(ref: Reference): void;

  readonly diagnostics: Diagnostic[];
}

const EMPTY: readonly never[] = [];

export function resolveNames(model: Model): Resolution {
  const diagnostics: Diagnostic[] = [];
  const references: Reference[] = [];
  const definitions: NamedEntity[] = [];
  const targets = new Map<Str, NamedEntity>();
  const incoming = new Map<NamedEntity, Reference[]>();

  const addReference = (ref: Reference): void => {
    references.push(ref);
    if (ref.target) {
      targets.set(ref.str, ref.target);
      let list = incoming.get(ref.target);
      if (!list) incoming.set(ref.target, (list = []));
      list.push(ref);
    }
  };

  /** Declares a name in a namespace; a second one is TOP010 on the later name. */
  function declare<T extends NamedEntity>(ns: Map<string, T>, entity: T, where: string): void {
    definitions.push(entity);
    const name = entity.name;
    if (!name) return;
    const first = ns.get(name.value);
    if (first) {
      diagnostics.push({
        code: 'TOP010',
        severity: 'error',
        message: `${capitalize(kindLabel(entity))} '${name.value}' is defined twice ${where}; references go to the first one.`,
        span: name.span,
        related: [{ span: first.name?.span ?? first.span, message: `the first ${kindLabel(first)} '${name.value}'` }],
      });
      return;
    }
    ns.set(name.value, entity);
  }

  function unknown(kind: RefKind, str: Str, owner: Entity, candidates: Iterable<string>, scope: string): void {
    const suggestions = suggest(str.value, candidates);
    diagnostics.push({
      code: 'TOP011',
      severity: 'error',
      message: `There is no ${refKindLabel(kind)} '${str.value}'${scope}${didYouMean(suggestions)}`,
      span: str.span,
      ...(suggestions.length ? { fix: { kind: 'rename' as const, suggestions } } : {}),
    });
    addReference({ kind, str, target: undefined, owner });
  }

  // --- definitions -----------------------------------------------------------------------
  const sites = new Map<string, Site>();
  for (const site of model.sites) declare(sites, site, 'among the sites');

  // Logical networks: one namespace per VMM server (sites that share a server share it).
  const serverKey = (site: Site): string => (site.vmmServer ? `server:${site.vmmServer.value}` : `site:${site.index}`);
  const logicalByServer = new Map<string, Map<string, LogicalNetwork>>();
  const namespaceOf = (site: Site): Map<string, LogicalNetwork> => {
    const key = serverKey(site);
    let ns = logicalByServer.get(key);
    if (!ns) logicalByServer.set(key, (ns = new Map<string, LogicalNetwork>()));
    return ns;
  };
  for (const ln of model.logicalNetworks) {
    const where = ln.site.vmmServer ? `on VMM server '${ln.site.vmmServer.value}'` : `in site '${ln.site.name?.value ?? ''}'`;
    declare(namespaceOf(ln.site), ln, where);
  }

  const networks = new Map<string, Network>();
  for (const n of [...model.vmNetworks, ...model.azureNetworks].sort((a, b) => a.span.start - b.span.start)) {
    declare(networks, n, 'among the networks (VM networks and Azure virtual networks share one namespace)');
    const subnets = new Map<string, Subnet>();
    for (const s of n.subnets) declare(subnets, s, `in network '${n.name.value}'`);
  }
  const clouds = new Map<string, Cloud>();
  for (const c of model.clouds) declare(clouds, c, 'among the clouds');
  const vms = new Map<string, Vm>();
  for (const vm of model.vms) declare(vms, vm, 'among the VMs');

  // --- references ------------------------------------------------------------------------
  const vmNetworkLogical = new Map<VmNetwork, LogicalNetwork>();
  const cloudLogical = new Map<Cloud, Set<LogicalNetwork>>();

  const resolveLogical = (str: Str, site: Site, owner: Entity): LogicalNetwork | undefined => {
    const ns = namespaceOf(site);
    const ln = ns.get(str.value);
    if (!ln) {
      const scope = site.vmmServer ? ` on VMM server '${site.vmmServer.value}'` : ` in site '${site.name?.value ?? ''}'`;
      unknown('logicalNetwork', str, owner, ns.keys(), scope);
      return undefined;
    }
    addReference({ kind: 'logicalNetwork', str, target: ln, owner });
    return ln;
  };

  const resolveNetwork = (str: Str, owner: Entity): Network | undefined => {
    const n = networks.get(str.value);
    if (!n) {
      unknown('network', str, owner, networks.keys(), '');
      return undefined;
    }
    addReference({ kind: 'network', str, target: n, owner });
    return n;
  };

  const resolveCloud = (str: Str, owner: Entity): Cloud | undefined => {
    const c = clouds.get(str.value);
    if (!c) {
      unknown('cloud', str, owner, clouds.keys(), '');
      return undefined;
    }
    addReference({ kind: 'cloud', str, target: c, owner });
    return c;
  };

  for (const n of model.vmNetworks) {
    if (!n.logicalNetwork) continue;
    const ln = resolveLogical(n.logicalNetwork, n.site, n);
    if (ln) vmNetworkLogical.set(n, ln);
  }
  for (const c of model.clouds) {
    const set = new Set<LogicalNetwork>();
    for (const s of c.logicalNetworks) {
      const ln = resolveLogical(s, c.site, c);
      if (ln) set.add(ln);
    }
    cloudLogical.set(c, set);
  }

  // Protection pairs: a cloud belongs to one pair only.
  const pairs: PairInfo[] = [];
  const pairOfCloud = new Map<Cloud, PairInfo>();
  const cloudRole = new Map<Cloud, { pair: ProtectionPair; str: Str; role: string }>();
  const claim = (cloud: Cloud, pair: ProtectionPair, str: Str, role: string): void => {
    const first = cloudRole.get(cloud);
    if (first) {
      diagnostics.push({
        code: 'TOP051',
        severity: 'error',
        message:
          `Cloud '${cloud.name.value}' is already in a protection pair (as ${first.role}); a cloud belongs to one pair only, ` +
          `so this pair is ignored for it.`,
        span: str.span,
        related: [{ span: first.str.span, message: `cloud '${cloud.name.value}' as ${first.role}` }],
      });
      return;
    }
    cloudRole.set(cloud, { pair, str, role });
  };
  for (const pair of model.pairs) {
    const protectedCloud = pair.protected ? resolveCloud(pair.protected, pair) : undefined;
    const protectingCloud = pair.protecting ? resolveCloud(pair.protecting, pair) : undefined;
    if (pair.protected && pair.protecting && protectedCloud && protectedCloud === protectingCloud) {
      diagnostics.push({
        code: 'TOP012',
        severity: 'error',
        message: `Cloud '${protectedCloud.name.value}' can't protect itself: the protecting cloud must be another cloud, usually at another site.`,
        span: pair.protecting.span,
      });
      continue;
    }
    let firstPairFor: Cloud | undefined;
    if (protectedCloud && pair.protected) {
      const before = cloudRole.get(protectedCloud);
      claim(protectedCloud, pair, pair.protected, 'protected cloud');
      if (!before) firstPairFor = protectedCloud;
    }
    if (protectingCloud && pair.protecting) claim(protectingCloud, pair, pair.protecting, 'protecting cloud');
    if (protectedCloud && (pair.toAzure || pair.protecting)) {
      const info: PairInfo = {
        pair,
        protectedCloud,
        protectingCloud: pair.toAzure ? undefined : protectingCloud,
        toAzure: pair.toAzure && !pair.protecting,
      };
      pairs.push(info);
      if (firstPairFor) pairOfCloud.set(firstPairFor, info);
    }
  }

  // Network mappings.
  const mappingsFrom = new Map<Network, NetworkMapping[]>();
  const mappingsTo = new Map<Network, NetworkMapping[]>();
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const mapping of model.mappings) {
    const source = mapping.source ? resolveNetwork(mapping.source, mapping) : undefined;
    const target = mapping.target ? resolveNetwork(mapping.target, mapping) : undefined;
    if (source && mapping.source && source.kind === 'azureNetwork') {
      diagnostics.push({
        code: 'TOP012',
        severity: 'error',
        message:
          `A mapping's source must be a VM network of a VMM site; '${source.name.value}' is an Azure virtual network, ` +
          `so this mapping moves no replica.`,
        span: mapping.source.span,
        related: [{ span: source.name.span, message: describeEntity(source) }],
      });
      continue;
    }
    if (source && target && mapping.target && source === target) {
      diagnostics.push({
        code: 'TOP012',
        severity: 'error',
        message: `Network '${source.name.value}' is mapped to itself; a mapping's target is a network at the recovery site or in Azure.`,
        span: mapping.target.span,
      });
      continue;
    }
    if (source) push(mappingsFrom, source, mapping);
    if (target) push(mappingsTo, target, mapping);
  }

  // VMs and NICs.
  for (const vm of model.vms) {
    if (vm.cloud) resolveCloud(vm.cloud, vm);
    for (const nic of vm.nics) resolveNic(nic);
  }

  function resolveNic(nic: Nic): void {
    const network = nic.network ? resolveNetwork(nic.network, nic) : undefined;
    if (network && nic.network && network.kind === 'azureNetwork') {
      diagnostics.push({
        code: 'TOP012',
        severity: 'error',
        message:
          `VM '${nic.vm.name.value}' can't be on '${network.name.value}': it is an Azure virtual network, and the VMs of ` +
          `this file run on VM networks of VMM sites.`,
        span: nic.network.span,
        related: [{ span: network.name.span, message: describeEntity(network) }],
      });
    }
    if (network && nic.subnet) resolveSubnet(nic.subnet, network, nic);
    const replica = nic.replica;
    if (replica?.network) {
      const r = resolveNetwork(replica.network, nic);
      if (r && replica.subnet) resolveSubnet(replica.subnet, r, nic);
    }
  }

  function resolveSubnet(str: Str, network: Network, owner: Entity): Subnet | undefined {
    const subnet = network.subnets.find((s) => s.name.value === str.value);
    if (!subnet) {
      unknown('subnet', str, owner, network.subnets.map((s) => s.name.value), ` in network '${network.name.value}'`);
      return undefined;
    }
    addReference({ kind: 'subnet', str, target: subnet, owner });
    return subnet;
  }

  return {
    references,
    definitions,
    target: (str) => (str ? targets.get(str) : undefined),
    referencesTo: (entity) => incoming.get(entity) ?? EMPTY,
    sites,
    networks,
    clouds,
    vms,
    logicalNetworksOf: (site) => namespaceOf(site),
    logicalNetworkOf: (n) => vmNetworkLogical.get(n),
    cloudLogicalNetworks: (c) => cloudLogical.get(c) ?? new Set(),
    pairOf: (c) => pairOfCloud.get(c),
    pairs,
    mappingsFrom: (n) => mappingsFrom.get(n) ?? EMPTY,
    mappingsTo: (n) => mappingsTo.get(n) ?? EMPTY,
    addReference,
    diagnostics,
  };
}

function refKindLabel(kind: RefKind): string {
  switch (kind) {
    case 'logicalNetwork': return 'logical network';
    case 'network': return 'network';
    case 'subnet': return 'subnet';
    case 'cloud': return 'cloud';
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
