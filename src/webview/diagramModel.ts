/**
 * The panel's diagram as plain data: groups (one column per site, Azure last), nodes (VM
 * networks, Azure virtual networks), edges (network mappings, with replica counts and the
 * pairs they are not available to) and a deterministic layout in SVG user units. Also the
 * diagram as a standalone SVG document (the export), with every name XML-escaped.
 * No DOM and no VS Code.
 */
import type { PanelData, RevealTarget } from '../protocol/webview';

export const LAYOUT = {
  pad: 16,
  colWidth: 240,
  colGap: 120,
  header: 34,
  nodeWidth: 204,
  nodeHeight: 34,
  nodeGap: 18,
  groupPadBottom: 14,
  /** Vertical offset of the two arrows of a mapping and its way back. */
  pairOffset: 7,
  /** Characters that fit in a node (12 px font); longer names are cut with an ellipsis. */
  maxChars: 27,
} as const;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DiagramGroup {
  readonly id: string;
  readonly label: string;
  readonly azure: boolean;
  readonly box: Box;
  readonly reveal: RevealTarget | null;
}

export interface DiagramNode {
  readonly id: string;
  readonly name: string;
  /** The name as drawn (cut to fit). */
  readonly label: string;
  readonly group: string;
  readonly azure: boolean;
  /** No mapping starts here. */
  readonly unmapped: boolean;
  readonly box: Box;
  readonly reveal: RevealTarget;
}

export type EdgeState = 'available' | 'partly-unavailable' | 'unavailable';

export interface DiagramEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly azure: boolean;
  readonly state: EdgeState;
  /** "SilverCloud1 → SilverCloud2" for each pair the target is not available to. */
  readonly unavailableTo: readonly string[];
  /** NICs whose replicas land on the target through this mapping. */
  readonly replicas: number;
  /** SVG path data. */
  readonly path: string;
  readonly label: { readonly x: number; readonly y: number; readonly text: string };
  readonly title: string;
  readonly reveal: RevealTarget;
}

