/**
 * Clouds and their networks: unprotected clouds (TOP050), NICs on a network their cloud
 * can't use (TOP052), and Azure-only replica settings on a VMM-to-VMM pair (TOP012).
 */
import type { Rule, VmRule } from './context';
import { pairLabel, vmLabel } from '../wording';

const unprotectedCloud: VmRule = { reach: 'vm', name: 'unprotectedCloud', codes: ['TOP050'], run: ({ estate: { resolution: res }, vm }, out) => {
  const cloud = res.target(vm.cloud);
  if (!vm.cloud || cloud?.kind !== 'cloud' || res.pairOf(cloud)) return;
  out.push({
    code: 'TOP050',
    severity: 'information',
    message: `Cloud '${cloud.name.value}' is not protected by any pair: VM '${vm.name.value}' has no replica.`,
    span: vm.cloud.span,
    related: [{ span: cloud.name.span, message: `cloud '${cloud.name.value}'` }],
  });
} };

const networkOutsideCloud: VmRule = { reach: 'vm', name: 'networkOutsideCloud', codes: ['TOP052'], run: ({ estate: { resolution: res }, vm }, out) => {
  const cloud = res.target(vm.cloud);
  if (cloud?.kind !== 'cloud') return;
  const usable = res.cloudLogicalNetworks(cloud);
  for (const nic of vm.nics) {
    const network = res.target(nic.network);
    if (!nic.network || network?.kind !== 'vmNetwork') continue;
    const ln = res.logicalNetworkOf(network);
    if (!ln || usable.has(ln)) continue;
    out.push({
      code: 'TOP052',
      severity: 'warning',
      message:
        `${vmLabel(nic)} is on '${network.name.value}', whose logical network '${ln.name.value}' is not one of the ` +
        `logical networks of cloud '${cloud.name.value}': VMM can't place the VM there.`,
      span: nic.network.span,
      related: [
        { span: cloud.name.span, message: `cloud '${cloud.name.value}' and its logical networks` },
        ...(network.logicalNetwork ? [{ span: network.logicalNetwork.span, message: `logical network of '${network.name.value}'` }] : []),
      ],
    });
  }
} };

const azureOnlySettings: VmRule = { reach: 'vm', name: 'azureOnlySettings', codes: ['TOP012'], run: ({ landings }, out) => {
  for (const l of landings) {
    const pair = l.failover.pair;
    if (!pair || pair.toAzure) continue;
    for (const [key, str] of [['targetSubnet', l.nic.targetSubnet], ['targetIpAddress', l.nic.targetIpAddress]] as const) {
      if (!str) continue;
      out.push({
        code: 'TOP012',
        severity: 'error',
        message:
          `'${key}' is a setting of replicas in Azure, but ${vmLabel(l.nic)} replicates ${pairLabel(pair)} (VMM to VMM), ` +
          `where the replica's subnet follows the mapping and its address comes from the target's IP pool or DHCP; it is ignored.`,
        span: str.span,
        related: [{ span: pair.pair.span, message: `protection pair ${pairLabel(pair)}` }],
      });
    }
  }
} };

export const protectionRules: readonly Rule[] = [unprotectedCloud, networkOutsideCloud, azureOnlySettings];
