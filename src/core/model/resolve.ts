/**
 * Name resolution: the namespaces of spec §2 and what every reference points at.
 * Diagnostics: TOP010 (duplicate names), TOP011 (unknown names), TOP012 (wrong kind),
 * TOP051 (a cloud in more than one pair).
 */
import { didYouMean, suggest } from './suggest';
import type {
  Cloud, Diagnostic, Entity, LogicalNetwork, Model, NamedEntity, Network, NetworkMapping, Nic, PairInfo, ProtectionPair,
  Reference, RefKind, Site, Span, Str, Subnet, Vm, VmNetwork,
} from '../types';
import { describeEntity, kindLabel } from '../wording';

/**
 * The names of the estate (everything but the VMs) resolved: what each VM is resolved against.
 * `target` also answers for the references of the VMs resolved against it (`resolveVm`).
 */
export interface EstateResolution {
  /** The estate's references, in the order they were resolved. */
  readonly references: readonly Reference[];
  /** The estate's named definitions (duplicates included). */
  readonly definitions: readonly NamedEntity[];
  /** What a reference string resolved to (by the identity of its `Str`). */
  target(str: Str | undefined): NamedEntity | undefined;

  readonly sites: ReadonlyMap<string, Site>;
  readonly networks: ReadonlyMap<string, Network>;
  readonly clouds: ReadonlyMap<string, Cloud>;
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

  /** TOP010, TOP011, TOP012 and TOP051 of the estate. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Every name of the file resolved: the estate's and the VMs'. */
export interface Resolution extends EstateResolution {
  /** Every reference of the file: the estate's, then each VM's, in file order. */
  readonly references: readonly Reference[];
  /** Every named definition (duplicates included), for lookups by position. */
  readonly definitions: readonly NamedEntity[];
  /** The references that point at an entity. */
  referencesTo(entity: NamedEntity): readonly Reference[];
  /** The VMs by name (the first of each name). */
  readonly vms: ReadonlyMap<string, Vm>;
}

/** A VM's references, resolved against the estate, and what is wrong with them (TOP011, TOP012). */
export interface VmNames {
  readonly references: Reference[];
  readonly diagnostics: Diagnostic[];
}

const EMPTY: readonly never[] = [];

/**
 * The estate's names resolved, in the spec's order: the namespaces first (each name declared,
 * TOP010 for a second one), then what each reference points at. The VMs are resolved against
 * it one by one (`resolveVm`); their names' namespace is a rule over the VMs that share a name
 * (rules/names.ts).
 */
export function resolveEstate(model: Model, previous?: EstateResolution): EstateResolution {
  const r = new Resolver(previous);
  r.declareNames(model);
  r.resolveLogicalNetworks(model);
  r.resolvePairs(model);
  r.resolveMappings(model);
  return r.resolution();
}

/**
 * The references of the VMs resolved against an estate, by their `Str`. An estate resolved
 * after another (`resolveEstate`'s `previous`: the incremental analysis) shares its map: a VM
 * kept across an edit of the estate keeps its targets, one analysed again writes its own.
 */
const vmTargets = new WeakMap<EstateResolution, WeakMap<Str, NamedEntity>>();

/** Records a VM's reference as resolved against `estate` (its `target` answers for it from now on). */
export function recordVmReference(estate: EstateResolution, ref: Reference, names: VmNames): void {
  names.references.push(ref);
  const targets = vmTargets.get(estate);
  if (ref.target) targets?.set(ref.str, ref.target);
  else targets?.delete(ref.str);
}

/** `view` answers `target` for the VMs' references as `estate` does (a view of `estate` that records what is read of it). */
export function shareVmTargets(estate: EstateResolution, view: EstateResolution): void {
  const targets = vmTargets.get(estate);
  if (targets) vmTargets.set(view, targets);
}

/** A VM's references forgotten by `estate` (it is analysed again: what it resolves now may be less). */
export function forgetVmReferences(estate: EstateResolution, names: VmNames): void {
  const targets = vmTargets.get(estate);
  if (targets) for (const ref of names.references) targets.delete(ref.str);
}

/**
 * A holder of names that wants to know when a VM read all of them (did-you-mean reads every
 * name; its answers are kept per holder, so a second VM with the same misspelt name reads
 * nothing): incremental/estateReads.ts records what each VM read of the estate.
 */
export interface WholeReads {
  readWhole(): void;
}

/** A VM's cloud, and each NIC's network, subnet and replica setting (a NIC is never on an Azure network: TOP012). */
export function resolveVm(estate: EstateResolution, vm: Vm): VmNames {
  const names: VmNames = { references: [], diagnostics: [] };
  const r = new VmResolver(estate, names);
  if (vm.cloud) r.cloud(vm.cloud, vm);
  for (const nic of vm.nics) r.nic(nic);
  return names;
}

class VmResolver {
  constructor(private readonly estate: EstateResolution, private readonly names: VmNames) {}

