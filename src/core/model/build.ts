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
 * The model of a document. `vms: false` leaves the VMs out (the estate alone: the incremental
 * analysis reads each VM from its own item, with `readVm`).
 */
export function buildModel(doc: Document.Parsed | undefined, options: { vms?: boolean } = {}): Model {
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
  if (options.vms === false) return model;
  reader.items(reader.get(root, 'vms')).forEach((node, index) => {
    const m = reader.map(node);
    if (m) reader.vm(m, index, model);
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

/**
 * The span of a node, read from its range when asked: the incremental analysis moves the
 * nodes of an item that an edit before it moved (yaml/chunks.ts), and the entities, references
 * and diagnostics read from them move with them.
 */
export function nodeSpan(node: Node): Span {
  const r = node.range;
  return r ? new NodeSpan(r) : { start: 0, end: 0 };
}

/**
 * A span that reads its node's range. One small object (its getters are the class's, not
 * closures of each span): a file has a few of them per value, and closures made the
 * garbage collector's work of a 10,000-VM file several times larger.
 */
class NodeSpan implements Span {
  constructor(private r: readonly [number, number, number]) {}
  /** Reads `other`'s node from now on (an entity kept across a new read of its text: model/keep.ts). */
  adopt(other: NodeSpan): void {
    this.r = other.r;
  }
  get start(): number {
    return this.r[0];
  }
  get end(): number {
    return this.r[1];
  }
  toJSON(): { start: number; end: number } {
    return { start: this.r[0], end: this.r[1] };
  }
}

/**
 * Whether `kept` can read `fresh`'s node from now on: both read a node's range. Then it does
 * (model/keep.ts keeps an entity across a new read of its text; its spans follow the new nodes).
 */
export function adoptSpan(kept: Span, fresh: Span): boolean {
  if (!(kept instanceof NodeSpan) || !(fresh instanceof NodeSpan)) return false;
  kept.adopt(fresh);
  return true;
}

/** Whether a span reads a node's range (one that `adoptSpan` can move to another node). */
export function isNodeSpan(span: Span): boolean {
  return span instanceof NodeSpan;
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
    return nodeSpan(node);
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
          networkSpan = isScalar(v) && v.range ? nodeSpan(v) : this.span(pair.key as Node);
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
