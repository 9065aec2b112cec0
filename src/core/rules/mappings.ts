/**
 * Network mapping rules: unmapped networks (TOP020), unavailable targets (TOP021), double
 * mappings (TOP022), NICs split across Azure networks (TOP023), targets without subnets
 * (TOP031) or outside the vault's region (TOP032), and the way back (TOP040, TOP041).
 */
import { availabilityOf, mappingFor } from './landing';
import type { EstateResolution } from '../model';
import type { Diagnostic, Landing, Network, PairInfo } from '../types';
import { listVms, mappingTargetKind, pairLabel, replicaDestination, unavailableBecause, vmLabel } from '../wording';
import { usageKey, type FileRule, type GroupRule, type Rule, type VmRule } from './context';

/** TOP020: a protected NIC whose network has no mapping of the kind its pair needs. */
const unmapped: VmRule = { reach: 'vm', name: 'unmapped', codes: ['TOP020'], run: ({ estate, landings }, out) => {
  for (const l of landings) {
    const pair = l.failover.pair;
    if (!pair || l.failover.reason !== 'unmapped' || !l.network || !l.nic.network) continue;
    if (l.network.kind !== 'vmNetwork') continue; // TOP012 already says a NIC can't be on an Azure network
    const targets = [...estate.candidateTargets(pair)];
    out.push({
      code: 'TOP020',
      severity: 'warning',
      message:
        `'${l.network.name.value}' is not mapped to ${mappingTargetKind(pair)}, so the replica of ${vmLabel(l.nic)} in ` +
        `${replicaDestination(pair)} doesn't connect to any network.`,
      span: l.nic.network.span,
      related: [{ span: pair.pair.span, message: `protection pair ${pairLabel(pair)}` }],
      fix: { kind: 'addMapping', source: l.network.name.value, targets },
    });
  }
} };

/** Targets a mapping for this pair could use, available ones only, sorted by name. */
export function candidateTargets(res: EstateResolution, pair: PairInfo): string[] {
  const out: string[] = [];
  for (const n of res.networks.values()) {
    if (pair.toAzure ? n.kind !== 'azureNetwork' : n.kind !== 'vmNetwork') continue;
    if (!pair.toAzure && n.kind === 'vmNetwork' && n.site === pair.protectedCloud.site) continue;
    if (availabilityOf(res, pair, n).available) out.push(n.name.value);
  }
  return out.sort((a, b) => a.localeCompare(b));
}

/** TOP021: a mapping's target the protecting cloud can't use, once per pair. */
const unavailable: FileRule = { reach: 'file', name: 'unavailable', codes: ['TOP021'], reads: ['usage'], run: ({ estate, inUse }, out) => {
  for (const a of estate.availability) {
    if (a.available || !a.mapping.target) continue;
    const p = a.pair;
    const hasVms = inUse(p.protectedCloud.name.value, a.source.name.value);
    const q = p.protectingCloud?.name.value ?? '?';
    const lacks = unavailableBecause(p.protectingCloud?.name.value, a.missingLogicalNetwork);
    out.push({
      code: 'TOP021',
      severity: hasVms ? 'error' : 'warning',
      message:
        `'${a.target.name.value}' is not available to ${pairLabel(p)}: ${lacks}, so replicas of ` +
        `'${p.protectedCloud.name.value}' on '${a.source.name.value}' don't connect to any network` +
        (hasVms ? '.' : ' (no VM of the cloud is on it yet).'),
      span: a.mapping.target.span,
      related: [
        { span: p.pair.span, message: `protection pair ${pairLabel(p)}` },
        ...(p.protectingCloud ? [{ span: p.protectingCloud.name.span, message: `cloud '${q}' and its logical networks` }] : []),
      ],
    });
  }
} };

/** TOP022: a second mapping of the same source to the same kind of target. */
const doubleMapping: FileRule = { reach: 'file', name: 'doubleMapping', codes: ['TOP022'], reads: [], run: ({ estate: { resolution: res } }, out) => {
  for (const source of res.networks.values()) {
    const first = new Map<Network['kind'], { target: Network; span: Diagnostic['span'] }>();
    for (const m of res.mappingsFrom(source)) {
      const target = res.target(m.target);
      if (!(target?.kind === 'vmNetwork' || target?.kind === 'azureNetwork') || !m.source) continue;
      const before = first.get(target.kind);
      if (!before) {
        first.set(target.kind, { target, span: m.span });
        continue;
      }
      const kind = target.kind === 'azureNetwork' ? 'an Azure virtual network' : 'a VM network';
      out.push({
        code: 'TOP022',
        severity: 'error',
        message:
          `'${source.name.value}' is already mapped to ${kind} ('${before.target.name.value}'); ` +
          `this mapping to '${target.name.value}' is ignored and replicas go to '${before.target.name.value}'.`,
        span: m.source.span,
        related: [{ span: before.span, message: `the mapping that applies: ${source.name.value} → ${before.target.name.value}` }],
      });
    }
  }
} };

