/**
 * The VMM collector's JSON (scripts/collect-vmm.ps1, one file per VMM server): VMM's own
 * property names as ConvertTo-Json writes them. A reference (`LogicalNetwork`, `Cloud`,
 * `VMNetwork`, `VMSubnet`) is an object with `Name` or, at a shallower depth, the name itself;
 * `SubnetVLans` items are `{ Subnet, VLanID }` objects or `"10.0.1.0/24-0"` strings (several
 * joined by spaces). Nulls, empty lists and link-local addresses are normal in real dumps.
 */
import { EstateInputError, isObject, list, meaninglessAddress, prop, ref, text, type EstateInput, type Json } from './input';

export interface VmmSubnet { readonly name: string; readonly prefix: string | undefined }
export interface VmmVmNetwork { readonly name: string; readonly logicalNetwork: string | undefined; readonly subnets: VmmSubnet[] }
export interface VmmCloud { readonly name: string; readonly logicalNetworks: string[] }
export interface VmmNic { readonly network: string | undefined; readonly subnet: string | undefined; readonly ip: string | undefined }
export interface VmmVm { readonly name: string; readonly cloud: string | undefined; readonly nics: VmmNic[] }

/** What one VMM server knows. */
export interface VmmEstate {
  readonly file: string;
  readonly server: string;
  readonly logicalNetworks: string[];
  readonly vmNetworks: VmmVmNetwork[];
  readonly clouds: VmmCloud[];
  readonly vms: VmmVm[];
}

const KEYS = ['VMMServer', 'LogicalNetworks', 'VMNetworks', 'Clouds', 'VMs'];

/** The first CIDR prefix of `SubnetVLans`, whichever form it was written in. */
function prefixOf(v: unknown): string | undefined {
  for (const item of list(v)) {
    const candidates = isObject(item) ? [text(prop(item, 'Subnet', 'subnet'))] : (text(item) ?? '').split(/\s+/);
    for (const c of candidates) {
      // "10.0.1.0/24-0": the subnet, then its VLAN ID.
      const m = /^([0-9A-Fa-f:.]+\/\d{1,3})(?:-\d+)?$/.exec(c ?? '');
      if (m?.[1]) return m[1];
    }
  }
  return undefined;
}

/** Reads one collector file; throws EstateInputError when it isn't one. */
export function readVmm(input: EstateInput, value: unknown): VmmEstate {
  if (!isObject(value) || !KEYS.some((k) => k in value)) {
    const hint = isObject(value) && ('value' in value || 'properties' in value || 'PrimaryNetworkFriendlyName' in value)
      ? ' (it looks like a vault export: give it with --asr)' : '';
    throw new EstateInputError(input.name, `not a VMM export: expected the collector's JSON with ${KEYS.join(', ')}${hint}`);
  }
  const server = text(value.VMMServer) ?? ref(value.VMMServer);
  if (!server) throw new EstateInputError(input.name, 'the VMM export has no VMMServer: the site is named after it');
  const names = (v: unknown): string[] => list(v).map(ref).filter((n): n is string => n !== undefined);
  const vmNetworks = list(value.VMNetworks).filter(isObject).flatMap((n): VmmVmNetwork[] => {
    const name = ref(n);
    if (!name) return [];
    const subnets = list(prop(n, 'VMSubnet', 'VMSubnets')).flatMap((s): VmmSubnet[] => {
      const sname = ref(s);
      return sname ? [{ name: sname, prefix: isObject(s) ? prefixOf(prop(s, 'SubnetVLans', 'SubnetVLan')) : undefined }] : [];
    });
    return [{ name, logicalNetwork: ref(n.LogicalNetwork), subnets }];
  });
  const clouds = list(value.Clouds).flatMap((c): VmmCloud[] => {
    const name = ref(c);
    return name ? [{ name, logicalNetworks: isObject(c) ? names(c.LogicalNetworks) : [] }] : [];
  });
  const vms = list(value.VMs).filter(isObject).flatMap((vm): VmmVm[] => {
    const name = ref(vm);
    if (!name) return [];
    const nics = list(prop(vm, 'VirtualNetworkAdapters', 'VirtualNetworkAdapter')).filter(isObject).map((a: Json): VmmNic => {
      const ip = list(prop(a, 'IPv4Addresses', 'IPv4Address')).map(text).find((x): x is string => x !== undefined && !meaninglessAddress(x));
      return { network: ref(a.VMNetwork), subnet: ref(a.VMSubnet), ip };
    });
    return [{ name, cloud: ref(vm.Cloud), nics }];
  });
  return { file: input.name, server, logicalNetworks: names(value.LogicalNetworks), vmNetworks, clouds, vms };
}
