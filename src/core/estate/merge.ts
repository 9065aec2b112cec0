/**
 * `importEstate`: VMM's exports, the vault's and Azure's virtual networks merged into one
 * topology file. VMM is the source for sites, logical networks, VM networks, subnets, clouds
 * and VMs; the vault for protection pairs, network mappings and each NIC's target settings
 * (targetSubnet, targetIpAddress); Azure's exports for the virtual networks. Names are joined
 * as written. What no input says is left out, with a `# TODO` where it belongs; a name that
 * joins nothing is kept, with a comment. Choices: docs/estate.md.
 */
import { EstateInputError, readJson, type EstateInput } from './input';
import { readVault, type VaultFacts, type VaultItem } from './vault';
import { readVmm, type VmmEstate, type VmmNic } from './vmm';
import { readVnets, type AzureVnetFact } from './vnets';
import { YamlWriter, scalar } from './yamlText';

export interface ImportOptions {
  /** The Recovery Services vault's region (azure.vaultLocation). */
  readonly vaultLocation?: string;
}

export interface ImportSummary {
  readonly sites: number;
  readonly clouds: number;
  readonly vms: number;
  readonly mappings: number;
  /** How many `# TODO` comments the file has: what the user must still write by hand. */
  readonly todos: number;
}

export interface ImportResult {
  readonly text: string;
  readonly summary: ImportSummary;
}

interface Subnet { name: string; prefix: string | undefined }
interface VmNet { name: string; logicalNetwork: string | undefined; subnets: Subnet[]; fromVault: boolean }
interface CloudPlan { name: string; logicalNetworks: string[]; fromVault: boolean }
interface SitePlan { server: string; logicalNetworks: string[]; vmNetworks: VmNet[]; clouds: CloudPlan[]; fromVault: boolean; duplicates: number }
interface NicPlan { network: string; subnet: string | undefined; ip: string | undefined; targetSubnet: string | undefined; targetIp: string | undefined }
interface VmPlan { name: string; cloud: string; nics: NicPlan[]; fromVault: boolean }

/** The inputs read and checked, by kind (each file's errors name it). */
export interface ReadEstate {
  readonly vmm: VmmEstate[];
  readonly vault: VaultFacts | undefined;
  readonly vnets: AzureVnetFact[];
}

export function readEstate(inputs: readonly EstateInput[]): ReadEstate {
  const vmm: VmmEstate[] = [];
  const vaultInputs: { input: EstateInput; value: unknown }[] = [];
  const vnets: AzureVnetFact[] = [];
  for (const input of inputs) {
    const value = readJson(input);
    if (input.kind === 'vmm') vmm.push(readVmm(input, value));
    else if (input.kind === 'asr') vaultInputs.push({ input, value });
    else vnets.push(...readVnets(input, value));
  }
  return { vmm, vault: vaultInputs.length ? readVault(vaultInputs) : undefined, vnets };
}

function pushUnique<T extends { name: string }>(xs: T[], x: T): boolean {
  if (xs.some((y) => y.name === x.name)) return false;
  xs.push(x);
  return true;
}

/** Sites from the VMM exports (one per VMM server), then from the vault's fabrics for servers no export covers. */
function sitesOf(read: ReadEstate): SitePlan[] {
  const sites: SitePlan[] = [];
  const siteFor = (server: string, fromVault: boolean): SitePlan => {
    let s = sites.find((x) => x.server === server);
    if (!s) {
      s = { server, logicalNetworks: [], vmNetworks: [], clouds: [], fromVault, duplicates: 0 };
      sites.push(s);
    }
    return s;
  };
  for (const e of read.vmm) {
    const s = siteFor(e.server, false);
    for (const ln of e.logicalNetworks) if (!s.logicalNetworks.includes(ln)) s.logicalNetworks.push(ln);
    for (const n of e.vmNetworks) if (!pushUnique(s.vmNetworks, { ...n, subnets: dedupeByName(n.subnets), fromVault: false })) s.duplicates++;
    for (const c of e.clouds) if (!pushUnique(s.clouds, { ...c, fromVault: false })) s.duplicates++;
  }
  const vault = read.vault;
  if (!vault) return sites;
  const exported = new Set(read.vmm.map((e) => e.server));
  const known = (name: string, what: 'vmNetworks' | 'clouds'): boolean => sites.some((s) => s[what].some((x) => x.name === name));
  // The vault names VMM servers as fabrics: what it says of a server without an export.
  const fromVault = (fabric: string | undefined, add: (s: SitePlan) => void): void => {
    if (!fabric || exported.has(fabric)) return;
    add(siteFor(fabric, true));
  };
  for (const m of vault.mappings) {
    if (!known(m.source, 'vmNetworks')) fromVault(m.sourceFabric, (s) => pushUnique(s.vmNetworks, { name: m.source, logicalNetwork: undefined, subnets: [], fromVault: true }));
    if (!m.toAzure && !known(m.target, 'vmNetworks')) fromVault(m.targetFabric, (s) => pushUnique(s.vmNetworks, { name: m.target, logicalNetwork: undefined, subnets: [], fromVault: true }));
  }
  for (const p of vault.pairs) {
    if (!known(p.protected, 'clouds')) fromVault(p.sourceFabric, (s) => pushUnique(s.clouds, { name: p.protected, logicalNetworks: [], fromVault: true }));
    if (p.protecting && !known(p.protecting, 'clouds')) fromVault(p.targetFabric, (s) => pushUnique(s.clouds, { name: p.protecting ?? '', logicalNetworks: [], fromVault: true }));
  }
  return sites;
}

