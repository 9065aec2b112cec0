/**
 * The panel's tables as plain data: columns, rows of cells (text, what a click reveals,
 * a tone), sorting, filtering, counts by status, and the Markdown and CSV exports.
 * No DOM and no VS Code: the webview renders it, the host exports with it, unit tests read it.
 */
import type {
  Badge, LandingView, MappingView, PanelData, RevealTarget, SortState, TableId,
} from '../protocol/webview';
import {
  availabilityText, landingStatus, landingStatusText, noFailbackText, noFailoverNetworkText, place,
} from '../core/wording';

export type Tone = 'plain' | 'ok' | 'warn' | 'bad' | 'muted';

export interface Cell {
  readonly text: string;
  /** What clicking the cell reveals in the editor; null: not a link. */
  readonly reveal: RevealTarget | null;
  readonly tone: Tone;
}

export interface Column {
  readonly id: string;
  readonly title: string;
}

export interface TableRow {
  /** Stable key (for focus after a re-render). */
  readonly key: string;
  /** Position in the server's order (the tie-break of every sort). */
  readonly order: number;
  readonly cells: readonly Cell[];
  /** For the counts: 'connected', 'not connected', 'not protected'; 'mapped', 'not mapped'; 'available', 'not available'. */
  readonly status: string;
  readonly badges: readonly Badge[];
}

export interface Table {
  readonly id: TableId;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly TableRow[];
}

const DASH = '—';

function ref(kind: RevealTarget['kind'], name: string | null, scope: string | null = null, index: number | null = null): RevealTarget | null {
  return name === null || name === '' ? null : { kind, name, scope, index };
}
function cell(text: string | null, reveal: RevealTarget | null = null, tone: Tone = 'plain'): Cell {
  return { text: text ?? DASH, reveal: text === null ? null : reveal, tone: text === null ? 'muted' : tone };
}

// --- the article's first table ------------------------------------------------------------

export const MAPPING_COLUMNS: readonly Column[] = [
  { id: 'location', title: 'Location' },
  { id: 'vmmServer', title: 'VMM server' },
  { id: 'vmNetwork', title: 'VM network' },
  { id: 'mappedTo', title: 'Mapped to' },
  { id: 'mapsBack', title: 'Maps back' },
];

function mappedToCell(m: MappingView): Cell {
  if (m.mappedTo !== null && m.mappedToAzure !== null) {
    return cell(`Mapped to ${m.mappedTo}; Azure: ${m.mappedToAzure}`, ref('network', m.mappedTo), 'ok');
  }
  if (m.mappedTo !== null) return cell(`Mapped to ${m.mappedTo}`, ref('mapping', m.vmNetwork, m.mappedTo), 'ok');
  if (m.mappedToAzure !== null) return cell(`Mapped to ${m.mappedToAzure} (Azure)`, ref('mapping', m.vmNetwork, m.mappedToAzure), 'ok');
  return cell('Not mapped', null, 'warn');
}

function mapsBackCell(m: MappingView): Cell {
  if (m.mappedTo === null) return cell(null);
  if (m.mapsBack === null) return cell('Not mapped back', null, 'warn');
  const text = m.mapsBackToSource ? `${m.mapsBack} (back to the source)` : `${m.mapsBack} (not the source)`;
  return cell(text, ref('mapping', m.mappedTo, m.mapsBack), m.mapsBackToSource ? 'ok' : 'warn');
}

export function mappingsTable(data: Pick<PanelData, 'mappings'>): Table {
  const rows = data.mappings.map((m, i): TableRow => ({
    key: `m:${m.vmNetwork}:${i}`,
    order: i,
    status: m.mappedTo !== null || m.mappedToAzure !== null ? 'mapped' : 'not mapped',
    badges: m.badges,
    cells: [
      cell(m.location, ref('site', m.location)),
      cell(m.vmmServer, ref('site', m.location)),
      cell(m.vmNetwork, ref('vmNetwork', m.vmNetwork)),
      mappedToCell(m),
      mapsBackCell(m),
    ],
  }));
  return { id: 'mappings', title: 'Network mapping', columns: MAPPING_COLUMNS, rows };
}

// --- the article's "target network available" table ----------------------------------------

