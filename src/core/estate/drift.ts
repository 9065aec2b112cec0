/**
 * Drift: the plan against what the vault says. Protection pairs missing or extra; network
 * mappings missing, extra, to another target, or not paired; a protected NIC whose recovery
 * network, subnet or static address in the vault differs from where the plan lands its
 * replica. Each drift is on the plan's node (offsets into the analysed text) where it has
 * one, and carries its own code (TOP070–TOP078) so that it shows as a diagnostic.
 */
import { isMap, isScalar } from 'yaml';
import type { Analysis } from '../analysis';
import { CODES } from '../codes';
import type { Diagnostic, DiagnosticCode, Landing, Span } from '../types';
import { readJson, type EstateInput } from './input';
import { readVault, type VaultFacts, type VaultNic } from './vault';

export type DriftKind =
  | 'pair-missing' | 'pair-extra'
  | 'mapping-missing' | 'mapping-extra' | 'mapping-target' | 'mapping-state'
  | 'nic-network' | 'nic-subnet' | 'nic-ip';

export interface Drift {
  readonly kind: DriftKind;
  /** What differs: a cloud, a mapping's source network, or `VM (NIC n)`. */
  readonly subject: string;
  /** What the plan says (null: nothing). */
  readonly plan: string | null;
  /** What the vault says (null: nothing). */
  readonly vault: string | null;
  readonly message: string;
  /** The plan's node; absent where the plan has none (`*-extra`). */
  readonly span?: Span;
  readonly code: DiagnosticCode;
}

/** One code per kind, in the code table's order. */
export const DRIFT_CODES: Readonly<Record<DriftKind, DiagnosticCode>> = {
  'pair-missing': 'TOP070',
  'pair-extra': 'TOP071',
  'mapping-missing': 'TOP072',
  'mapping-extra': 'TOP073',
  'mapping-target': 'TOP074',
  'mapping-state': 'TOP075',
  'nic-network': 'TOP076',
  'nic-subnet': 'TOP077',
  'nic-ip': 'TOP078',
};

/** Reads the vault exports (kind `asr`) and compares. Throws EstateInputError on a bad input. */
export function driftOf(analysis: Analysis, vault: readonly EstateInput[]): Drift[] {
  return driftAgainst(analysis, readVault(vault.map((input) => ({ input, value: readJson(input) }))));
}

const AZURE = 'Azure';

export function driftAgainst(analysis: Analysis, vault: VaultFacts): Drift[] {
  const out: Drift[] = [];
  const add = (kind: DriftKind, subject: string, plan: string | null, vaultSays: string | null, message: string, span?: Span): void => {
    out.push({ kind, subject, plan, vault: vaultSays, message, ...(span ? { span } : {}), code: DRIFT_CODES[kind] });
  };
  const model = analysis.model;

  // Protection pairs, by protected cloud.
  const vaultPairs = new Map(vault.pairs.map((p) => [p.protected, p]));
  const planPairs = new Set<string>();
  for (const p of model.pairs) {
    const cloud = p.protected?.value;
    if (!cloud) continue;
    planPairs.add(cloud);
    const target = p.toAzure ? AZURE : p.protecting?.value ?? null;
    const v = vaultPairs.get(cloud);
    const vTarget = v ? (v.toAzure ? AZURE : v.protecting ?? null) : null;
    if (!v || vTarget !== target) {
      add('pair-missing', cloud, target, vTarget,
        v ? `The vault protects cloud '${cloud}' with ${vTarget === AZURE ? 'Azure' : `'${vTarget ?? '?'}'`}, not ${target === AZURE ? 'Azure' : `'${target ?? '?'}'`} as planned: the planned pair is not in the vault.`
          : `The vault has no protection for cloud '${cloud}': its VMs are not replicated as planned.`,
        p.span);
    }
  }
  for (const v of vault.pairs) {
    if (planPairs.has(v.protected)) continue;
    add('pair-extra', v.protected, null, v.toAzure ? AZURE : v.protecting ?? null,
      `The vault protects cloud '${v.protected}' with ${v.toAzure ? 'Azure' : `'${v.protecting ?? '?'}'`}; the plan has no such pair.`);
  }

  // Network mappings, by source and kind of target.
  const kindOf = (name: string | undefined): 'azure' | 'vmm' | undefined => {
    const n = name === undefined ? undefined : analysis.resolution.networks.get(name);
    return n ? (n.kind === 'azureNetwork' ? 'azure' : 'vmm') : undefined;
  };
  const vaultMaps = new Map(vault.mappings.map((m) => [`${m.source}\0${m.toAzure ? 'azure' : 'vmm'}`, m]));
  const planMaps = new Set<string>();
  for (const m of model.mappings) {
    const source = m.source?.value;
    const target = m.target?.value;
    // A target that names no network of the plan (a typo, a network not written yet) is
    // compared with the vault's mapping of that source, when the vault has one kind only.
    const vaultKinds = vault.mappings.filter((v) => v.source === source).map((v) => (v.toAzure ? 'azure' : 'vmm'));
    const kind = kindOf(target) ?? (new Set(vaultKinds).size === 1 ? vaultKinds[0] : undefined);
    if (!source || !target || !kind) continue;
    const key = `${source}\0${kind}`;
    if (planMaps.has(key)) continue; // a second mapping: TOP022's business
    planMaps.add(key);
    const v = vaultMaps.get(key);
    const span = m.target?.span ?? m.span;
    if (!v) add('mapping-missing', source, target, null, `The vault has no mapping of '${source}' to ${kind === 'azure' ? 'an Azure virtual network' : 'a VM network'}: replicas of its VMs don't connect to any network.`, m.span);
    else if (v.target !== target) add('mapping-target', source, target, v.target, `The vault maps '${source}' to '${v.target}', not to '${target}' as planned: replicas land on '${v.target}'.`, span);
    else if (v.state !== undefined && v.state !== 'Paired') add('mapping-state', source, 'Paired', v.state, `The vault's mapping of '${source}' to '${target}' is '${v.state}', not Paired: it is not in force.`, span);
  }
  for (const v of vault.mappings) {
    if (planMaps.has(`${v.source}\0${v.toAzure ? 'azure' : 'vmm'}`)) continue;
    add('mapping-extra', v.source, null, v.target, `The vault maps '${v.source}' to '${v.target}'; the plan has no such mapping.`);
  }

  // Protected NICs: where the vault lands them against where the plan does.
  const landings = new Map<string, Landing[]>();
  for (const l of analysis.landings) {
    const list = landings.get(l.vm.name.value) ?? [];
    list.push(l);
    landings.set(l.vm.name.value, list);
  }
  for (const item of vault.items) {
    const planned = landings.get(item.vm);
    if (!planned) continue;
    // NICs by position when the VM has as many in both; else by network name.
    const byIndex = planned.length === item.nics.length;
    for (const v of item.nics) {
      const l = byIndex ? planned.find((x) => x.nic.index === v.index) : planned.find((x) => v.network !== undefined && x.network?.name.value === v.network);
      if (l) nicDrift(l, v, add);
    }
  }
  return out;
}

