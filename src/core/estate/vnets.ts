/**
 * Azure virtual networks, as ARM returns them (`properties.subnets[].properties.addressPrefix`,
 * a list in `value`, or one resource) and as `az network vnet list` prints them (flattened:
 * `subnets[].addressPrefix`, `resourceGroup`).
 */
import { EstateInputError, isObject, list, prop, text, type EstateInput, type Json } from './input';

export interface AzureSubnetFact { readonly name: string; readonly prefix: string | undefined }
export interface AzureVnetFact {
  readonly name: string;
  readonly id: string | undefined;
  readonly location: string | undefined;
  readonly resourceGroup: string | undefined;
  readonly addressSpace: string[];
  readonly subnets: AzureSubnetFact[];
}

function resources(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(resources);
  if (isObject(value) && Array.isArray(value.value)) return value.value.flatMap(resources);
  return isObject(value) ? [value] : [];
}

function isVnet(r: Json): boolean {
  const type = text(r.type) ?? '';
  if (/virtualNetworks$/i.test(type)) return true;
  const p = isObject(r.properties) ? r.properties : r;
  return text(r.name) !== undefined && Array.isArray(p.subnets) && ('addressSpace' in p || 'subnets' in p) && !('primaryNetworkFriendlyName' in p);
}

/** The resource group named in an ARM id. */
export function resourceGroupOf(id: string | undefined): string | undefined {
  return id ? /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] : undefined;
}

export function readVnets(input: EstateInput, value: unknown): AzureVnetFact[] {
  const all = resources(value);
  const vnets = all.filter(isVnet);
  if (vnets.length === 0) {
    const what = all.length === 0 ? 'an empty list' : 'no virtual network (a resource with subnets)';
    throw new EstateInputError(input.name, `not an Azure virtual network export: found ${what}; expected 'az network vnet list' or ARM output`);
  }
  return vnets.map((r): AzureVnetFact => {
    const p = isObject(r.properties) ? r.properties : r;
    const id = text(r.id);
    const space = isObject(p.addressSpace) ? list(p.addressSpace.addressPrefixes).map(text).filter((x): x is string => x !== undefined) : [];
    const subnets = list(p.subnets).filter(isObject).flatMap((s): AzureSubnetFact[] => {
      const name = text(s.name);
      if (!name) return [];
      const sp = isObject(s.properties) ? s.properties : s;
      const prefix = text(prop(sp, 'addressPrefix')) ?? list(sp.addressPrefixes).map(text).find((x) => x !== undefined);
      return [{ name, prefix }];
    });
    return { name: text(r.name) ?? '', id, location: text(r.location), resourceGroup: text(r.resourceGroup) ?? resourceGroupOf(id), addressSpace: space, subnets };
  });
}