export const AVAILABILITY_COLUMNS: readonly Column[] = [
  { id: 'target', title: 'Select (target)' },
  { id: 'source', title: 'Source' },
  { id: 'protectedCloud', title: 'Protected cloud' },
  { id: 'protectingCloud', title: 'Protecting cloud' },
  { id: 'available', title: 'Target network available' },
];

export function availabilityTable(data: Pick<PanelData, 'availability'>): Table {
  const rows = data.availability.map((a, i): TableRow => ({
    key: `a:${a.source}:${a.target}:${a.protectedCloud}:${i}`,
    order: i,
    status: a.available ? 'available' : 'not available',
    badges: a.badges,
    cells: [
      cell(a.target, ref('mapping', a.source, a.target)),
      cell(a.source, ref('network', a.source)),
      cell(a.protectedCloud, ref('cloud', a.protectedCloud)),
      a.azure ? cell('Azure', ref('pair', a.protectedCloud)) : cell(a.protectingCloud, ref('cloud', a.protectingCloud)),
      cell(availabilityText(a), a.available ? null : ref('cloud', a.protectingCloud), a.available ? 'ok' : 'bad'),
    ],
  }));
  return { id: 'availability', title: 'Target network availability', columns: AVAILABILITY_COLUMNS, rows };
}

// --- replica landings -------------------------------------------------------------------------

export const LANDING_COLUMNS: readonly Column[] = [
  { id: 'vm', title: 'VM' },
  { id: 'cloud', title: 'Cloud' },
  { id: 'network', title: 'Source network' },
  { id: 'subnet', title: 'Source subnet' },
  { id: 'failoverNetwork', title: 'Failover network' },
  { id: 'failoverSubnet', title: 'Failover subnet (rule)' },
  { id: 'ip', title: 'Predicted IP' },
  { id: 'failback', title: 'Failback' },
  { id: 'status', title: 'Status' },
];

function failoverNetworkCell(l: LandingView): Cell {
  const fo = l.failover;
  if (fo.status !== 'connected') return cell(noFailoverNetworkText(fo.status), null, fo.status === 'not-protected' ? 'muted' : 'bad');
  return cell(fo.azure ? `${fo.network ?? DASH} (Azure)` : fo.network, ref('network', fo.network));
}

function failoverSubnetCell(l: LandingView): Cell {
  const fo = l.failover;
  if (fo.status !== 'connected' || fo.subnet === null) return cell(null);
  const rule = fo.subnetRule ? ` (${fo.subnetRule})` : '';
  return cell(`${fo.subnet}${rule}`, ref('subnet', fo.subnet, fo.network), fo.subnetRule === 'first-subnet' ? 'warn' : 'plain');
}

function failbackCell(l: LandingView): Cell {
  const fb = l.failback;
  if (fb.status !== 'connected') return cell(noFailbackText(fb.status), null, fb.status === 'not-applicable' ? 'muted' : 'bad');
  const text = place(fb.network ?? DASH, fb.subnet);
  const back = fb.network === l.network;
  return cell(text, ref('network', fb.network), back ? 'ok' : 'warn');
}

export function landingsTable(data: Pick<PanelData, 'landings'>): Table {
  const rows = data.landings.map((l, i): TableRow => {
    const status = landingStatus(l.failover);
    const tone: Tone = status === 'connected' ? 'ok' : status === 'not protected' ? 'muted' : 'bad';
    const ip = l.failover.status === 'connected' && l.failover.ipAddress !== null ? l.failover.ipAddress : null;
    return {
      key: `l:${l.vm}:${l.nic}:${i}`,
      order: i,
      status,
      badges: l.badges,
      cells: [
        // The VM's name selects that name; a row of one NIC of several selects that NIC.
        l.nicCount > 1 ? cell(`${l.vm} (NIC ${l.nic})`, ref('nic', l.vm, null, l.nic)) : cell(l.vm, ref('vm', l.vm)),
        cell(l.cloud, ref('cloud', l.cloud)),
        cell(l.network, ref('network', l.network)),
        cell(l.subnet, ref('subnet', l.subnet, l.network)),
        failoverNetworkCell(l),
        failoverSubnetCell(l),
        cell(ip),
        failbackCell(l),
        cell(landingStatusText(l.failover), null, tone),
      ],
    };
  });
  return { id: 'landings', title: 'Replica landings', columns: LANDING_COLUMNS, rows };
}