function dedupeByName<T extends { name: string }>(xs: readonly T[]): T[] {
  const out: T[] = [];
  for (const x of xs) pushUnique(out, x);
  return out;
}

/** The vault's NIC for each of a VM's NICs: same network first, else the same position. */
function joinNics(nics: readonly VmmNic[], item: VaultItem | undefined): (VaultItem['nics'][number] | undefined)[] {
  if (!item) return nics.map(() => undefined);
  const free = [...item.nics];
  const take = (pred: (n: VaultItem['nics'][number]) => boolean): VaultItem['nics'][number] | undefined => {
    const i = free.findIndex(pred);
    return i < 0 ? undefined : free.splice(i, 1)[0];
  };
  const byNetwork = nics.map((n) => (n.network ? take((v) => v.network === n.network) : undefined));
  return byNetwork.map((v, i) => v ?? take((x) => x.index === i));
}

function vmsOf(read: ReadEstate, clouds: ReadonlySet<string>): { vms: VmPlan[]; skipped: number } {
  const items = new Map((read.vault?.items ?? []).map((i) => [i.vm, i]));
  const vms: VmPlan[] = [];
  let skipped = 0;
  const names = new Set<string>();
  for (const e of read.vmm) {
    for (const vm of e.vms) {
      const usable = vm.nics.filter((n) => n.network !== undefined);
      // ASR protects VMs of clouds, on VM networks: a VM outside a cloud, or with no
      // connected NIC, has nothing to plan (docs/estate.md).
      if (!vm.cloud || usable.length === 0 || names.has(vm.name)) {
        skipped++;
        continue;
      }
      names.add(vm.name);
      const item = items.get(vm.name);
      const joined = joinNics(usable, item);
      const nics = usable.map((n, i): NicPlan => {
        const v = item?.toAzure ? joined[i] : undefined;
        return { network: n.network ?? '', subnet: n.subnet, ip: n.ip, targetSubnet: v?.recoverySubnet, targetIp: v?.recoveryIp };
      });
      vms.push({ name: vm.name, cloud: vm.cloud, nics, fromVault: false });
    }
  }
  // Protected items that no VMM export lists: taken from the vault, marked.
  for (const item of read.vault?.items ?? []) {
    if (names.has(item.vm) || !item.cloud || (read.vmm.length > 0 && !clouds.has(item.cloud))) continue;
    const nics = item.nics.filter((n) => n.network).map((n): NicPlan => ({
      network: n.network ?? '', subnet: n.subnet, ip: undefined,
      targetSubnet: item.toAzure ? n.recoverySubnet : undefined, targetIp: item.toAzure ? n.recoveryIp : undefined,
    }));
    if (nics.length === 0) continue;
    names.add(item.vm);
    vms.push({ name: item.vm, cloud: item.cloud, nics, fromVault: true });
  }
  return { vms, skipped };
}

/**
 * The subnets of each Azure target the vault's replica settings name (targetSubnet of NICs
 * whose VM network is mapped to it), in order of first mention, one per name regardless of
 * case (as the landing compares them).
 */