  nic(nic: Nic): void {
    const network = nic.network ? this.network(nic.network, nic) : undefined;
    if (network && nic.network && network.kind === 'azureNetwork') {
      this.names.diagnostics.push({
        code: 'TOP012',
        severity: 'error',
        message:
          `VM '${nic.vm.name.value}' can't be on '${network.name.value}': it is an Azure virtual network, and the VMs of ` +
          `this file run on VM networks of VMM sites.`,
        span: nic.network.span,
        related: [{ span: network.name.span, message: describeEntity(network) }],
      });
    }
    if (network && nic.subnet) this.subnet(nic.subnet, network, nic);
    const replica = nic.replica;
    if (replica?.network) {
      const r = this.network(replica.network, nic);
      if (r && replica.subnet) this.subnet(replica.subnet, r, nic);
    }
  }

  /** `names`: the estate's object that holds the candidates (its suggestions are kept with it: many VMs share a misspelt name). */
  private add(kind: RefKind, str: Str, target: NamedEntity | undefined, owner: Entity, names: object, candidates: () => Iterable<string>, scope: string): void {
    if (!target) {
      this.names.diagnostics.push(unknownNameWith(kind, str, suggestionsAmong(names, str.value, candidates), scope));
      (names as Partial<WholeReads>).readWhole?.();
    }
    recordVmReference(this.estate, { kind, str, target, owner }, this.names);
  }

  cloud(str: Str, owner: Entity): void {
    const clouds = this.estate.clouds;
    this.add('cloud', str, clouds.get(str.value), owner, clouds, () => clouds.keys(), '');
  }

  private network(str: Str, owner: Entity): Network | undefined {
    const networks = this.estate.networks;
    const n = networks.get(str.value);
    this.add('network', str, n, owner, networks, () => networks.keys(), '');
    return n;
  }

  private subnet(str: Str, network: Network, owner: Entity): void {
    const subnet = network.subnets.find((s) => s.name.value === str.value);
    this.add('subnet', str, subnet, owner, network, () => network.subnets.map((s) => s.name.value), ` in network '${network.name.value}'`);
  }
}

/** Did-you-mean suggestions, by the estate object holding the candidates, then by the name written. */
const suggestionCache = new WeakMap<object, Map<string, readonly string[]>>();

function suggestionsAmong(names: object, name: string, candidates: () => Iterable<string>): readonly string[] {
  let byName = suggestionCache.get(names);
  if (!byName) suggestionCache.set(names, (byName = new Map<string, readonly string[]>()));
  let found = byName.get(name);
  if (!found) byName.set(name, (found = suggest(name, candidates())));
  return found;
}

/** TOP011: a reference to nothing, with did-you-mean. */
export function unknownName(kind: RefKind, str: Str, candidates: Iterable<string>, scope: string): Diagnostic {
  return unknownNameWith(kind, str, suggest(str.value, candidates), scope);
}

/** TOP011 with its did-you-mean found already. */
function unknownNameWith(kind: RefKind, str: Str, suggestions: readonly string[], scope: string): Diagnostic {
  return {
    code: 'TOP011',
    severity: 'error',
    message: `There is no ${refKindLabel(kind)} '${str.value}'${scope}${didYouMean(suggestions)}`,
    span: str.span,
    ...(suggestions.length ? { fix: { kind: 'rename' as const, suggestions: [...suggestions] } } : {}),
  };
}

class Resolver {
  /**
   * The pairs of the estate resolved before this one, by their entry: a pair that resolves to the
   * same clouds is the same `PairInfo` (with the entities model/keep.ts kept, what a VM decided
   * from it can be kept).
   */
  private readonly previousPairs = new Map<ProtectionPair, PairInfo>();

  /** The VMs' references resolved against the estate before (shared: see `vmTargets`). */
  private readonly vmTargets: WeakMap<Str, NamedEntity>;

  constructor(previous: EstateResolution | undefined) {
    for (const p of previous?.pairs ?? []) this.previousPairs.set(p.pair, p);
    this.vmTargets = (previous && vmTargets.get(previous)) ?? new WeakMap<Str, NamedEntity>();
  }

  readonly diagnostics: Diagnostic[] = [];
  private readonly references: Reference[] = [];
  private readonly definitions: NamedEntity[] = [];
  private readonly targets = new Map<Str, NamedEntity>();

  private readonly sites = new Map<string, Site>();
  /** Logical networks: one namespace per VMM server (sites that share a server share it). */
  private readonly logicalByServer = new Map<string, Map<string, LogicalNetwork>>();
  private readonly networks = new Map<string, Network>();
  private readonly clouds = new Map<string, Cloud>();

