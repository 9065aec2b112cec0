/** TOP030: the replica lands on the first subnet because no subnet has the source's name. */
import type { Rule, VmRule } from './context';
import { vmLabel } from '../wording';

const firstSubnetFallback: VmRule = { reach: 'vm', name: 'firstSubnetFallback', codes: ['TOP030'], run: ({ landings }, out) => {
  for (const l of landings) {
    const f = l.failover;
    if (f.status !== 'connected' || f.subnetRule !== 'first-subnet' || !f.target || !f.subnet) continue;
    const at = l.nic.subnet ?? l.nic.network;
    if (!at) continue;
    const order = f.target.kind === 'azureNetwork' ? 'first subnet in alphabetical order' : 'first subnet';
    const why = l.nic.subnet
      ? `'${f.target.name.value}' has no subnet named '${l.nic.subnet.value}'`
      : `${vmLabel(l.nic)} names no subnet`;
    out.push({
      code: 'TOP030',
      severity: 'information',
      message: `${why}, so the replica of ${vmLabel(l.nic)} lands on '${f.subnet.name.value}', the ${order} of '${f.target.name.value}'.`,
      span: at.span,
      related: [{ span: f.subnet.name.span, message: `subnet '${f.subnet.name.value}' of '${f.target.name.value}'` }],
    });
  }
} };

export const subnetRules: readonly Rule[] = [firstSubnetFallback];