function subnetsNamedByVault(vms: readonly VmPlan[], mappings: readonly { source: string; target: string; toAzure: boolean }[]): Map<string, string[]> {
  const targetOf = new Map<string, string>();
  for (const m of mappings) if (m.toAzure && !targetOf.has(m.source)) targetOf.set(m.source, m.target);
  const named = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const vm of vms) {
    for (const n of vm.nics) {
      const target = targetOf.get(n.network);
      if (!target || !n.targetSubnet) continue;
      const key = `${target}\u0000${n.targetSubnet.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = named.get(target) ?? [];
      list.push(n.targetSubnet);
      named.set(target, list);
    }
  }
  return named;
}

export function importEstate(inputs: readonly EstateInput[], options: ImportOptions = {}): ImportResult {
  if (inputs.length === 0) throw new EstateInputError('(no input)', 'nothing to import: give at least one --vmm, --asr or --vnets file');
  return writePlan(readEstate(inputs), options);
}

export function writePlan(read: ReadEstate, options: ImportOptions): ImportResult {
  const sites = sitesOf(read);
  const vault = read.vault;
  const w = new YamlWriter();
  let todos = 0;
  const todo = (depth: number, words: string): void => {
    todos++;
    w.comment(depth, `TODO: ${words}`);
  };
  const counts = [`${read.vmm.length} VMM export(s)`, `${vault?.files.length ?? 0} vault export(s)`, `${read.vnets.length} Azure virtual network(s)`];
  w.comment(0, `Imported by 'asr-topology import' from ${counts.join(', ')}.`);
  w.comment(0, "Check it with 'asr-topology check' (or in VS Code); every TODO below is yours to write.");
  w.line(0, 'version: 1');
  const networkNames = new Set<string>();
  const cloudNames = new Set<string>();
  for (const s of sites) {
    for (const n of s.vmNetworks) networkNames.add(n.name);
    for (const c of s.clouds) cloudNames.add(c.name);
  }
  if (sites.length === 0) {
    todo(0, 'sites: no VMM export and no VMM server in the vault exports (give --vmm).');
    w.line(0, 'sites: []');
  } else {
    w.line(0, 'sites:');
  }
  for (const s of sites) {
    w.line(1, `- name: ${scalar(s.server)}`, s.fromVault ? 'from the vault: no VMM export of this server' : undefined);
    w.line(2, `vmmServer: ${scalar(s.server)}`);
    if (s.duplicates > 0) w.comment(2, `${s.duplicates} duplicate name(s) in the VMM exports: the first of each is kept.`);
    if (s.logicalNetworks.length) {
      w.line(2, 'logicalNetworks:');
      for (const ln of s.logicalNetworks) w.line(3, `- name: ${scalar(ln)}`);
    } else if (s.fromVault) {
      todo(2, 'logicalNetworks: the vault does not list logical networks (give this server\'s VMM export).');
    }
    if (s.vmNetworks.length) w.line(2, 'vmNetworks:');
    for (const n of s.vmNetworks) {
      w.line(3, `- name: ${scalar(n.name)}`);
      if (n.logicalNetwork) w.line(4, `logicalNetwork: ${scalar(n.logicalNetwork)}`);
      else todo(4, 'logicalNetwork: not in the exports.');
      if (n.subnets.length) {
        w.line(4, 'subnets:');
        for (const sn of n.subnets) {
          w.line(5, `- name: ${scalar(sn.name)}`);
          if (sn.prefix) w.line(6, `addressPrefix: ${scalar(sn.prefix)}`);
        }
      }
    }
    if (s.clouds.length) w.line(2, 'clouds:');
    for (const c of s.clouds) {
      w.line(3, `- name: ${scalar(c.name)}`);
      if (c.logicalNetworks.length) w.line(4, `logicalNetworks: [${c.logicalNetworks.map(scalar).join(', ')}]`);
      else todo(4, 'logicalNetworks: the cloud\'s logical networks are not in the exports (Get-SCLogicalNetwork -Cloud).');
    }
  }
  // Azure: the virtual networks exported, and the mapping targets not among them.
  const vnets = [...read.vnets];
  for (const m of vault?.mappings ?? []) {
    if (m.toAzure && !vnets.some((v) => v.name === m.target)) {
      vnets.push({ name: m.target, id: m.targetId, location: undefined, resourceGroup: m.targetId ? /\/resourceGroups\/([^/]+)/i.exec(m.targetId)?.[1] : undefined, addressSpace: [], subnets: [] });
    }
  }
  const exportedVnets = new Set(read.vnets.map((v) => v.name));
  const { vms, skipped } = vmsOf(read, cloudNames);
  const vaultSubnets = subnetsNamedByVault(vms, vault?.mappings ?? []);
  if (vnets.length || options.vaultLocation) {
    w.line(0, 'azure:');
    if (options.vaultLocation) w.line(1, `vaultLocation: ${scalar(options.vaultLocation)}`);
    else todo(1, 'vaultLocation: the Recovery Services vault\'s region (asr-topology import --vault-location).');
    if (vnets.length) w.line(1, 'virtualNetworks:');
    for (const v of vnets) {
      w.line(2, `- name: ${scalar(v.name)}`, exportedVnets.has(v.name) ? undefined : 'a mapping target of the vault');
      if (v.location) w.line(3, `location: ${scalar(v.location)}`);
      if (v.resourceGroup) w.line(3, `resourceGroup: ${scalar(v.resourceGroup)}`);
      if (v.addressSpace.length) w.line(3, `addressSpace: [${v.addressSpace.map(scalar).join(', ')}]`);
      if (v.subnets.length) {
        w.line(3, 'subnets:');
        for (const sn of v.subnets) {
          w.line(4, `- name: ${scalar(sn.name)}`);
          if (sn.prefix) w.line(5, `addressPrefix: ${scalar(sn.prefix)}`);
        }
      } else if (!exportedVnets.has(v.name)) {
        // The replicas' target subnets name some of its subnets: listed, so that they resolve.
        const named = vaultSubnets.get(v.name) ?? [];
        todo(3, named.length
          ? 'subnets: only those the vault\'s replica settings name; their addressPrefix and any others are not exported (az network vnet list, then --vnets).'
          : 'subnets: not exported (az network vnet list, then --vnets).');
        if (named.length) w.line(3, 'subnets:');
        for (const sn of named) w.line(4, `- name: ${scalar(sn)}`);
      }
    }
  }
  if (!vault) {
    todo(0, 'protection and networkMappings: no vault export (give --asr).');
  }
  const pairs = vault?.pairs ?? [];
  if (pairs.length) w.line(0, 'protection:');
  for (const p of pairs) {
    w.line(1, `- protected: ${scalar(p.protected)}`, cloudNames.has(p.protected) ? undefined : 'not a cloud of the exports');
    if (p.toAzure) w.line(2, 'toAzure: true');
    else w.line(2, `protecting: ${scalar(p.protecting ?? '')}`, p.protecting && cloudNames.has(p.protecting) ? undefined : 'not a cloud of the exports');
  }
  const mappings = vault?.mappings ?? [];
  const vnetNames = new Set(vnets.map((v) => v.name));
  if (mappings.length) w.line(0, 'networkMappings:');
  for (const m of mappings) {
    w.line(1, `- source: ${scalar(m.source)}`, networkNames.has(m.source) ? undefined : 'not a VM network of the exports');
    const knownTarget = m.toAzure ? vnetNames.has(m.target) : networkNames.has(m.target);
    const state = m.state && m.state !== 'Paired' ? `the vault says this mapping is not paired (state: ${m.state.replace(/[^\w -]/g, '')})` : undefined;
    w.line(2, `target: ${scalar(m.target)}`, knownTarget ? state : 'not a network of the exports');
  }
  if (skipped) w.comment(0, `${skipped} VM(s) of the VMM exports left out: not in a cloud, no NIC on a VM network, or a name listed twice.`);
  if (vms.length) w.line(0, 'vms:');
  for (const vm of vms) {
    w.line(1, `- name: ${scalar(vm.name)}`, vm.fromVault ? 'from the vault: not in the VMM exports' : undefined);
    w.line(2, `cloud: ${scalar(vm.cloud)}`, cloudNames.has(vm.cloud) ? undefined : 'not a cloud of the exports');
    const nicLines = (depth: number, n: NicPlan, first: boolean): void => {
      w.line(depth, `${first ? '- ' : ''}network: ${scalar(n.network)}`, networkNames.has(n.network) ? undefined : 'not a VM network of the exports');
      const d = first ? depth + 1 : depth;
      if (n.subnet) w.line(d, `subnet: ${scalar(n.subnet)}`);
      if (n.ip) w.line(d, `ipAddress: ${scalar(n.ip)}`);
      if (n.targetSubnet) w.line(d, `targetSubnet: ${scalar(n.targetSubnet)}`);
      if (n.targetIp) w.line(d, `targetIpAddress: ${scalar(n.targetIp)}`);
    };
    const [only] = vm.nics;
    if (vm.nics.length === 1 && only) nicLines(2, only, false);
    else {
      w.line(2, 'nics:');
      for (const n of vm.nics) nicLines(3, n, true);
    }
  }
  return {
    text: w.toString(),
    summary: { sites: sites.length, clouds: cloudNames.size, vms: vms.length, mappings: mappings.length, todos },
  };
}
