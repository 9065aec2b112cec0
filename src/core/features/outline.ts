/**
 * The document outline: sites › VMM server, logical networks, VM networks (› subnets),
 * clouds; Azure virtual networks; protection pairs; network mappings; VMs (› NICs). Plain
 * data with spans; the server turns it into LSP DocumentSymbols.
 */
import type { Analysis } from '../analysis';
import { describeEntity } from '../wording';
import type { Network, Span } from '../types';

export type OutlineKind =
  | 'section' | 'site' | 'vmmServer' | 'logicalNetwork' | 'vmNetwork' | 'azureNetwork' | 'subnet' | 'cloud' | 'pair'
  | 'mapping' | 'vm' | 'nic';

export interface OutlineNode {
  readonly name: string;
  readonly detail?: string;
  readonly kind: OutlineKind;
  /** The whole node. */
  readonly span: Span;
  /** What to select: the name. */
  readonly selection: Span;
  readonly children: OutlineNode[];
}

function node(name: string, kind: OutlineKind, span: Span, selection: Span, detail?: string, children: OutlineNode[] = []): OutlineNode {
  // The selection must lie within the node.
  const sel = selection.start >= span.start && selection.end <= span.end ? selection : { start: span.start, end: span.start };
  return { name: name === '' ? '?' : name, kind, span, selection: sel, children, ...(detail !== undefined ? { detail } : {}) };
}

function cover(spans: readonly Span[]): Span {
  let start = Number.MAX_SAFE_INTEGER;
  let end = 0;
  for (const s of spans) {
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  return start > end ? { start: 0, end: 0 } : { start, end };
}

function subnetsOf(n: Network): OutlineNode[] {
  return n.subnets.map((s) => node(s.name.value, 'subnet', s.span, s.name.span, s.addressPrefix?.value));
}

export function outline(a: Analysis): OutlineNode[] {
  const m = a.model;
  const out: OutlineNode[] = [];
  for (const site of m.sites) {
    const children: OutlineNode[] = [];
    if (site.vmmServer) children.push(node(site.vmmServer.value, 'vmmServer', site.vmmServer.span, site.vmmServer.span, 'VMM server'));
    for (const ln of site.logicalNetworks) children.push(node(ln.name.value, 'logicalNetwork', ln.span, ln.name.span, 'logical network'));
    for (const n of site.vmNetworks) children.push(node(n.name.value, 'vmNetwork', n.span, n.name.span, n.logicalNetwork?.value, subnetsOf(n)));
    for (const c of site.clouds) children.push(node(c.name.value, 'cloud', c.span, c.name.span, 'cloud'));
    const sel = site.name?.span ?? { start: site.span.start, end: site.span.start };
    out.push(node(site.name?.value ?? `site ${site.index}`, 'site', site.span, sel, site.vmmServer?.value, children));
  }
  if (m.azureNetworks.length) {
    const kids = m.azureNetworks.map((n) => node(n.name.value, 'azureNetwork', n.span, n.name.span, n.location?.value, subnetsOf(n)));
    const span = cover(kids.map((k) => k.span));
    out.push(node('Azure virtual networks', 'section', span, { start: span.start, end: span.start }, undefined, kids));
  }
  if (m.pairs.length) {
    const kids = m.pairs.map((p) => {
      const name = `${p.protected?.value ?? '?'} → ${p.toAzure ? 'Azure' : (p.protecting?.value ?? '?')}`;
      return node(name, 'pair', p.span, p.protected?.span ?? p.span, 'protection pair');
    });
    const span = cover(kids.map((k) => k.span));
    out.push(node('Protection', 'section', span, { start: span.start, end: span.start }, undefined, kids));
  }
  if (m.mappings.length) {
    const kids = m.mappings.map((mp) => node(describeEntity(mp).replace(/^mapping /, ''), 'mapping', mp.span, mp.source?.span ?? mp.span, 'network mapping'));
    const span = cover(kids.map((k) => k.span));
    out.push(node('Network mappings', 'section', span, { start: span.start, end: span.start }, undefined, kids));
  }
  if (m.vms.length) {
    const kids = m.vms.map((vm) => {
      const nics = vm.nics.length > 1 || vm.nics[0]?.span !== vm.span
        ? vm.nics.map((n) => node(`NIC ${n.index}`, 'nic', n.span, n.network?.span ?? n.span, n.network?.value))
        : [];
      return node(vm.name.value, 'vm', vm.span, vm.name.span, vm.cloud?.value, nics);
    });
    const span = cover(kids.map((k) => k.span));
    out.push(node('VMs', 'section', span, { start: span.start, end: span.start }, `${m.vms.length}`, kids));
  }
  return out;
}
