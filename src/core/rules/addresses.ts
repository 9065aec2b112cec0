/**
 * IP addresses: a NIC outside its subnet (TOP060), shared addresses (TOP061), and replica
 * addresses in Azure outside their subnet or among those Azure keeps (TOP062).
 */
import { contains, isAzureReserved, parseAddress, parsePrefix, type Address, type Prefix } from '../model';
import type { Network, Nic, Span, Subnet } from '../types';
import type { Rule } from './context';
import { vmLabel } from '../wording';

/** A subnet's parsed prefix, once per subnet. */
function prefixCache(): (subnet: Subnet | undefined) => Prefix | undefined {
  const cache = new Map<Subnet, Prefix | undefined>();
  return (subnet) => {
    if (!subnet?.addressPrefix) return undefined;
    if (!cache.has(subnet)) cache.set(subnet, parsePrefix(subnet.addressPrefix.value));
    return cache.get(subnet);
  };
}

/** One key per address: the canonical IPv4 text is its own key; an IPv6 address is normalised. */
function addressKey(text: string, a: Address): string {
  return a.version === 4 ? text : `6:${a.value.toString(16)}`;
}

const sourceAddresses: Rule = ({ landings }, out) => {
  const seen = new Map<Network, Map<string, { span: Span; nic: Nic }>>();
  const prefixOf = prefixCache();
  for (const l of landings.landings) {
    const ip = l.nic.ipAddress;
    // parseAddress takes only canonical dotted quads (no leading zeros) for IPv4.
    const addr = ip && parseAddress(ip.value);
    if (!ip || !addr) continue;
    const key = addressKey(ip.value, addr);
    const prefixStr = l.subnet?.addressPrefix;
    const prefix = prefixOf(l.subnet);
    if (l.subnet && prefixStr && prefix && !contains(prefix, addr)) {
      out.push({
        code: 'TOP060',
        severity: 'warning',
        message: `${ip.value} is outside subnet '${l.subnet.name.value}' (${prefixStr.value}) of '${l.subnet.network.name.value}'.`,
        span: ip.span,
        related: [{ span: prefixStr.span, message: `address prefix of subnet '${l.subnet.name.value}'` }],
      });
    }
    if (!l.network) continue;
    let inNetwork = seen.get(l.network);
    if (!inNetwork) seen.set(l.network, (inNetwork = new Map<string, { span: Span; nic: Nic }>()));
    const first = inNetwork.get(key);
    if (first) {
      const who = vmLabel(first.nic);
      out.push({
        code: 'TOP061',
        severity: 'error',
        message: `${vmLabel(l.nic)} uses ${ip.value}, which ${who} already uses in '${l.network.name.value}'.`,
        span: ip.span,
        related: [{ span: first.span, message: `${who} uses ${ip.value}` }],
      });
    } else {
      inNetwork.set(key, { span: ip.span, nic: l.nic });
    }
  }
};

const replicaAddresses: Rule = ({ landings }, out) => {
  const seen = new Map<Network, Map<bigint, { span: Span; who: string }>>();
  for (const l of landings.landings) {
    const f = l.failover;
    const ip = l.nic.targetIpAddress;
    if (!ip || f.status !== 'connected' || !f.pair?.toAzure || !f.target) continue;
    const addr = parseAddress(ip.value);
    if (!addr) continue;
    const prefixStr = f.subnet?.addressPrefix;
    const prefix = prefixStr && parsePrefix(prefixStr.value);
    if (f.subnet && prefixStr && prefix) {
      if (!contains(prefix, addr)) {
        out.push({
          code: 'TOP062',
          severity: 'error',
          message:
            `The replica address ${ip.value} of ${vmLabel(l.nic)} is outside its target subnet '${f.subnet.name.value}' ` +
            `(${prefixStr.value}) in '${f.target.name.value}': the failover can't use it.`,
          span: ip.span,
          related: [{ span: prefixStr.span, message: `address prefix of subnet '${f.subnet.name.value}'` }],
        });
      } else if (isAzureReserved(prefix, addr)) {
        out.push({
          code: 'TOP062',
          severity: 'error',
          message:
            `The replica address ${ip.value} of ${vmLabel(l.nic)} is one Azure keeps in ${prefixStr.value} (the first four ` +
            `and the last address of every subnet): the failover can't use it.`,
          span: ip.span,
          related: [{ span: prefixStr.span, message: `address prefix of subnet '${f.subnet.name.value}'` }],
        });
      }
    }
    let inTarget = seen.get(f.target);
    if (!inTarget) seen.set(f.target, (inTarget = new Map<bigint, { span: Span; who: string }>()));
    const first = inTarget.get(addr.value);
    if (first) {
      out.push({
        code: 'TOP061',
        severity: 'error',
        message: `The replica of ${vmLabel(l.nic)} would take ${ip.value} in '${f.target.name.value}', which the replica of ${first.who} already takes.`,
        span: ip.span,
        related: [{ span: first.span, message: `the replica of ${first.who} takes ${ip.value}` }],
      });
    } else {
      inTarget.set(addr.value, { span: ip.span, who: vmLabel(l.nic) });
    }
  }
};

export const addressRules: readonly Rule[] = [sourceAddresses, replicaAddresses];