export interface Diagram {
  readonly width: number;
  readonly height: number;
  readonly groups: readonly DiagramGroup[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

export function cut(name: string, max: number = LAYOUT.maxChars): string {
  const chars = Array.from(name); // code points: never cuts a surrogate pair in half
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const NO_SITE = '(no site)';

export function buildDiagram(data: Pick<PanelData, 'mappings' | 'availability' | 'landings' | 'azureNetworks'>): Diagram {
  const L = LAYOUT;
  // Columns: sites in the order their VM networks come, then Azure.
  const columns: { label: string; azure: boolean; site: string | null; names: string[] }[] = [];
  const columnOf = new Map<string, number>();
  const nodeColumn = new Map<string, number>();
  const sourcesMapped = new Set<string>();
  for (const m of data.mappings) {
    const label = m.location ?? NO_SITE;
    let c = columnOf.get(label);
    if (c === undefined) {
      c = columns.length;
      columnOf.set(label, c);
      columns.push({ label, azure: false, site: m.location, names: [] });
    }
    if (!nodeColumn.has(m.vmNetwork)) {
      nodeColumn.set(m.vmNetwork, c);
      columns[c]!.names.push(m.vmNetwork);
    }
    if (m.mappedTo !== null || m.mappedToAzure !== null) sourcesMapped.add(m.vmNetwork);
  }
  const azureNames = [...data.azureNetworks];
  for (const m of data.mappings) {
    if (m.mappedToAzure !== null && !azureNames.includes(m.mappedToAzure)) azureNames.push(m.mappedToAzure);
  }
  if (azureNames.length > 0) {
    const c = columns.length;
    columns.push({ label: 'Azure', azure: true, site: null, names: [] });
    for (const n of azureNames) {
      if (nodeColumn.has(n)) continue;
      nodeColumn.set(n, c);
      columns[c]!.names.push(n);
    }
  }

  const groups: DiagramGroup[] = [];
  const nodes: DiagramNode[] = [];
  const nodeBox = new Map<string, Box>();
  const rowsMax = Math.max(1, ...columns.map((c) => c.names.length));
  const groupHeight = L.header + rowsMax * (L.nodeHeight + L.nodeGap) - L.nodeGap + L.groupPadBottom;
  columns.forEach((col, ci) => {
    const x = L.pad + ci * (L.colWidth + L.colGap);
    const id = col.azure ? 'azure' : `site:${col.label}`;
    groups.push({
      id, label: col.label, azure: col.azure,
      box: { x, y: L.pad, width: L.colWidth, height: groupHeight },
      reveal: col.site !== null ? { kind: 'site', name: col.site, scope: null, index: null } : null,
    });
    col.names.forEach((name, i) => {
      const box = { x: x + (L.colWidth - L.nodeWidth) / 2, y: L.pad + L.header + i * (L.nodeHeight + L.nodeGap), width: L.nodeWidth, height: L.nodeHeight };
      nodeBox.set(name, box);
      nodes.push({
        id: `n:${name}`, name, label: cut(name), group: id, azure: col.azure,
        unmapped: !col.azure && !sourcesMapped.has(name), box,
        reveal: { kind: col.azure ? 'azureNetwork' : 'vmNetwork', name, scope: null, index: null },
      });
    });
  });

  // Edges: one per mapping (VMM and Azure).
  const pairs: { source: string; target: string; azure: boolean }[] = [];
  for (const m of data.mappings) {
    if (m.mappedTo !== null && nodeBox.has(m.mappedTo)) pairs.push({ source: m.vmNetwork, target: m.mappedTo, azure: false });
    if (m.mappedToAzure !== null && nodeBox.has(m.mappedToAzure)) pairs.push({ source: m.vmNetwork, target: m.mappedToAzure, azure: true });
  }
  const has = new Set(pairs.map((p) => `${p.source}\u0000${p.target}`));
  const edges = pairs.map((p): DiagramEdge => {
    const rows = data.availability.filter((a) => a.source === p.source && a.target === p.target);
    const unavailableTo = rows.filter((a) => !a.available).map((a) => `${a.protectedCloud} → ${a.protectingCloud ?? 'Azure'}`);
    const state: EdgeState = unavailableTo.length === 0 ? 'available' : unavailableTo.length === rows.length ? 'unavailable' : 'partly-unavailable';
    const replicas = data.landings.filter((l) => l.network === p.source && l.failover.status === 'connected'
      && l.failover.network === p.target && l.failover.azure === p.azure).length;
    const s = nodeBox.get(p.source)!;
    const t = nodeBox.get(p.target)!;
    const cs = nodeColumn.get(p.source)!;
    const ct = nodeColumn.get(p.target)!;
    const reverse = has.has(`${p.target}\u0000${p.source}`);
    // Going right: above the middle; going left: below (so a mapping and its way back don't overlap).
    const off = reverse ? (ct >= cs ? -L.pairOffset : L.pairOffset) : 0;
    const y1 = s.y + s.height / 2 + off;
    const y2 = t.y + t.height / 2 + off;
    let path: string;
    let lx: number;
    let ly: number;
    if (ct === cs) {
      const x1 = s.x + s.width;
      const x2 = t.x + t.width;
      const bulge = x1 + 40 + Math.abs(y2 - y1) / 4;
      path = `M ${x1} ${y1} C ${bulge} ${y1}, ${bulge} ${y2}, ${x2} ${y2}`;
      lx = x1 + 34;
      ly = (y1 + y2) / 2;
    } else {
      const right = ct > cs;
      const x1 = right ? s.x + s.width : s.x;
      const x2 = right ? t.x : t.x + t.width;
      const mx = (x1 + x2) / 2;
      path = `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`;
      lx = mx;
      ly = (y1 + y2) / 2 + (off < 0 ? -8 : off > 0 ? 16 : -6);
    }
    const parts = [plural(replicas, 'replica', 'replicas')];
    if (state !== 'available') parts.push(state === 'unavailable' ? 'not available' : 'partly not available');
    const text = parts.join(' · ');
    const title = [
      `${p.source} → ${p.target}${p.azure ? ' (Azure)' : ''}`,
      `${plural(replicas, 'replica lands', 'replicas land')} on ${p.target}`,
      ...unavailableTo.map((u) => `Not available to ${u}`),
    ].join('\n');
    return {
      id: `e:${p.source}:${p.target}`, source: p.source, target: p.target, azure: p.azure, state, unavailableTo, replicas,
      path, label: { x: Math.round(lx * 10) / 10, y: Math.round(ly * 10) / 10, text }, title,
      reveal: { kind: 'mapping', name: p.source, scope: p.target, index: null },
    };
  });

  const width = columns.length === 0 ? 2 * L.pad + L.colWidth : 2 * L.pad + columns.length * L.colWidth + (columns.length - 1) * L.colGap;
  const height = 2 * L.pad + groupHeight;
  return { width, height, groups, nodes, edges };
}

// --- the standalone SVG (export) ---------------------------------------------------------------

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    // Characters XML 1.0 does not allow at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
}

const EXPORT_COLORS = {
  background: '#ffffff', text: '#1f1f1f', muted: '#616161', group: '#f3f3f3', groupBorder: '#c8c8c8', azure: '#e8f1fb',
  node: '#ffffff', nodeBorder: '#0078d4', unmapped: '#8a8a8a', edge: '#0078d4', bad: '#c72e2e', partly: '#b76e00',
} as const;

/** The diagram as a standalone SVG document, in light colours, for the export. */
export function diagramToSvg(d: Diagram, title: string): string {
  const c = EXPORT_COLORS;
  const edgeColor = (e: DiagramEdge): string => (e.state === 'unavailable' ? c.bad : e.state === 'partly-unavailable' ? c.partly : c.edge);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${d.width}" height="${d.height}" viewBox="0 0 ${d.width} ${d.height}" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${xmlEscape(title)}</title>`,
    '<defs>',
    ...(['edge', 'bad', 'partly'] as const).map((k) =>
      `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${c[k]}"/></marker>`),
    '</defs>',
    `<rect width="100%" height="100%" fill="${c.background}"/>`,
  ];
  for (const g of d.groups) {
    out.push(`<g><title>${xmlEscape(g.label)}</title><rect x="${g.box.x}" y="${g.box.y}" width="${g.box.width}" height="${g.box.height}" rx="6" fill="${g.azure ? c.azure : c.group}" stroke="${c.groupBorder}"/>`
      + `<text x="${g.box.x + 12}" y="${g.box.y + 22}" font-weight="600" fill="${c.text}">${xmlEscape(cut(g.label, 30))}</text></g>`);
  }
  for (const e of d.edges) {
    const k = e.state === 'unavailable' ? 'bad' : e.state === 'partly-unavailable' ? 'partly' : 'edge';
    const dash = e.state === 'available' ? '' : ' stroke-dasharray="5 3"';
    out.push(`<g><title>${xmlEscape(e.title)}</title><path d="${e.path}" fill="none" stroke="${edgeColor(e)}" stroke-width="1.6"${dash} marker-end="url(#arrow-${k})"/>`
      + `<text x="${e.label.x}" y="${e.label.y}" text-anchor="middle" font-size="11" fill="${edgeColor(e)}">${xmlEscape(e.label.text)}</text></g>`);
  }
  for (const n of d.nodes) {
    const dash = n.unmapped ? ' stroke-dasharray="4 3"' : '';
    out.push(`<g><title>${xmlEscape(n.name)}</title><rect x="${n.box.x}" y="${n.box.y}" width="${n.box.width}" height="${n.box.height}" rx="4" fill="${c.node}" stroke="${n.unmapped ? c.unmapped : c.nodeBorder}"${dash}/>`
      + `<text x="${n.box.x + n.box.width / 2}" y="${n.box.y + n.box.height / 2 + 4}" text-anchor="middle" fill="${n.unmapped ? c.muted : c.text}">${xmlEscape(n.label)}</text></g>`);
  }
  out.push('</svg>', '');
  return out.join('\n');
}
