/** Every semantic rule of spec §4 after name resolution, each in its own module, each with its reach. */
import type { Landing } from '../types';
import type { FileRule, GroupRule, Rule, VmRule } from './context';
import { inAzureSubnet, predictAddresses } from './landing';
import { mappingRules } from './mappings';
import { failbackRules } from './failback';
import { subnetRules } from './subnets';
import { protectionRules } from './protection';
import { addressRules } from './addresses';
import { nameRules } from './names';

export * from './context';
export { candidateTargets, usageOf } from './mappings';
export * from './landing';

/**
 * Step 6 of the landings, the addresses predicted for replicas in Azure: each subnet's next
 * free address in file order. Its group: the landings in one Azure subnet. It says nothing;
 * it writes the predictions into the landings.
 */
const predictedAddresses: GroupRule = {
  reach: 'group',
  name: 'predictedAddresses',
  readsEstate: false,
  codes: [],
  members: ({ landings }, add) => {
    for (const l of landings) {
      const subnet = inAzureSubnet(l);
      if (subnet) add(subnet, l);
    }
  },
  run: (_estate, members) => { predictAddresses(members as readonly Landing[]); },
};

/** Every rule, in the order their diagnostics are gathered (then sorted by place). */
export const RULES: readonly Rule[] = [
  ...nameRules, ...mappingRules, ...subnetRules, ...failbackRules, ...protectionRules, ...addressRules, predictedAddresses,
];

export const VM_RULES: readonly VmRule[] = RULES.filter((r): r is VmRule => r.reach === 'vm');
export const GROUP_RULES: readonly GroupRule[] = RULES.filter((r): r is GroupRule => r.reach === 'group');
export const FILE_RULES: readonly FileRule[] = RULES.filter((r): r is FileRule => r.reach === 'file');
