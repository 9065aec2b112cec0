/** Small phrases the rules' messages share. */
import type { Nic, PairInfo } from '../types';

/** "VM 'VM1'" or "NIC 1 of VM 'VM3'". */
export function vmLabel(nic: Nic): string {
  return nic.vm.nics.length > 1 ? `NIC ${nic.index} of VM '${nic.vm.name.value}'` : `VM '${nic.vm.name.value}'`;
}

/** "GoldCloud1 → GoldCloud2" or "GoldCloud1 → Azure". */
export function pairLabel(p: PairInfo): string {
  return `${p.protectedCloud.name.value} → ${p.toAzure ? 'Azure' : (p.protectingCloud?.name.value ?? '?')}`;
}

/**
 * "VM VM1", "VMs VM1 and VM2", "VMs VM1, VM2, VM3 and 4 more" (distinct names, in order),
 * and whether that is one VM, for the verb that follows.
 */
export function listVms(names: readonly string[], max = 3): { text: string; one: boolean } {
  return { text: listNames(names, max), one: new Set(names).size === 1 };
}

/** "VM VM1", "VMs VM1 and VM2", "VMs VM1, VM2, VM3 and 4 more" (distinct names, in order). */
export function listNames(names: readonly string[], max = 3): string {
  const distinct = [...new Set(names)];
  if (distinct.length === 1) return `VM ${distinct[0] ?? ''}`;
  const shown = distinct.slice(0, max);
  const rest = distinct.length - shown.length;
  if (rest > 0) return `VMs ${shown.join(', ')} and ${rest} more`;
  return `VMs ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}