function nicDrift(l: Landing, v: VaultNic, add: (kind: DriftKind, subject: string, plan: string | null, vault: string | null, message: string, span?: Span) => void): void {
  const f = l.failover;
  if (f.status === 'not-protected') return;
  const subject = `${l.vm.name.value} (NIC ${l.nic.index})`;
  const nic = l.nic;
  const planNetwork = f.status === 'connected' ? f.target?.name.value ?? null : null;
  if (v.recoveryNetwork !== undefined && v.recoveryNetwork !== planNetwork) {
    add('nic-network', subject, planNetwork, v.recoveryNetwork,
      `In the vault the replica of ${subject} connects to '${v.recoveryNetwork}'; the plan lands it ${planNetwork ? `on '${planNetwork}'` : 'on no network'}.`,
      nic.network?.span ?? nic.span);
    return;
  }
  const planSubnet = f.subnet?.name.value ?? null;
  if (v.recoverySubnet !== undefined && planNetwork !== null && v.recoverySubnet.toLowerCase() !== (planSubnet ?? '').toLowerCase()) {
    add('nic-subnet', subject, planSubnet, v.recoverySubnet,
      `In the vault the replica of ${subject} is on subnet '${v.recoverySubnet}'; the plan lands it on ${planSubnet ? `'${planSubnet}'` : 'no subnet'}.`,
      nic.targetSubnet?.span ?? nic.subnet?.span ?? nic.network?.span ?? nic.span);
  }
  if (v.recoveryIp !== undefined && planNetwork !== null && f.ipAddress !== null && v.recoveryIp !== f.ipAddress) {
    add('nic-ip', subject, f.ipAddress, v.recoveryIp,
      `In the vault the replica of ${subject} gets ${v.recoveryIp}; the plan gives it ${f.ipAddress}${f.ipSource === 'predicted' ? ' (predicted)' : ''}.`,
      nic.targetIpAddress?.span ?? nic.network?.span ?? nic.span);
  }
}

/** The top-level key a drift without a plan node belongs under. */
const KEY_OF: Readonly<Record<DriftKind, string>> = {
  'pair-missing': 'protection',
  'pair-extra': 'protection',
  'mapping-missing': 'networkMappings',
  'mapping-extra': 'networkMappings',
  'mapping-target': 'networkMappings',
  'mapping-state': 'networkMappings',
  'nic-network': 'vms',
  'nic-subnet': 'vms',
  'nic-ip': 'vms',
};

/**
 * Where a drift is shown: on the plan's node; for what the plan lacks (`*-extra`), on the
 * top-level key it belongs under (`protection:`, `networkMappings:`), else on the file's
 * first key (an empty file: its start).
 */
export function driftShownAt(analysis: Analysis, d: Drift): Span {
  // Plain numbers: a row goes to the panel as it is (a model's span reads its node when asked).
  if (d.span) return { start: d.span.start, end: d.span.end };
  const root = analysis.doc?.contents;
  if (!isMap(root)) return { start: 0, end: 0 };
  const spanOf = (k: unknown): Span | undefined => (isScalar(k) && k.range ? { start: k.range[0], end: k.range[1] } : undefined);
  const own = root.items.find((p) => isScalar(p.key) && p.key.value === KEY_OF[d.kind]);
  return spanOf(own?.key) ?? spanOf(root.items[0]?.key) ?? { start: 0, end: 0 };
}

/** Drift as diagnostics of the plan, where `driftShownAt` says; severity: the code table's. */
export function driftDiagnostics(analysis: Analysis, drifts: readonly Drift[]): Diagnostic[] {
  return drifts.map((d): Diagnostic => ({
    code: d.code,
    severity: CODES.find((c) => c.code === d.code)?.severity ?? 'warning',
    message: d.message,
    span: driftShownAt(analysis, d),
  }));
}
