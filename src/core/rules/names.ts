/**
 * The VMs' namespace (spec §2): a VM name defined twice is TOP010 on the later one, and
 * references go to the first. Its group: the VMs of one name.
 */
import type { Vm } from '../types';
import { kindLabel } from '../wording';
import type { GroupRule, Rule } from './context';

const vmNames: GroupRule = {
  reach: 'group',
  name: 'vmNames',
  quietAlone: true,
  readsEstate: false,
  codes: ['TOP010'],
  members: ({ vm }, add) => { add(vm.name.value, vm); },
  run: (_estate, members, out) => {
    const [first, ...rest] = members as readonly Vm[];
    if (!first) return;
    for (const vm of rest) {
      out.push({
        code: 'TOP010',
        severity: 'error',
        message: `VM '${vm.name.value}' is defined twice among the VMs; references go to the first one.`,
        span: vm.name.span,
        related: [{ span: first.name.span, message: `the first ${kindLabel(first)} '${vm.name.value}'` }],
      });
    }
  },
};

export const nameRules: readonly Rule[] = [vmNames];
