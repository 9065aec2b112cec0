/**
 * IP addresses: a NIC outside its subnet (TOP060), shared addresses (TOP061), and replica
 * addresses in Azure outside their subnet or among those Azure keeps (TOP062).
 */
import { contains, isAzureReserved, parseAddress, parsePrefix, type Address } from '../model';
import type { Diagnostic, Landing, Str } from '../types';
import type { GroupRule, Rule, VmRule } from './context';
import { vmLabel } from '../wording';

/** One key per address: the canonical IPv4 text is its own key; an IPv6 address is normalised. */
function addressKey(text: string, a: Address): string {
  return a.version === 4 ? text : `6:${a.value.toString(16)}`;
}

/** A diagnostic on an address, pointing at the prefix of the subnet it is checked against. */
function onAddress(code: 'TOP060' | 'TOP062', ip: Str, prefix: Str, subnet: string, message: string): Diagnostic {
  return {
    code,
    severity: code === 'TOP060' ? 'warning' : 'error',
    message,
    span: ip.span,
    related: [{ span: prefix.span, message: `address prefix of subnet '${subnet}'` }],
  };
}

/** TOP060: a NIC's address outside its subnet. */
const addressInSubnet: VmRule = { reach: 'vm', name: 'addressInSubnet', codes: ['TOP060'], run: ({ landings }, out) => {
  for (const l of landings) {
    const ip = l.nic.ipAddress;
    // parseAddress takes only canonical dotted quads (no leading zeros) for IPv4.
    const addr = ip && parseAddress(ip.value);
    const prefixStr = l.subnet?.addressPrefix;
    if (!ip || !addr || !l.subnet || !prefixStr) continue;
    const prefix = parsePrefix(prefixStr.value);
    if (prefix && !contains(prefix, addr)) {
      out.push(onAddress('TOP060', ip, prefixStr, l.subnet.name.value,
        `${ip.value} is outside subnet '${l.subnet.name.value}' (${prefixStr.value}) of '${l.subnet.network.name.value}'.`));
    }
  }
} };

/** TOP061: an address used twice in one network; the first NIC to use it keeps it. Its group: the NICs with one address in one network. */
const sharedAddress: GroupRule = {
  reach: 'group',
  name: 'sharedAddress',
  quietAlone: true,
  readsEstate: false,
  codes: ['TOP061'],
  members: ({ landings }, add) => {
    for (const l of landings) {
      const ip = l.nic.ipAddress;
      const addr = ip && parseAddress(ip.value);
      if (ip && addr && l.network) add(`${l.network.name.value}\0${addressKey(ip.value, addr)}`, l);
    }
  },
  run: (_estate, members, out) => {
    const [first, ...rest] = members as readonly Landing[];
    if (!first?.nic.ipAddress) return;
    const who = vmLabel(first.nic);
    for (const l of rest) {
      const ip = l.nic.ipAddress;
      if (!ip || !l.network) continue;
      out.push({
        code: 'TOP061',
        severity: 'error',
        message: `${vmLabel(l.nic)} uses ${ip.value}, which ${who} already uses in '${l.network.name.value}'.`,
        span: ip.span,
        related: [{ span: first.nic.ipAddress.span, message: `${who} uses ${ip.value}` }],
      });
    }
  },
};

/** The replica's own address in Azure, when it has one and lands there. */
function replicaAddress(l: Landing): Address | undefined {
  const f = l.failover;
  const ip = l.nic.targetIpAddress;
  if (!ip || f.status !== 'connected' || !f.pair?.toAzure || !f.target) return undefined;
  return parseAddress(ip.value);
}

/** TOP062: a replica's address in Azure outside its target subnet, or one Azure keeps. */
const replicaAddressInSubnet: VmRule = { reach: 'vm', name: 'replicaAddressInSubnet', codes: ['TOP062'], run: ({ landings }, out) => {
  for (const l of landings) {
    const addr = replicaAddress(l);
    const ip = l.nic.targetIpAddress;
    const f = l.failover;
    const prefixStr = f.subnet?.addressPrefix;
    const prefix = prefixStr && parsePrefix(prefixStr.value);
    if (!addr || !ip || !f.target || !f.subnet || !prefixStr || !prefix) continue;
    if (!contains(prefix, addr)) {
      out.push(onAddress('TOP062', ip, prefixStr, f.subnet.name.value,
        `The replica address ${ip.value} of ${vmLabel(l.nic)} is outside its target subnet '${f.subnet.name.value}' ` +
        `(${prefixStr.value}) in '${f.target.name.value}': the failover can't use it.`));
    } else if (isAzureReserved(prefix, addr)) {
      out.push(onAddress('TOP062', ip, prefixStr, f.subnet.name.value,
        `The replica address ${ip.value} of ${vmLabel(l.nic)} is one Azure keeps in ${prefixStr.value} (the first four ` +
        `and the last address of every subnet): the failover can't use it.`));
    }
  }
} };

/** TOP061: a replica address in Azure taken twice in one virtual network. Its group: the replicas with one address in one target. */
const sharedReplicaAddress: GroupRule = {
  reach: 'group',
  name: 'sharedReplicaAddress',
  quietAlone: true,
  readsEstate: false,
  codes: ['TOP061'],
  members: ({ landings }, add) => {
    for (const l of landings) {
      const addr = replicaAddress(l);
      if (addr && l.failover.target) add(`${l.failover.target.name.value}\0${addr.value}`, l);
    }
  },
  run: (_estate, members, out) => {
    const [first, ...rest] = members as readonly Landing[];
    const firstIp = first?.nic.targetIpAddress;
    if (!first || !firstIp) return;
    const who = vmLabel(first.nic);
    for (const l of rest) {
      const ip = l.nic.targetIpAddress;
      const target = l.failover.target;
      if (!ip || !target) continue;
      out.push({
        code: 'TOP061',
        severity: 'error',
        message: `The replica of ${vmLabel(l.nic)} would take ${ip.value} in '${target.name.value}', which the replica of ${who} already takes.`,
        span: ip.span,
        related: [{ span: firstIp.span, message: `the replica of ${who} takes ${ip.value}` }],
      });
    }
  },
};

export const addressRules: readonly Rule[] = [addressInSubnet, sharedAddress, replicaAddressInSubnet, sharedReplicaAddress];