export function allTables(data: PanelData): [Table, Table, Table] {
  return [mappingsTable(data), availabilityTable(data), landingsTable(data)];
}

// --- view operations ---------------------------------------------------------------------

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Sorted copy: by the column's text (numbers in names compare as numbers), ties in server order; '—' last. */
export function sortRows(rows: readonly TableRow[], sort: SortState | undefined): TableRow[] {
  const copy = [...rows];
  if (!sort) return copy.sort((a, b) => a.order - b.order);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return copy.sort((a, b) => {
    const x = a.cells[sort.column]?.text ?? '';
    const y = b.cells[sort.column]?.text ?? '';
    if (x !== y && (x === DASH || y === DASH)) return x === DASH ? 1 : -1;
    return sign * collator.compare(x, y) || a.order - b.order;
  });
}

/** Rows whose text (cells, status and badge codes) contains every word of the query, ignoring case. */
export function filterRows(rows: readonly TableRow[], query: string): TableRow[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const hay = [...r.cells.map((c) => c.text), r.status, ...r.badges.map((b) => b.code)].join('\n').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export interface StatusCount {
  readonly status: string;
  readonly count: number;
}

/** How many rows have each status, in the order of `order` (statuses with no rows included as 0). */
export function countByStatus(rows: readonly TableRow[], order: readonly string[] = []): StatusCount[] {
  const counts = new Map<string, number>(order.map((s) => [s, 0]));
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return [...counts].map(([status, count]) => ({ status, count }));
}

export const STATUS_ORDER: Record<TableId, readonly string[]> = {
  mappings: ['mapped', 'not mapped'],
  availability: ['available', 'not available'],
  landings: ['connected', 'not connected', 'not protected'],
};

/** The next sort when a column's header is activated: ascending, descending, then none. */
export function nextSort(current: SortState | undefined, column: number): SortState | undefined {
  if (!current || current.column !== column) return { column, direction: 'asc' };
  if (current.direction === 'asc') return { column, direction: 'desc' };
  return undefined;
}

// --- exports -------------------------------------------------------------------------------

function problemsText(r: TableRow): string {
  return r.badges.map((b) => b.code).join(' ');
}

function mdEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/([*_`[\]<>#])/g, '\\$1');
}

export function tableToMarkdown(t: Table): string {
  const withProblems = t.rows.some((r) => r.badges.length > 0);
  const header = [...t.columns.map((c) => c.title), ...(withProblems ? ['Problems'] : [])];
  const lines = [
    `| ${header.map(mdEscape).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...t.rows.map((r) => `| ${[...r.cells.map((c) => c.text), ...(withProblems ? [problemsText(r)] : [])].map(mdEscape).join(' | ')} |`),
  ];
  return lines.join('\n');
}

function csvField(s: string): string {
  // A leading = + - @ would be a formula in a spreadsheet: quote it with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180: CRLF line ends, fields quoted where needed; a 'Problems' column (diagnostic codes) last. */
export function tableToCsv(t: Table): string {
  const header = [...t.columns.map((c) => c.title), 'Problems'];
  const lines = [header, ...t.rows.map((r) => [...r.cells.map((c) => c.text), problemsText(r)])];
  return `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export function dataToMarkdown(data: PanelData): string {
  const [m, a, l] = allTables(data);
  const counts = countByStatus(l.rows, STATUS_ORDER.landings).map((c) => `${c.count} ${c.status}`).join(', ');
  return [
    `# Network mapping: ${mdEscape(data.fileName)}`,
    '',
    `## ${m.title}`, '', tableToMarkdown(m), '',
    `## ${a.title}`, '', a.rows.length > 0 ? tableToMarkdown(a) : '_No mapping is used by a protection pair._', '',
    `## ${l.title}`, '', `Replicas: ${counts}.`, '', l.rows.length > 0 ? tableToMarkdown(l) : '_No VMs._', '',
  ].join('\n');
}

export function tableById(data: PanelData, id: TableId): Table {
  const [m, a, l] = allTables(data);
  return id === 'mappings' ? m : id === 'availability' ? a : l;
}
