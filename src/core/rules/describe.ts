/** Words for entities, shared by messages, hovers and the panel. */
import type { Entity } from '../types';

export function kindLabel(e: Entity): string {
  switch (e.kind) {
    case 'site': return 'site';
    case 'logicalNetwork': return 'logical network';
    case 'subnet': return 'subnet';
    case 'vmNetwork': return 'VM network';
    case 'azureNetwork': return 'Azure virtual network';
    case 'cloud': return 'cloud';
    case 'pair': return 'protection pair';
    case 'mapping': return 'network mapping';
    case 'vm': return 'VM';
    case 'nic': return 'NIC';
  }
}

/** "VM network 'VMNetwork1-NewYork' (site New York)" and the like. */
export function describeEntity(e: Entity): string {
  switch (e.kind) {
    case 'site': return `site '${e.name?.value ?? '?'}'`;
    case 'logicalNetwork': return `logical network '${e.name.value}' (site ${e.site.name?.value ?? '?'})`;
    case 'subnet': return `subnet '${e.name.value}' of '${e.network.name.value}'`;
    case 'vmNetwork': return `VM network '${e.name.value}' (site ${e.site.name?.value ?? '?'})`;
    case 'azureNetwork': return `Azure virtual network '${e.name.value}'`;
    case 'cloud': return `cloud '${e.name.value}' (site ${e.site.name?.value ?? '?'})`;
    case 'pair': return `protection pair ${e.protected?.value ?? '?'} → ${e.toAzure ? 'Azure' : (e.protecting?.value ?? '?')}`;
    case 'mapping': return `mapping ${e.source?.value ?? '?'} → ${e.target?.value ?? '?'}`;
    case 'vm': return `VM '${e.name.value}'`;
    case 'nic': return e.vm.nics.length > 1 ? `NIC ${e.index} of VM '${e.vm.name.value}'` : `VM '${e.vm.name.value}'`;
  }
}