/** TOP023: Azure puts all NICs of a VM in one virtual network. */
const splitAcrossVnets: VmRule = { reach: 'vm', name: 'splitAcrossVnets', codes: ['TOP023'], run: ({ landings }, out) => {
  let first: Landing | undefined;
  for (const l of landings) {
    const { nic, vm } = l;
    if (l.failover.status !== 'connected' || !l.failover.pair?.toAzure || !l.failover.target) continue;
    if (!first) {
      first = l;
      continue;
    }
    if (l.failover.target !== first.failover.target && nic.network && first.failover.target) {
      out.push({
        code: 'TOP023',
        severity: 'error',
        message:
          `NIC ${nic.index} of VM '${vm.name.value}' would land in '${l.failover.target.name.value}' and NIC ${first.nic.index} in ` +
          `'${first.failover.target.name.value}': Azure puts all NICs of a VM in one virtual network, so the failover fails.`,
        span: nic.network.span,
        related: first.nic.network ? [{ span: first.nic.network.span, message: `NIC ${first.nic.index} lands in '${first.failover.target.name.value}'` }] : [],
      });
    }
  }
} };

/** TOP031 and TOP032: properties of a mapping's target. */
const targetShape: FileRule = { reach: 'file', name: 'targetShape', codes: ['TOP031', 'TOP032'], reads: [], run: ({ estate: { model, resolution: res } }, out) => {
  const vault = model.vaultLocation;
  for (const m of model.mappings) {
    const target = res.target(m.target);
    const source = res.target(m.source);
    if (!m.target || !(target?.kind === 'vmNetwork' || target?.kind === 'azureNetwork')) continue;
    if (!(source?.kind === 'vmNetwork') || !res.mappingsFrom(source).includes(m)) continue;
    if (target.subnets.length === 0) {
      out.push({
        code: 'TOP031',
        severity: 'warning',
        message: `Target '${target.name.value}' has no subnets: replicas of '${source.name.value}' connect to it without a subnet.`,
        span: m.target.span,
        related: [{ span: target.name.span, message: `network '${target.name.value}'` }],
      });
    }
    if (target.kind === 'azureNetwork' && vault && target.location && region(target.location.value) !== region(vault.value)) {
      out.push({
        code: 'TOP032',
        severity: 'warning',
        message:
          `Azure virtual network '${target.name.value}' is in '${target.location.value}', not in the vault's region ` +
          `'${vault.value}': Site Recovery can't fail over into it.`,
        span: m.target.span,
        related: [
          { span: target.location.span, message: `location of '${target.name.value}'` },
          { span: vault.span, message: 'the vault location' },
        ],
      });
    }
  }
} };

/** "East US" and "eastus" are one region. */
function region(s: string): string {
  return s.toLowerCase().replace(/[\s_-]/g, '');
}

/**
 * TOP040 and TOP041: where the VMs whose replicas land on a target go on failback. Its group:
 * the landings that connected through one mapping (the message names the first VMs).
 */
const wayBack: GroupRule = {
  reach: 'group',
  name: 'wayBack',
  readsEstate: true,
  codes: ['TOP040', 'TOP041'],
  members: ({ landings }, add) => {
    for (const l of landings) {
      const f = l.failover;
      if (f.status === 'connected' && f.mapping && f.target) add(f.mapping, l);
    }
  },
  run: ({ resolution: res }, members, out) => {
    const arriving = members as readonly Landing[];
    const m = arriving[0]?.failover.mapping;
    if (!m) return;
    const target = res.target(m.target);
    const source = res.target(m.source);
    if (!m.target || target?.kind !== 'vmNetwork' || source?.kind !== 'vmNetwork') return;
    const vms = listVms(arriving.map((l) => l.vm.name.value));
    const back = mappingFor(res, target, 'vmNetwork');
    if (!back) {
      out.push({
        code: 'TOP040',
        severity: 'warning',
        message:
          `'${target.name.value}' has no mapping back to a VM network: ${vms.text}, whose ` +
          `${vms.one ? 'replica lands there, disconnects' : 'replicas land there, disconnect'} on failback.`,
        span: m.target.span,
        fix: { kind: 'addMapping', source: target.name.value, targets: [source.name.value] },
      });
    } else if (back.target !== source) {
      out.push({
        code: 'TOP041',
        severity: 'warning',
        message:
          `'${target.name.value}' maps back to '${back.target.name.value}', not to '${source.name.value}': on failback ` +
          `${vms.text} ${vms.one ? 'moves' : 'move'} to '${back.target.name.value}'.`,
        span: m.target.span,
        related: [{ span: back.mapping.span, message: `the mapping back: ${target.name.value} → ${back.target.name.value}` }],
      });
    }
  },
};

export const mappingRules: readonly Rule[] = [unmapped, unavailable, doubleMapping, splitAcrossVnets, targetShape, wayBack];

/** The key of a landing's cloud and network for `inUse` (TOP021), if it has both. */
export function usageOf(l: Landing): string | undefined {
  return l.cloud && l.network ? usageKey(l.cloud.name.value, l.network.name.value) : undefined;
}