  private readonly vmNetworkLogical = new Map<VmNetwork, LogicalNetwork>();
  private readonly cloudLogical = new Map<Cloud, Set<LogicalNetwork>>();
  private readonly pairs: PairInfo[] = [];
  private readonly pairOfCloud = new Map<Cloud, PairInfo>();
  private readonly cloudRole = new Map<Cloud, { pair: ProtectionPair; str: Str; role: string }>();
  private readonly mappingsFrom = new Map<Network, NetworkMapping[]>();
  private readonly mappingsTo = new Map<Network, NetworkMapping[]>();

  // --- the steps ---------------------------------------------------------------------------

  /** The namespaces of spec §2: sites, logical networks per VMM server, networks and their subnets, clouds, VMs. */
  declareNames(model: Model): void {
    for (const site of model.sites) this.declare(this.sites, site, 'among the sites');
    for (const ln of model.logicalNetworks) {
      const where = ln.site.vmmServer ? `on VMM server '${ln.site.vmmServer.value}'` : `in site '${ln.site.name?.value ?? ''}'`;
      this.declare(this.namespaceOf(ln.site), ln, where);
    }
    for (const n of [...model.vmNetworks, ...model.azureNetworks].sort((a, b) => a.span.start - b.span.start)) {
      this.declare(this.networks, n, 'among the networks (VM networks and Azure virtual networks share one namespace)');
      const subnets = new Map<string, Subnet>();
      for (const s of n.subnets) this.declare(subnets, s, `in network '${n.name.value}'`);
    }
    for (const c of model.clouds) this.declare(this.clouds, c, 'among the clouds');
  }

  /** The logical network of each VM network, and the logical networks each cloud can use. */
  resolveLogicalNetworks(model: Model): void {
    for (const n of model.vmNetworks) {
      if (!n.logicalNetwork) continue;
      const ln = this.logicalNetwork(n.logicalNetwork, n.site, n);
      if (ln) this.vmNetworkLogical.set(n, ln);
    }
    for (const c of model.clouds) {
      const set = new Set<LogicalNetwork>();
      for (const s of c.logicalNetworks) {
        const ln = this.logicalNetwork(s, c.site, c);
        if (ln) set.add(ln);
      }
      this.cloudLogical.set(c, set);
    }
  }

  /**
   * Which pair protects each cloud: a cloud belongs to one pair only (TOP051 on a second
   * claim), and never protects itself (TOP012).
   */
  resolvePairs(model: Model): void {
    for (const pair of model.pairs) {
      const protectedCloud = pair.protected ? this.cloud(pair.protected, pair) : undefined;
      const protectingCloud = pair.protecting ? this.cloud(pair.protecting, pair) : undefined;
      if (pair.protected && pair.protecting && protectedCloud && protectedCloud === protectingCloud) {
        this.wrongKind(pair.protecting.span, `Cloud '${protectedCloud.name.value}' can't protect itself: the protecting cloud must be another cloud, usually at another site.`);
        continue;
      }
      let firstPairFor: Cloud | undefined;
      if (protectedCloud && pair.protected) {
        const before = this.cloudRole.get(protectedCloud);
        this.claim(protectedCloud, pair, pair.protected, 'protected cloud');
        if (!before) firstPairFor = protectedCloud;
      }
      if (protectingCloud && pair.protecting) this.claim(protectingCloud, pair, pair.protecting, 'protecting cloud');
      if (protectedCloud && (pair.toAzure || pair.protecting)) {
        const fresh: PairInfo = {
          pair,
          protectedCloud,
          protectingCloud: pair.toAzure ? undefined : protectingCloud,
          toAzure: pair.toAzure && !pair.protecting,
        };
        const before = this.previousPairs.get(pair);
        const info = before && before.protectedCloud === fresh.protectedCloud && before.protectingCloud === fresh.protectingCloud
          && before.toAzure === fresh.toAzure ? before : fresh;
        this.pairs.push(info);
        if (firstPairFor) this.pairOfCloud.set(firstPairFor, info);
      }
    }
  }

  /** The mappings from and to each network; a mapping from an Azure network or to itself moves nothing (TOP012). */
  resolveMappings(model: Model): void {
    for (const mapping of model.mappings) {
      const source = mapping.source ? this.network(mapping.source, mapping) : undefined;
      const target = mapping.target ? this.network(mapping.target, mapping) : undefined;
      if (source && mapping.source && source.kind === 'azureNetwork') {
        this.wrongKind(
          mapping.source.span,
          `A mapping's source must be a VM network of a VMM site; '${source.name.value}' is an Azure virtual network, ` +
            `so this mapping moves no replica.`,
          { span: source.name.span, message: describeEntity(source) },
        );
        continue;
      }
      if (source && target && mapping.target && source === target) {
        this.wrongKind(mapping.target.span, `Network '${source.name.value}' is mapped to itself; a mapping's target is a network at the recovery site or in Azure.`);
        continue;
      }
      if (source) pushTo(this.mappingsFrom, source, mapping);
      if (target) pushTo(this.mappingsTo, target, mapping);
    }
  }

