/**
 * Completion candidates at an offset: the schema's keys for the map at the cursor (those not
 * there yet), names by kind for reference values, and snippets for a site, a VM, a mapping
 * and a protection pair. Works on incomplete YAML: the context comes from the text
 * (yaml/yamlContext.ts), the names from the last analysis of that text.
 */
import type { Analysis } from '../analysis';
import { availabilityOf, candidateTargets, cloudCanUse } from '../rules';
import { keysAt, type JsonSchema } from '../schema';
import { yamlScalar } from './edits';
import { nicAt } from './query';
import { yamlContextAt, type YamlContext } from '../yaml';
import type { Network, Site, Span } from '../types';

export type CandidateKind = 'key' | 'network' | 'azureNetwork' | 'cloud' | 'subnet' | 'logicalNetwork' | 'value' | 'snippet';

export interface CompletionCandidate {
  readonly label: string;
  readonly kind: CandidateKind;
  readonly detail?: string;
  readonly documentation?: string;
  /** Text to insert; a snippet (with $1, ${1:x}) when `snippet`. */
  readonly insertText: string;
  readonly snippet: boolean;
  readonly replace: Span;
  /** Order among candidates (lower first). */
  readonly rank: number;
  readonly preselect?: boolean;
}

/** The lists whose items have a snippet, and the snippet's name. */
const ITEM_SNIPPETS: Readonly<Record<string, string>> = {
  sites: 'site',
  vms: 'VM',
  networkMappings: 'network mapping',
  protection: 'protection pair',
};

/** The candidates at `offset`; `ctx`: the YAML context there, when the caller has it already. */
export function completeAt(a: Analysis, offset: number, schema: JsonSchema | undefined, ctx: YamlContext = yamlContextAt(a.text, offset, a.lines, a.places.itemAt)): CompletionCandidate[] {
  const out: CompletionCandidate[] = [];
  const path = ctx.path;
  const lastSeg = path[path.length - 1];
  const listKey = typeof path[path.length - 2] === 'string' ? (path[path.length - 2] as string) : undefined;

  // An item of a list of names (a cloud's logicalNetworks, block style).
  if (ctx.position === 'key' && ctx.inItem && typeof lastSeg === 'number' && listKey === 'logicalNetworks' && path[path.length - 4] === 'clouds') {
    values(a, offset, { ...ctx, position: 'value', key: 'logicalNetworks', path: path.slice(0, -1) }, out);
    return out;
  }
  if (ctx.position === 'value') {
    values(a, offset, ctx, out);
    return out;
  }
  // Key position: the schema's keys of this map.
  if (schema && !(ctx.inItem && listKey === undefined && typeof lastSeg === 'number' && path.length === 1)) {
    const present = new Set(ctx.siblings.keys());
    for (const k of keysAt(schema, path)) {
      if (present.has(k.name) || k.deprecated) continue;
      if (excluded(path, k.name, present)) continue;
      out.push({
        label: k.name,
        kind: 'key',
        detail: k.type ? `${k.type}${k.required ? ' (required)' : ''}` : undefined,
        documentation: k.description,
        insertText: keyInsert(k.name, k.type, ctx),
        snippet: true,
        replace: ctx.replace,
        rank: k.required ? 0 : 1,
      });
    }
  }
  // Snippets for a new item of a list.
  const itemOf = ctx.inItem && typeof lastSeg === 'number' && listKey !== undefined && path.length === 2 ? listKey : undefined;
  const listHere = !ctx.inItem && typeof lastSeg === 'string' && path.length === 1 && ITEM_SNIPPETS[lastSeg] ? lastSeg : undefined;
  const which = itemOf ?? listHere;
  if (which && ITEM_SNIPPETS[which] && ctx.siblings.size === 0) {
    const body = snippetFor(a, which, itemOf ? ctx.column : ctx.column + 2);
    if (body) {
      out.push({
        label: `new ${ITEM_SNIPPETS[which]}`,
        kind: 'snippet',
        detail: `a ${ITEM_SNIPPETS[which]} (snippet)`,
        insertText: itemOf ? body : `- ${body}`,
        snippet: true,
        replace: ctx.replace,
        rank: -1,
        preselect: true,
      });
    }
  }
  return out;
}

/** Keys that exclude each other: a VM's one-NIC form and its `nics`. */
function excluded(path: readonly (string | number)[], key: string, present: ReadonlySet<string>): boolean {
  const inVm = path.length === 2 && path[0] === 'vms';
  if (!inVm) return false;
  const oneNic = ['network', 'subnet', 'ipAddress', 'targetSubnet', 'targetIpAddress', 'replica'];
  if (key === 'nics') return oneNic.some((k) => present.has(k));
  if (oneNic.includes(key)) return present.has('nics');
  return false;
}

