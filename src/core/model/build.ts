/**
 * The model: the YAML document read entity by entity, with the spans of every value.
 *
 * Only well-typed values are taken: a name that is not a string, a list that is not a
 * list, is left out here (the schema check reports it as TOP002), so one typo never stops
 * the analysis of the rest of the file.
 */
import { Document, isAlias, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type {
  AzureNetwork, Cloud, LogicalNetwork, Model, NetworkMapping, Nic, ProtectionPair, ReplicaOverride, Site, Span, Str,
  Subnet, Vm, VmNetwork, Network,
} from '../types';

type AnyNode = Node | null | undefined;

export function emptyModel(): Model {
  return {
    sites: [], logicalNetworks: [], vmNetworks: [], azureNetworks: [], clouds: [], pairs: [], mappings: [], vms: [],
    vaultLocation: undefined,
  };
}

/**
 * The VMs read from the previous versions of one document, by their YAML node. The incremental
 * parse (incremental/incremental.ts) keeps the node of every chunk whose text didn't change, its ranges
 * shifted: such a VM is taken again (shifted the same way) instead of being read anew. `start`
 * is where the node was when its VM was read; `vm` is null for an item that gave no VM.
 */
export type VmCache = WeakMap<YAMLMap, { readonly vm: Vm | null; readonly start: number }>;

export function buildModel(doc: Document.Parsed | undefined, vmCache?: VmCache): Model {
  const model = emptyModel();
  if (!doc) return model;
  const reader = new Reader(doc);
  const root = reader.map(doc.contents);
  if (!root) return model;

  reader.items(reader.get(root, 'sites')).forEach((node, index) => {
    const m = reader.map(node);
    if (m) reader.site(m, index, model);
  });
  const azure = reader.map(reader.get(root, 'azure'));
  if (azure) {
    (model as { vaultLocation: Str | undefined }).vaultLocation = reader.str(reader.get(azure, 'vaultLocation'));
    for (const node of reader.items(reader.get(azure, 'virtualNetworks'))) {
      const m = reader.map(node);
      const name = m && reader.str(reader.get(m, 'name'));
      if (!m || !name) continue;
      const gateway = reader.scalar(reader.get(m, 'gateway'));
      const vnet: AzureNetwork = {
        kind: 'azureNetwork',
        span: reader.span(m),
        name,
        location: reader.str(reader.get(m, 'location')),
        resourceGroup: reader.str(reader.get(m, 'resourceGroup')),
        addressSpace: reader.strs(reader.get(m, 'addressSpace')),
        gateway: typeof gateway?.value === 'boolean' ? gateway.value : undefined,
        subnets: [],
      };
      reader.subnets(m, vnet);
      model.azureNetworks.push(vnet);
    }
  }
  reader.items(reader.get(root, 'protection')).forEach((node, index) => {
    const m = reader.map(node);
    if (!m) return;
    const toAzure = reader.scalar(reader.get(m, 'toAzure'));
    const pair: ProtectionPair = {
      kind: 'pair',
      index,
      span: reader.span(m),
      protected: reader.str(reader.get(m, 'protected')),
      protecting: reader.str(reader.get(m, 'protecting')),
      toAzure: toAzure?.value === true,
    };
    model.pairs.push(pair);
  });
  reader.items(reader.get(root, 'networkMappings')).forEach((node, index) => {
    const m = reader.map(node);
    if (!m) return;
    const mapping: NetworkMapping = {
      kind: 'mapping',
      index,
      span: reader.span(m),
      source: reader.str(reader.get(m, 'source')),
      target: reader.str(reader.get(m, 'target')),
    };
    model.mappings.push(mapping);
  });
  reader.items(reader.get(root, 'vms')).forEach((node, index) => {
    const m = reader.map(node);
    if (!m) return;
    const start = m.range?.[0];
    // Only an item written in place (an alias would be read from elsewhere).
    const cache = vmCache && node === m && start !== undefined ? vmCache : undefined;
    const hit = cache?.get(m);
    if (cache && hit && start !== undefined) {
      const vm = hit.vm && (start === hit.start && index === hit.vm.index ? hit.vm : movedVm(hit.vm, start - hit.start, index));
      if (vm) model.vms.push(vm);
      cache.set(m, { vm, start });
      return;
    }
    const before = model.vms.length;
    reader.vm(m, index, model);
    if (cache && start !== undefined) cache.set(m, { vm: model.vms[before] ?? null, start });
  });
  return model;
}

/**
 * One VM read from its own node (an item of `vms` parsed as a chunk: no aliases), as
 * `buildModel` reads it at `index`; undefined where `buildModel` makes no VM of the item.
 */
export function readVm(node: unknown, index: number): Vm | undefined {
  if (!isMap(node)) return undefined;
  const model = emptyModel();
  new Reader(new Document() as Document.Parsed).vm(node, index, model);
  return model.vms[0];
}

/** A VM read before, as it reads now that its text moved by `delta` and sits at `index`. */
export function movedVm(vm: Vm, delta: number, index: number): Vm {
  const span = (s: Span): Span => ({ start: s.start + delta, end: s.end + delta });
  const str = (x: Str | undefined): Str | undefined => (x ? { value: x.value, span: span(x.span) } : undefined);
  const moved: Vm = { kind: 'vm', index, span: span(vm.span), name: { value: vm.name.value, span: span(vm.name.span) }, cloud: str(vm.cloud), nics: [] };
  for (const nic of vm.nics) {
    const r = nic.replica;
    moved.nics.push({
      kind: 'nic',
      vm: moved,
      index: nic.index,
      span: span(nic.span),
      network: str(nic.network),
      subnet: str(nic.subnet),
      ipAddress: str(nic.ipAddress),
      targetSubnet: str(nic.targetSubnet),
      targetIpAddress: str(nic.targetIpAddress),
      replica: r && {
        span: span(r.span),
        network: str(r.network),
        disconnected: r.disconnected,
        networkSpan: r.networkSpan && span(r.networkSpan),
        subnet: str(r.subnet),
      },
    });
  }
  return moved;
}

/** Reads typed values out of yaml nodes, following aliases. */
class Reader {
  constructor(private readonly doc: Document.Parsed) {}

  private deref(node: unknown): AnyNode {
    if (isAlias(node)) {
      try {
        return node.resolve(this.doc) ?? null;
      } catch {
        return null;
      }
    }
    return node as AnyNode;
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.deref(node);
    return isMap(n) ? n : undefined;
  }

  get(map: YAMLMap, key: string): AnyNode {
    for (const pair of map.items) {
      const k = pair.key;
      if (isScalar(k) && k.value === key) return this.deref(pair.value);
    }
    return undefined;
  }

  items(node: AnyNode): AnyNode[] {
    const n = this.deref(node);
    return isSeq(n) ? (n.items as AnyNode[]) : [];
  }

  scalar(node: AnyNode): { value: unknown; span: Span } | undefined {
    const n = this.deref(node);
    if (!isScalar(n)) return undefined;
    return { value: n.value, span: this.span(n) };
  }

  str(node: AnyNode): Str | undefined {
    const n = this.deref(node);
    if (!isScalar(n) || typeof n.value !== 'string' || n.value === '') return undefined;
    return { value: n.value, span: this.span(n) };
  }

  strs(node: AnyNode): Str[] {
    const out: Str[] = [];
    for (const item of this.items(node)) {
      const s = this.str(item);
      if (s) out.push(s);
    }
    return out;
  }

  span(node: Node): Span {
    const r = node.range;
    if (!r) return { start: 0, end: 0 };
    return { start: r[0], end: r[1] };
  }

  site(m: YAMLMap, index: number, model: Model): void {
    const site: Site = {
      kind: 'site',
      index,
      span: this.span(m),
      name: this.str(this.get(m, 'name')),
      vmmServer: this.str(this.get(m, 'vmmServer')),
      logicalNetworks: [],
      vmNetworks: [],
      clouds: [],
    };
    model.sites.push(site);
    for (const node of this.items(this.get(m, 'logicalNetworks'))) {
      const lm = this.map(node);
      const name = lm && this.str(this.get(lm, 'name'));
      if (!lm || !name) continue;
      const ln: LogicalNetwork = { kind: 'logicalNetwork', span: this.span(lm), name, site };
      site.logicalNetworks.push(ln);
      model.logicalNetworks.push(ln);
    }
    for (const node of this.items(this.get(m, 'vmNetworks'))) {
      const nm = this.map(node);
      const name = nm && this.str(this.get(nm, 'name'));
      if (!nm || !name) continue;
      const net: VmNetwork = {
        kind: 'vmNetwork',
        span: this.span(nm),
        name,
        site,
        logicalNetwork: this.str(this.get(nm, 'logicalNetwork')),
        subnets: [],
      };
      this.subnets(nm, net);
      site.vmNetworks.push(net);
      model.vmNetworks.push(net);
    }
    for (const node of this.items(this.get(m, 'clouds'))) {
      const cm = this.map(node);
      const name = cm && this.str(this.get(cm, 'name'));
      if (!cm || !name) continue;
      const cloud: Cloud = {
        kind: 'cloud',
        span: this.span(cm),
        name,
        site,
        logicalNetworks: this.strs(this.get(cm, 'logicalNetworks')),
      };
      site.clouds.push(cloud);
      model.clouds.push(cloud);
    }
  }

  subnets(m: YAMLMap, network: Network): void {
    this.items(this.get(m, 'subnets')).forEach((node) => {
      const sm = this.map(node);
      const name = sm && this.str(this.get(sm, 'name'));
      if (!sm || !name) return;
      const subnet: Subnet = {
        kind: 'subnet',
        span: this.span(sm),
        index: network.subnets.length,
        name,
        addressPrefix: this.str(this.get(sm, 'addressPrefix')),
        network,
      };
      network.subnets.push(subnet);
    });
  }

  vm(m: YAMLMap, index: number, model: Model): void {
    const name = this.str(this.get(m, 'name'));
    if (!name) return;
    const vm: Vm = { kind: 'vm', index, span: this.span(m), name, cloud: this.str(this.get(m, 'cloud')), nics: [] };
    const nicsNode = this.get(m, 'nics');
    if (isSeq(this.deref(nicsNode))) {
      for (const node of this.items(nicsNode)) {
        const nm = this.map(node);
        if (nm) vm.nics.push(this.nic(nm, vm, vm.nics.length));
      }
    } else {
      vm.nics.push(this.nic(m, vm, 0));
    }
    model.vms.push(vm);
  }

  nic(m: YAMLMap, vm: Vm, index: number): Nic {
    return {
      kind: 'nic',
      vm,
      index,
      span: this.span(m),
      network: this.str(this.get(m, 'network')),
      subnet: this.str(this.get(m, 'subnet')),
      ipAddress: this.str(this.get(m, 'ipAddress')),
      targetSubnet: this.str(this.get(m, 'targetSubnet')),
      targetIpAddress: this.str(this.get(m, 'targetIpAddress')),
      replica: this.replica(this.get(m, 'replica')),
    };
  }

  replica(node: AnyNode): ReplicaOverride | undefined {
    const m = this.map(node);
    if (!m) return undefined;
    let disconnected = false;
    let networkSpan: Span | undefined;
    let hasNetworkKey = false;
    for (const pair of m.items) {
      if (isScalar(pair.key) && pair.key.value === 'network') {
        hasNetworkKey = true;
        const v = this.deref(pair.value);
        // `network:`, `network: null` and `network: ~` all mean: disconnected.
        if (v === null || v === undefined || (isScalar(v) && v.value === null)) {
          disconnected = true;
          networkSpan = isScalar(v) && v.range ? { start: v.range[0], end: v.range[1] } : this.span(pair.key);
        }
      }
    }
    return {
      span: this.span(m),
      network: hasNetworkKey ? this.str(this.get(m, 'network')) : undefined,
      disconnected,
      networkSpan,
      subnet: this.str(this.get(m, 'subnet')),
    };
  }
}
