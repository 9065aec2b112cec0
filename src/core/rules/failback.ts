/** TOP042: a NIC's `replica` says the replica moved or disconnected after failover. */
import type { Landing } from '../types';
import type { Rule, VmRule } from './context';
import { vmLabel } from '../wording';

const replicaMoved: VmRule = { reach: 'vm', name: 'replicaMoved', codes: ['TOP042'], run: ({ landings }, out) => {
  for (const l of landings) {
    const replica = l.nic.replica;
    if (!replica) continue;
    out.push({
      code: 'TOP042',
      severity: 'warning',
      message: failbackSentence(l),
      span: replica.span,
      ...(l.failback.mapping ? { related: [{ span: l.failback.mapping.span, message: 'the mapping that decides the failback' }] } : {}),
    });
  }
} };

function failbackSentence(l: Landing): string {
  const who = vmLabel(l.nic);
  const fb = l.failback;
  const moved = l.nic.replica?.disconnected
    ? 'the replica was disconnected after failover'
    : fb.replicaNetwork
      ? `the replica is on '${fb.replicaNetwork.name.value}' after failover`
      : 'the replica is on no known network after failover';
  switch (fb.why) {
    case 'not-protected':
      return `${who} is not protected, so it has no replica and this replica setting has no effect.`;
    case 'from-azure':
      return `${capital(moved)}, but from Azure failback returns ${who} to its original network '${l.network?.name.value ?? '?'}'.`;
    case 'replica-disconnected':
      return `${capital(moved)}: on failback ${who} disconnects.`;
    case 'replica-unmapped':
      return `${capital(moved)}, which is not mapped to a VM network: on failback ${who} disconnects.`;
    case 'mapped-back':
      return `${capital(moved)}: on failback ${who} connects to '${fb.network?.name.value ?? '?'}'${fb.subnet ? ` / ${fb.subnet.name.value}` : ''}, where '${fb.replicaNetwork?.name.value ?? '?'}' is mapped.`;
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const failbackRules: readonly Rule[] = [replicaMoved];
