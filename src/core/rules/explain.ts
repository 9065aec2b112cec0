/**
 * Landings in words: one sentence for the failover and one for the failback, with the
 * reason. Hover, the panel and the CLI's table all say it the same way.
 */
import type { Landing, SubnetRule } from '../types';

export function subnetRuleText(rule: SubnetRule | null): string {
  switch (rule) {
    case 'name-match': return 'same subnet name';
    case 'first-subnet': return 'first subnet';
    case 'target-setting': return 'targetSubnet setting';
    case null: return 'no subnet';
  }
}

/** Where the replica goes, and why. */
export function explainFailover(l: Landing): string {
  const f = l.failover;
  const n = l.network?.name.value ?? l.nic.network?.value ?? '?';
  if (f.status === 'not-protected') {
    return l.cloud
      ? `No replica: cloud '${l.cloud.name.value}' is not protected by any pair.`
      : `No replica: the VM's cloud ${l.vm.cloud ? `'${l.vm.cloud.value}' doesn't exist` : 'is not set'}.`;
  }
  const pair = f.pair!;
  const dest = pair.toAzure ? 'Azure' : `cloud '${pair.protectingCloud?.name.value ?? '?'}'`;
  if (f.reason === 'unmapped') {
    const kind = pair.toAzure ? 'an Azure virtual network' : 'a VM network';
    return l.network
      ? `The replica in ${dest} doesn't connect to any network: '${n}' is not mapped to ${kind}.`
      : `The replica in ${dest} doesn't connect to any network: the VM's network ${l.nic.network ? `'${n}' doesn't exist` : 'is not set'}.`;
  }
  if (f.reason === 'unavailable') {
    const t = f.target?.name.value ?? '?';
    const lacks = f.missingLogicalNetwork
      ? `cloud '${pair.protectingCloud?.name.value ?? '?'}' doesn't have logical network '${f.missingLogicalNetwork}'`
      : `its logical network is unknown`;
    return `The replica in ${dest} doesn't connect to any network: '${n}' is mapped to '${t}', which is not available (${lacks}).`;
  }
  const t = f.target?.name.value ?? '?';
  let subnet: string;
  switch (f.subnetRule) {
    case 'name-match':
      subnet = ` / ${f.subnet?.name.value ?? '?'} (same subnet name)`;
      break;
    case 'first-subnet':
      subnet = ` / ${f.subnet?.name.value ?? '?'} (${l.nic.subnet ? `no subnet named '${l.nic.subnet.value}', so the ` : 'the '}first subnet${f.target?.kind === 'azureNetwork' ? ' in alphabetical order' : ''})`;
      break;
    case 'target-setting':
      subnet = ` / ${f.subnet?.name.value ?? '?'} (targetSubnet setting)`;
      break;
    case null:
      subnet = ' (the network has no subnets)';
  }
  return `The replica in ${dest} connects to '${t}'${subnet}: mapping ${n} → ${t}.`;
}

/** The replica's IP address, where one is known or predicted. */
export function explainAddress(l: Landing): string | undefined {
  const f = l.failover;
  if (f.status !== 'connected') return undefined;
  if (!f.pair?.toAzure) return 'Its address comes from the target\'s static IP pool or DHCP (not predicted).';
  if (f.ipSource === 'target-setting') return `IP address ${f.ipAddress ?? '?'} (targetIpAddress setting).`;
  if (f.ipSource === 'predicted') return `IP address ${f.ipAddress ?? '?'} predicted: the next free address of the subnet; Site Recovery doesn't guarantee it.`;
  return 'No IP address predicted (the subnet has no addressPrefix, or no free address).';
}

/** Where the original VM goes on failback, and why. */
export function explainFailback(l: Landing): string {
  const b = l.failback;
  const r = b.replicaNetwork?.name.value;
  const where = `${b.network?.name.value ?? '?'}${b.subnet ? ` / ${b.subnet.name.value}` : ''}`;
  switch (b.why) {
    case 'not-protected':
      return 'Failback: not applicable (no replica).';
    case 'from-azure':
      return b.status === 'connected'
        ? `Failback from Azure returns the VM to its original network '${where}'.`
        : 'Failback from Azure returns the VM to its original network, which doesn\'t exist: it disconnects.';
    case 'replica-disconnected':
      return b.replicaFrom === 'override'
        ? 'Failback: the VM disconnects (the replica was disconnected after failover).'
        : 'Failback: the VM disconnects (its replica isn\'t connected to any network).';
    case 'replica-unmapped':
      return `Failback: the VM disconnects ('${r ?? '?'}', where the replica is, is not mapped to a VM network).`;
    case 'mapped-back': {
      const stays = b.network === l.network ? 'stays on' : 'connects to';
      const moved = b.replicaFrom === 'override' && b.replicaNetwork !== l.failover.target ? ` (the replica was moved to '${r ?? '?'}')` : '';
      return `Failback: the VM ${stays} '${where}': mapping ${r ?? '?'} → ${b.network?.name.value ?? '?'}${moved}.`;
    }
  }
}
