/**
 * What kind of export a file is, from a look at its start (the core reads it in full later):
 * a VMM collector dump (`vmm`), a vault export (`asr`: REST responses or Az PowerShell output)
 * or Azure virtual networks (`vnets`: ARM or `az network vnet list`). Pure: no VS Code.
 * Undefined when the content says none or several (the command then asks the user).
 */
import type { EstateFileKind } from '../../protocol';

export const KIND_LABELS: Readonly<Record<EstateFileKind, string>> = {
  vmm: 'VMM export (scripts/collect-vmm.ps1)',
  asr: 'Vault export (Site Recovery: az rest, REST API, Get-AzRecoveryServicesAsr*)',
  vnets: 'Azure virtual networks (az network vnet list, ARM)',
};

/** How much of a file is looked at. */
export const PEEK_BYTES = 1 << 20;

const MARKERS: Readonly<Record<EstateFileKind, RegExp>> = {
  vmm: /"(?:VMMServer|VirtualNetworkAdapters|VMNetworks|SubnetVLans|LogicalNetworks)"\s*:/,
  // REST resources by type or id; Get-AzRecoveryServicesAsr* objects by their properties
  // (ASRNetworkMapping, ASRFabric, ASRNetwork, ASRProtectionContainer(Mapping), ASRReplicationProtectedItem).
  asr: /Microsoft\.RecoveryServices|"(?:type|id)"\s*:\s*"[^"]*replication(?:Fabrics|ProtectionContainers|ProtectionContainerMappings|Networks|NetworkMappings|ProtectedItems)|"(?:[Pp]rimary|[Rr]ecovery)\w*FriendlyName"\s*:|"(?:[Pp]roviderSpecificDetails|RecoveryNetworkId|fabricSpecificSettings|FabricSpecificDetails|FabricType)"\s*:/,
  vnets: /"type"\s*:\s*"Microsoft\.Network\/virtualNetworks"|"addressSpace"\s*:/,
};

const NAME_HINTS: Readonly<Record<EstateFileKind, RegExp>> = {
  vmm: /vmm|scvmm/i,
  asr: /asr|vault|recovery|replication|mapping/i,
  vnets: /vnet|virtual.?network/i,
};

/** The text of the first bytes, in the encodings the core reads (UTF-8, UTF-16 LE/BE with a BOM). */
export function peekText(bytes: Uint8Array, max = PEEK_BYTES): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  let encoding = 'utf-8';
  if (b0 === 0xff && b1 === 0xfe) encoding = 'utf-16le';
  else if (b0 === 0xfe && b1 === 0xff) encoding = 'utf-16be';
  try {
    return new TextDecoder(encoding).decode(bytes.subarray(0, max));
  } catch {
    return '';
  }
}

/** The kind of a file by its content, the file name breaking a tie; undefined: unclear. */
export function recognizeKind(name: string, bytes: Uint8Array): EstateFileKind | undefined {
  const text = peekText(bytes);
  const kinds = (Object.keys(MARKERS) as EstateFileKind[]).filter((k) => MARKERS[k].test(text));
  // A vault export names Azure networks (recoveryAzureNetworkId ...): the vault's markers win over a vnet's type.
  const found = kinds.includes('asr') && !kinds.includes('vmm') ? ['asr' as const] : kinds;
  if (found.length === 1) return found[0];
  const byName = (found.length > 0 ? found : []).filter((k) => NAME_HINTS[k].test(name));
  return byName.length === 1 ? byName[0] : undefined;
}