  /** What the later stages read. */
  resolution(): EstateResolution {
    const { targets, vmNetworkLogical, cloudLogical, pairOfCloud, mappingsFrom, mappingsTo } = this;
    const vms = this.vmTargets;
    const res: EstateResolution = {
      references: this.references,
      definitions: this.definitions,
      target: (str) => (str ? targets.get(str) ?? vms.get(str) : undefined),
      sites: this.sites,
      networks: this.networks,
      clouds: this.clouds,
      logicalNetworksOf: (site) => this.namespaceOf(site),
      logicalNetworkOf: (n) => vmNetworkLogical.get(n),
      cloudLogicalNetworks: (c) => cloudLogical.get(c) ?? new Set(),
      pairOf: (c) => pairOfCloud.get(c),
      pairs: this.pairs,
      mappingsFrom: (n) => mappingsFrom.get(n) ?? EMPTY,
      mappingsTo: (n) => mappingsTo.get(n) ?? EMPTY,
      diagnostics: this.diagnostics,
    };
    vmTargets.set(res, vms);
    return res;
  }

  // --- names and references ----------------------------------------------------------------

  private addReference(ref: Reference): void {
    this.references.push(ref);
    if (ref.target) this.targets.set(ref.str, ref.target);
  }

  /** Declares a name in a namespace; a second one is TOP010 on the later name. */
  private declare<T extends NamedEntity>(ns: Map<string, T>, entity: T, where: string): void {
    this.definitions.push(entity);
    const name = entity.name;
    if (!name) return;
    const first = ns.get(name.value);
    if (first) {
      this.diagnostics.push({
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

  /** A reference to nothing: TOP011, with did-you-mean. */
  private unknown(kind: RefKind, str: Str, owner: Entity, candidates: Iterable<string>, scope: string): void {
    this.diagnostics.push(unknownName(kind, str, candidates, scope));
    this.addReference({ kind, str, target: undefined, owner });
  }

  /** The logical networks a site sees: those of its VMM server (or its own, without one). */
  private namespaceOf(site: Site): Map<string, LogicalNetwork> {
    const key = site.vmmServer ? `server:${site.vmmServer.value}` : `site:${site.index}`;
    let ns = this.logicalByServer.get(key);
    if (!ns) this.logicalByServer.set(key, (ns = new Map<string, LogicalNetwork>()));
    return ns;
  }

  private logicalNetwork(str: Str, site: Site, owner: Entity): LogicalNetwork | undefined {
    const ns = this.namespaceOf(site);
    const ln = ns.get(str.value);
    if (!ln) {
      const scope = site.vmmServer ? ` on VMM server '${site.vmmServer.value}'` : ` in site '${site.name?.value ?? ''}'`;
      this.unknown('logicalNetwork', str, owner, ns.keys(), scope);
      return undefined;
    }
    this.addReference({ kind: 'logicalNetwork', str, target: ln, owner });
    return ln;
  }

  private network(str: Str, owner: Entity): Network | undefined {
    const n = this.networks.get(str.value);
    if (!n) {
      this.unknown('network', str, owner, this.networks.keys(), '');
      return undefined;
    }
    this.addReference({ kind: 'network', str, target: n, owner });
    return n;
  }

  private cloud(str: Str, owner: Entity): Cloud | undefined {
    const c = this.clouds.get(str.value);
    if (!c) {
      this.unknown('cloud', str, owner, this.clouds.keys(), '');
      return undefined;
    }
    this.addReference({ kind: 'cloud', str, target: c, owner });
    return c;
  }

  private subnet(str: Str, network: Network, owner: Entity): Subnet | undefined {
    const subnet = network.subnets.find((s) => s.name.value === str.value);
    if (!subnet) {
      this.unknown('subnet', str, owner, network.subnets.map((s) => s.name.value), ` in network '${network.name.value}'`);
      return undefined;
    }
    this.addReference({ kind: 'subnet', str, target: subnet, owner });
    return subnet;
  }

  /** TOP012: a reference to the wrong kind of thing (an Azure network as a source, a cloud protecting itself...). */
  private wrongKind(span: Span, message: string, related?: { span: Span; message: string }): void {
    this.diagnostics.push({ code: 'TOP012', severity: 'error', message, span, ...(related ? { related: [related] } : {}) });
  }

  /** A cloud claimed by a pair: TOP051 when another pair claimed it first. */
  private claim(cloud: Cloud, pair: ProtectionPair, str: Str, role: string): void {
    const first = this.cloudRole.get(cloud);
    if (first) {
      this.diagnostics.push({
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
    this.cloudRole.set(cloud, { pair, str, role });
  }
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
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
