/**
 * Hover contents as Markdown, built from the analysis only: landings are told with the
 * sentences of wording.ts, availability comes from the analysis' availability rows, and
 * the diagnostics shown are the analysis' own. Nothing is decided here.
 */
import type { Analysis } from '../analysis';
import { describeEntity, explainAddress, explainFailback, explainFailover, pairArrow, pairLabel } from '../wording';
import { describeKey, type JsonSchema } from '../schema';
import { mappingFor } from '../rules';
import {
  diagnosticsWithin, entityAt, entityOfName, indexOf, nameAt, nicAt,
} from './query';
import { lineElements, yamlContextAt, type ItemHint, type LineIndex, type PathSegment } from '../yaml';
import type {
  Availability, Cloud, Diagnostic, Landing, Network, NetworkMapping, Nic, PairInfo, ProtectionPair, Span, Vm,
} from '../types';

export interface HoverResult {
  readonly markdown: string;
  /** The node the hover is about (the word under the cursor). */
  readonly span: Span;
}

const SHOW = 5;

/** Markdown text: escapes the characters Markdown would read as formatting. */
export function md(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`);
}

function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

function firstNames(names: readonly string[], n = SHOW): string {
  const distinct = [...new Set(names)];
  const shown = distinct.slice(0, n).map(code).join(', ');
  return distinct.length > n ? `${shown} and ${distinct.length - n} more` : shown;
}

/** Lines to Markdown; an item starting with two spaces and a newline continues the line before (a hard break). */
function join(lines: readonly string[]): string {
  return lines.join('\n').replace(/\n {2}\n/g, '  \n');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function diagnosticsBlock(ds: readonly Diagnostic[]): string[] {
  if (ds.length === 0) return [];
  return ['', ...ds.map((d) => `- **${d.code}** (${d.severity}): ${md(d.message)}`)];
}

/** The YAML path of the key at an offset, and the key's span; undefined off a key. */
export function keyPathAt(text: string, offset: number, index?: LineIndex, itemAt?: ItemHint): { path: PathSegment[]; span: Span } | undefined {
  let ls = offset;
  while (ls > 0 && text[ls - 1] !== '\n') ls--;
  let le = offset;
  while (le < text.length && text[le] !== '\n' && text[le] !== '\r') le++;
  const line = text.slice(ls, le);
  const col = offset - ls;
  const key = lineElements(line).find((e) => e.kind === 'key');
  if (!key?.key) return undefined;
  const raw = line.slice(key.col, line.indexOf(':', key.col));
  if (col < key.col || col > key.col + raw.length) return undefined;
  const ctx = yamlContextAt(text, ls + key.col, index, itemAt);
  return { path: [...ctx.path, key.key], span: { start: ls + key.col, end: ls + key.col + raw.trimEnd().length } };
}

/** The hover at an offset, or undefined where there is nothing to say. */
export function hoverAt(a: Analysis, offset: number, schema: JsonSchema | undefined): HoverResult | undefined {
  const sections: string[] = [];
  let span: Span | undefined;

  const key = keyPathAt(a.text, offset, a.lines, a.places.itemAt);
  if (key && schema) {
    const d = describeKey(schema, key.path);
    sections.push(`${code(key.path.filter((p) => typeof p === 'string').join('.'))}${d ? `\n\n${d}` : ''}`);
    span = key.span;
  }

  const name = nameAt(a, offset);
  const entity = name ? entityOfName(name) : undefined;
  const around = entityAt(a, offset);
  if (name && !span) span = name.str.span;

  // A mapping: its values or anywhere in its item.
  if (around?.kind === 'mapping') {
    sections.push(mappingHover(a, around));
  } else if (entity && (entity.kind === 'cloud')) {
    sections.push(cloudHover(a, entity));
  } else if (around?.kind === 'pair') {
    sections.push(pairHover(a, around));
  } else if (around?.kind === 'vm' || around?.kind === 'nic') {
    const nic = nicAt(a, offset);
    const vm = around.kind === 'vm' ? around : around.vm;
    const onVmName = name?.kind === 'definition' && name.entity === vm;
    if (onVmName || !nic) {
      sections.push(vmHover(a, vm));
    } else {
      sections.push(nicHover(a, nic, true));
    }
    if (entity && (entity.kind === 'vmNetwork' || entity.kind === 'azureNetwork') && name?.kind === 'reference') {
      sections.push(networkHover(a, entity));
    }
  } else if (entity && (entity.kind === 'vmNetwork' || entity.kind === 'azureNetwork')) {
    sections.push(networkHover(a, entity));
  } else if (entity) {
    sections.push(`**${md(describeEntity(entity))}**`);
  }
  if (sections.length === 0) return undefined;
  return { markdown: sections.join('\n\n---\n\n'), span: span ?? { start: offset, end: offset } };
}

// --- VMs and NICs -------------------------------------------------------------------------

function landingLines(l: Landing): string[] {
  const lines = [`**Failover**: ${md(explainFailover(l))}`];
  const ip = explainAddress(l);
  if (ip) lines.push(`**IP address**: ${md(ip)}`);
  lines.push(`**Failback**: ${md(explainFailback(l).replace(/^Failback: /, ''))}`);
  return lines;
}

function nicTitle(nic: Nic): string {
  const where = [nic.network ? code(nic.network.value) : 'no network', nic.subnet ? code(nic.subnet.value) : undefined]
    .filter((x) => x !== undefined)
    .join(' / ');
  return nic.vm.nics.length > 1 || nic.span !== nic.vm.span ? `NIC ${nic.index} (${where})` : `NIC on ${where}`;
}

export function nicHover(a: Analysis, nic: Nic, withTitle: boolean): string {
  const l = indexOf(a).landingOf(nic);
  const out: string[] = [];
  if (withTitle) out.push(`**VM ${code(nic.vm.name.value)}** · ${nicTitle(nic)}${cloudSuffix(a, nic.vm)}`, '');
  if (!l) {
    out.push('No landing computed for this NIC.');
    return join(out);
  }
  out.push(landingLines(l).join('  \n'));
  out.push(...diagnosticsBlock(diagnosticsWithin(a, nic.span).filter((d) => nic.span !== nic.vm.span || !isVmLevel(a, d, nic.vm))));
  return join(out);
}

function isVmLevel(_a: Analysis, d: Diagnostic, vm: Vm): boolean {
  return vm.cloud !== undefined && d.span.start === vm.cloud.span.start && d.span.end === vm.cloud.span.end;
}

function cloudSuffix(a: Analysis, vm: Vm): string {
  const c = a.resolution.target(vm.cloud);
  if (c?.kind !== 'cloud') return vm.cloud ? ` · cloud ${code(vm.cloud.value)}` : '';
  const pair = a.resolution.pairOf(c);
  return ` · ${code(c.name.value)} → ${pair ? (pair.toAzure ? 'Azure' : code(pair.protectingCloud?.name.value ?? '?')) : 'not protected'}`;
}

export function vmHover(a: Analysis, vm: Vm): string {
  const out = [`**VM ${code(vm.name.value)}**${cloudSuffix(a, vm)}`];
  if (vm.nics.length === 1 && vm.nics[0]!.span === vm.span) {
    out.push('', nicHover(a, vm.nics[0]!, false));
    return join(out);
  }
  for (const nic of vm.nics) out.push('', `*${nicTitle(nic)}*`, '', nicHover(a, nic, false));
  const own = diagnosticsWithin(a, vm.span).filter((d) => !vm.nics.some((n) => n.span !== vm.span && d.span.start >= n.span.start && d.span.end <= n.span.end));
  out.push(...diagnosticsBlock(own));
  return join(out);
}

// --- Networks -----------------------------------------------------------------------------

function availabilityTable(rows: readonly Availability[], withTarget: boolean): string[] {
  if (rows.length === 0) return [];
  const head = withTarget
    ? ['| Target network | Protected cloud | Protecting cloud | Target network available |', '| --- | --- | --- | --- |']
    : ['| Protected cloud | Protecting cloud | Target network available |', '| --- | --- | --- |'];
  const body = rows.map((r) => {
    const avail = r.available ? 'Available' : `Not available${r.missingLogicalNetwork ? ` (lacks ${md(r.missingLogicalNetwork)})` : ''}`;
    const q = r.pair.toAzure ? 'Azure' : md(r.pair.protectingCloud?.name.value ?? '?');
    const cells = [md(r.pair.protectedCloud.name.value), q, avail];
    if (withTarget) cells.unshift(md(r.target.name.value));
    return `| ${cells.join(' | ')} |`;
  });
  return ['', ...head, ...body];
}

export function networkHover(a: Analysis, n: Network): string {
  const res = a.resolution;
  const idx = indexOf(a);
  const out: string[] = [];
  if (n.kind === 'vmNetwork') {
    out.push(`**VM network ${code(n.name.value)}** · site ${md(n.site.name?.value ?? '?')}${n.site.vmmServer ? ` · VMM server ${code(n.site.vmmServer.value)}` : ''}`);
    const ln = res.logicalNetworkOf(n);
    out.push('', `Logical network: ${ln ? code(ln.name.value) : n.logicalNetwork ? `${code(n.logicalNetwork.value)} (unknown)` : 'not set'}`);
  } else {
    const facts = [n.location ? `location ${code(n.location.value)}` : undefined, n.resourceGroup ? `resource group ${code(n.resourceGroup.value)}` : undefined]
      .filter((x): x is string => x !== undefined);
    out.push(`**Azure virtual network ${code(n.name.value)}**${facts.length ? ` · ${facts.join(' · ')}` : ''}`, '');
  }
  const subnets = n.subnets.map((s) => `${code(s.name.value)}${s.addressPrefix ? ` (${md(s.addressPrefix.value)})` : ''}`);
  out.push(`${n.kind === 'vmNetwork' ? '  \n' : ''}Subnets: ${subnets.length ? subnets.join(', ') : 'none'}`);

  if (n.kind === 'vmNetwork') {
    const toVm = mappingFor(res, n, 'vmNetwork');
    const toAzure = mappingFor(res, n, 'azureNetwork');
    const outs: string[] = [];
    if (toVm) outs.push(code(toVm.target.name.value));
    if (toAzure) outs.push(`${code(toAzure.target.name.value)} (Azure)`);
    out.push('', `**Mapped to**: ${outs.length ? outs.join(', ') : 'Not mapped'}`);
    if (toVm) {
      const back = mappingFor(res, toVm.target, 'vmNetwork');
      out.push(`  \n**Maps back**: ${back ? `${code(toVm.target.name.value)} → ${code(back.target.name.value)}${back.target === n ? '' : ' (not to this network)'}` : `${code(toVm.target.name.value)} is not mapped back: VMs disconnect on failback`}`);
    }
    out.push(...availabilityTable(a.availability.filter((r) => r.source === n), true));
  }
  const into = res.mappingsTo(n).map((m) => m.source?.value).filter((x): x is string => x !== undefined);
  if (into.length) out.push('', `Mapped from: ${firstNames(into)}`);

  const nics = idx.nicsOn(n);
  const arriving = idx.landingsOn(n);
  if (n.kind === 'vmNetwork' || nics.length) out.push('', `VMs on it: ${nics.length ? `${plural(new Set(nics.map((x) => x.vm)).size, 'VM')} (${firstNames(nics.map((x) => x.vm.name.value))})` : 'none'}`);
  out.push(`${nics.length || n.kind === 'vmNetwork' ? '  \n' : '\n'}Replicas landing on it: ${arriving.length ? `${plural(arriving.length, 'NIC')} (${firstNames(arriving.map((l) => l.vm.name.value))})` : 'none'}`);
  return join(out);
}

// --- Mappings -----------------------------------------------------------------------------

export function mappingHover(a: Analysis, m: NetworkMapping): string {
  const res = a.resolution;
  const idx = indexOf(a);
  const source = res.target(m.source);
  const target = res.target(m.target);
  const out = [`**Network mapping** ${code(m.source?.value ?? '?')} → ${code(m.target?.value ?? '?')}`];
  const facts: string[] = [];
  if (source?.kind === 'vmNetwork' || source?.kind === 'azureNetwork') facts.push(`from ${md(describeEntity(source))}`);
  if (target?.kind === 'vmNetwork' || target?.kind === 'azureNetwork') facts.push(`to ${md(describeEntity(target))}`);
  if (facts.length) out.push('', facts.join('  \n'));
  const rows = a.availability.filter((r) => r.mapping === m);
  out.push(...availabilityTable(rows, false));
  if (rows.length === 0 && source?.kind === 'vmNetwork') out.push('', 'No protection pair replicates this network\'s VMs to a network of this kind.');
  if (target?.kind === 'vmNetwork' && source?.kind === 'vmNetwork') {
    const back = mappingFor(res, target, 'vmNetwork');
    out.push('', `**Way back**: ${back ? `${code(target.name.value)} → ${code(back.target.name.value)}` : `${code(target.name.value)} is not mapped back`}`);
  }
  const moved = idx.landingsVia(m);
  out.push('', `**Moves**: ${moved.length ? `${plural(new Set(moved.map((l) => l.vm)).size, 'VM')} (${firstNames(moved.map((l) => l.vm.name.value))})` : 'no replica'}`);
  out.push(...diagnosticsBlock(diagnosticsWithin(a, m.span)));
  return join(out);
}

// --- Clouds and pairs ---------------------------------------------------------------------

function protectingPairs(a: Analysis, c: Cloud): PairInfo[] {
  return a.resolution.pairs.filter((p) => p.protectingCloud === c && a.resolution.pairOf(p.protectedCloud) === p);
}

export function cloudHover(a: Analysis, c: Cloud): string {
  const res = a.resolution;
  const out = [`**Cloud ${code(c.name.value)}** · site ${md(c.site.name?.value ?? '?')}${c.site.vmmServer ? ` · VMM server ${code(c.site.vmmServer.value)}` : ''}`];
  const lns = [...res.cloudLogicalNetworks(c)].map((l) => code(l.name.value));
  out.push('', `Logical networks: ${lns.length ? lns.join(', ') : 'none'}`);
  const pair = res.pairOf(c);
  const partners = protectingPairs(a, c);
  const roles: string[] = [];
  if (pair) roles.push(`protected by ${pair.toAzure ? 'Azure' : code(pair.protectingCloud?.name.value ?? '?')}`);
  for (const p of partners) roles.push(`protects ${code(p.protectedCloud.name.value)}`);
  out.push(`  \nProtection: ${roles.length ? roles.join('; ') : 'not in any pair'}`);
  out.push(...cloudCounts(a, c));
  return join(out);
}

function cloudCounts(a: Analysis, c: Cloud): string[] {
  const vms = new Set<Vm>();
  const unmapped = new Map<string, Set<string>>();
  let arriving = 0;
  for (const l of a.landings) {
    if (l.cloud === c) {
      vms.add(l.vm);
      if (l.failover.reason === 'unmapped' && l.network) {
        const set = unmapped.get(l.network.name.value) ?? new Set<string>();
        set.add(l.vm.name.value);
        unmapped.set(l.network.name.value, set);
      }
    }
    if (l.failover.status === 'connected' && l.failover.pair?.protectingCloud === c) arriving++;
  }
  const out = [`  \nVMs: ${vms.size}${vms.size ? ` (${firstNames([...vms].map((v) => v.name.value))})` : ''}`];
  if (arriving) out.push(`  \nReplicas arriving here: ${plural(arriving, 'NIC')}`);
  if (unmapped.size) {
    out.push('', `**Unmapped networks in use**: ${[...unmapped.entries()].map(([n, v]) => `${code(n)} (${plural(v.size, 'VM')})`).join(', ')}`);
  }
  return out;
}

export function pairHover(a: Analysis, p: ProtectionPair): string {
  const res = a.resolution;
  const info = res.pairs.find((x) => x.pair === p);
  const title = info ? pairLabel(info) : pairArrow(p.protected?.value, p.toAzure, p.protecting?.value);
  const out = [`**Protection pair** ${md(title)}`];
  const prot = res.target(p.protected);
  const q = res.target(p.protecting);
  if (prot?.kind === 'cloud') out.push('', `*Protected* ${cloudHover(a, prot).replace(/^\*\*Cloud/, '**Cloud')}`);
  if (q?.kind === 'cloud') out.push('', `*Protecting* ${cloudHover(a, q)}`);
  else if (p.toAzure) out.push('', '*Protecting*: Azure (replicas land on the Azure virtual networks the VM networks are mapped to).');
  out.push(...diagnosticsBlock(diagnosticsWithin(a, p.span)));
  return join(out);
}