function keyInsert(name: string, type: string | undefined, ctx: YamlContext): string {
  const inner = ' '.repeat(ctx.column + 2);
  if (type === 'array') return `${name}:\n${inner}- $0`;
  if (type === 'object') return `${name}:\n${inner}$0`;
  return `${name}: $0`;
}

function escapeChoice(s: string): string {
  return s.replace(/[\\|,$}]/g, (c) => `\\${c}`);
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function placeholder(n: number, names: readonly string[], fallback: string): string {
  const list = names.slice(0, 30).map((x) => escapeChoice(yamlScalar(x)));
  if (list.length === 0) return `\${${n}:${escapeSnippet(fallback)}}`;
  return `\${${n}|${list.join(',')}|}`;
}

/** A new item of a list, without its dash; keys at `col`. */
function snippetFor(a: Analysis, list: string, col: number): string | undefined {
  const ind = ' '.repeat(col);
  const res = a.resolution;
  const vmNetworks = a.model.vmNetworks.map((n) => n.name.value);
  const clouds = a.model.clouds.map((c) => c.name.value);
  switch (list) {
    case 'site':
    case 'sites':
      return [
        'name: ${1:Site}',
        `${ind}vmmServer: \${2:VMM-Server}`,
        `${ind}logicalNetworks:`,
        `${ind}  - name: \${3:LogicalNetwork1}`,
        `${ind}vmNetworks:`,
        `${ind}  - name: \${4:VMNetwork1}`,
        `${ind}    logicalNetwork: \${5:\${3}}`,
        `${ind}    subnets:`,
        `${ind}      - name: \${6:Subnet-A}`,
        `${ind}        addressPrefix: \${7:10.0.0.0/24}`,
        `${ind}clouds:`,
        `${ind}  - name: \${8:Cloud1}`,
        `${ind}    logicalNetworks: [\${9:\${3}}]$0`,
      ].join('\n');
    case 'vms':
      return [
        'name: ${1:VM}',
        `${ind}cloud: ${placeholder(2, clouds, 'Cloud')}`,
        `${ind}network: ${placeholder(3, vmNetworks, 'VMNetwork')}$0`,
      ].join('\n');
    case 'networkMappings':
      return [
        `source: ${placeholder(1, vmNetworks, 'VMNetwork')}`,
        `${ind}target: ${placeholder(2, [...res.networks.keys()], 'TargetNetwork')}$0`,
      ].join('\n');
    case 'protection': {
      const used = new Set<string>();
      for (const p of a.model.pairs) {
        if (p.protected) used.add(p.protected.value);
        if (p.protecting) used.add(p.protecting.value);
      }
      const free = clouds.filter((c) => !used.has(c));
      return [
        `protected: ${placeholder(1, free, 'Cloud')}`,
        `${ind}protecting: ${placeholder(2, free, 'RecoveryCloud')}$0`,
      ].join('\n');
    }
  }
  return undefined;
}

function siteAt(a: Analysis, path: readonly (string | number)[]): Site | undefined {
  if (path[0] !== 'sites' || typeof path[1] !== 'number') return undefined;
  return a.model.sites.find((s) => s.index === path[1]);
}

function networkNamed(a: Analysis, name: string | undefined): Network | undefined {
  return name === undefined || name === '' ? undefined : a.resolution.networks.get(name);
}

/** Values of the key at the cursor. */
function values(a: Analysis, offset: number, ctx: YamlContext, out: CompletionCandidate[]): void {
  const res = a.resolution;
  const key = ctx.key;
  const path = ctx.path;
  const inVm = path[0] === 'vms';
  const inReplica = path.includes('replica');
  const inMapping = path[0] === 'networkMappings';
  const inPair = path[0] === 'protection';
  const space = a.text.charAt(offset - 1) === ':' ? ' ' : '';
  let rank = 0;
  const add = (label: string, kind: CandidateKind, detail?: string, r = rank++, preselect = false): void => {
    out.push({ label, kind, detail, insertText: space + (kind === 'value' ? label : yamlScalar(label)), snippet: false, replace: ctx.replace, rank: r, preselect });
  };
  const networkDetail = (n: Network): string =>
    n.kind === 'vmNetwork' ? `VM network, ${n.site.name?.value ?? '?'}${n.site.vmmServer ? ` (${n.site.vmmServer.value})` : ''}` : `Azure virtual network${n.location ? `, ${n.location.value}` : ''}`;

  if (key === 'network' && (inVm || inReplica)) {
    for (const n of res.networks.values()) {
      if (n.kind === 'vmNetwork' || inReplica) add(n.name.value, n.kind === 'vmNetwork' ? 'network' : 'azureNetwork', networkDetail(n));
    }
    return;
  }
  if (key === 'source' && inMapping) {
    for (const n of res.networks.values()) if (n.kind === 'vmNetwork') add(n.name.value, 'network', networkDetail(n));
    return;
  }
  if (key === 'target' && inMapping) {
    const source = networkNamed(a, ctx.siblings.get('source'));
    const first = new Map<string, string>();
    if (source?.kind === 'vmNetwork') {
      for (const p of res.pairs) {
        if (res.pairOf(p.protectedCloud) !== p || !cloudCanUse(res, p.protectedCloud, source)) continue;
        const label = `${p.protectedCloud.name.value} → ${p.toAzure ? 'Azure' : (p.protectingCloud?.name.value ?? '?')}`;
        for (const t of candidateTargets(res, p)) first.set(t, first.has(t) ? `${first.get(t)!}, ${label}` : label);
      }
    }
    for (const [name, pairs] of [...first.entries()].sort((x, y) => x[0].localeCompare(y[0]))) {
      add(name, res.networks.get(name)?.kind === 'azureNetwork' ? 'azureNetwork' : 'network', `available to ${pairs}`, rank++, rank === 1);
    }
    for (const n of res.networks.values()) {
      if (first.has(n.name.value) || n === source) continue;
      const notFor = source?.kind === 'vmNetwork'
        ? res.pairs.filter((p) => res.pairOf(p.protectedCloud) === p && cloudCanUse(res, p.protectedCloud, source) && !availabilityOf(res, p, n).available)
        : [];
      const d = notFor.length ? `${networkDetail(n)}; not available to ${notFor.map((p) => p.protectedCloud.name.value).join(', ')}` : networkDetail(n);
      add(n.name.value, n.kind === 'vmNetwork' ? 'network' : 'azureNetwork', d, 1000 + rank++);
    }
    return;
  }
  if ((key === 'cloud' && inVm) || ((key === 'protected' || key === 'protecting') && inPair)) {
    const other = key === 'protecting' ? ctx.siblings.get('protected') : key === 'protected' ? ctx.siblings.get('protecting') : undefined;
    const otherCloud = other ? res.clouds.get(other) : undefined;
    const inPairs = new Set<string>();
    for (const p of a.model.pairs) for (const s of [p.protected, p.protecting]) if (s) inPairs.add(s.value);
    for (const c of res.clouds.values()) {
      if (c === otherCloud) continue;
      const free = !inPairs.has(c.name.value);
      const sameSite = otherCloud !== undefined && otherCloud.site === c.site;
      const penalty = inPair ? (free ? 0 : 100) + (sameSite ? 50 : 0) : 0;
      const pair = res.pairOf(c);
      const d = `cloud, ${c.site.name?.value ?? '?'}${pair ? ` (protected by ${pair.toAzure ? 'Azure' : (pair.protectingCloud?.name.value ?? '?')})` : inPairs.has(c.name.value) ? ' (in a pair)' : ''}`;
      add(c.name.value, 'cloud', d, penalty + rank++);
    }
    return;
  }
  if (key === 'subnet' || key === 'targetSubnet') {
    let network: Network | undefined;
    if (key === 'targetSubnet') {
      const nic = nicAt(a, offset);
      const l = nic ? a.landingIndex.landingOf(nic) : undefined;
      network = l?.failover.target;
    } else {
      network = networkNamed(a, ctx.siblings.get('network'));
    }
    for (const s of network?.subnets ?? []) add(s.name.value, 'subnet', `subnet of ${network!.name.value}${s.addressPrefix ? `, ${s.addressPrefix.value}` : ''}`);
    return;
  }
  if (key === 'logicalNetwork' || key === 'logicalNetworks') {
    const site = siteAt(a, path);
    if (!site) return;
    for (const ln of res.logicalNetworksOf(site).values()) add(ln.name.value, 'logicalNetwork', `logical network, ${site.vmmServer?.value ?? site.name?.value ?? '?'}`);
    return;
  }
  if (key === 'toAzure' || key === 'gateway') {
    add('true', 'value');
    add('false', 'value');
    return;
  }
  if (key === 'version' && path.length === 1) add('1', 'value');
}
