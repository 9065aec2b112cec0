/**
 * The network mapping panel, in the webview (bundled to dist/webview.js as an IIFE).
 * Plain DOM: every name goes in with textContent (never innerHTML), no inline handlers.
 * The host sends `update` messages (src/protocol/webview.ts), checked before use; this
 * side sends `ready`, `reveal` and `export`. Filter and sort are kept with setState, so
 * they survive a reload.
 */
import { buildDiagram, type Diagram } from './diagramModel';
import {
  isHostMessage, isPanelState, type Badge, type DriftView, type ExportFormat, type HostMessage, type PanelData, type PanelState,
  type RevealTarget, type TableId, type WebviewMessage,
} from '../protocol/webview';
import {
  allTables, countByStatus, filterRows, nextSort, sortRows, STATUS_ORDER, type Cell, type Table, type TableRow,
} from './tableModel';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const saved = api.getState();
let state: PanelState = isPanelState(saved) ? saved : { uri: null, filter: '', sort: {} };
let data: PanelData | undefined;

const SVG_NS = 'http://www.w3.org/2000/svg';
/** What each link, row, node and arrow reveals (no names in attributes). */
const targets = new WeakMap<Element, RevealTarget>();

function post(m: WebviewMessage): void {
  api.postMessage(m);
}

function saveState(): void {
  api.setState(state);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className !== undefined) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  for (const c of children) e.append(c);
  return e;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`missing #${id}`);
  return e;
}

// --- the page's frame ---------------------------------------------------------------------------

function section(id: TableId | 'diagram' | 'drift', title: string, ...tools: Node[]): HTMLElement {
  const h = el('h2', { text: title });
  h.id = `${id}-title`;
  const s = el('section', { className: 'section' }, el('div', { className: 'section-head' }, h, ...tools));
  s.id = `section-${id}`;
  s.setAttribute('aria-labelledby', h.id);
  return s;
}

function button(text: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { className: 'tool', text });
  b.type = 'button';
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

function exportButton(text: string, format: ExportFormat, table: TableId | null, title: string): HTMLButtonElement {
  return button(text, title, () => { post({ type: 'export', format, table }); });
}

function buildFrame(): void {
  const root = byId('root');
  const title = el('h1', { text: 'Network mapping' });
  title.id = 'title';
  const summary = el('p', { className: 'summary' });
  summary.id = 'summary';
  summary.setAttribute('role', 'status');
  summary.setAttribute('aria-live', 'polite');
  const header = el('header', { className: 'page-head' },
    el('div', { className: 'heading' }, title, summary),
    el('div', { className: 'tools' },
      exportButton('Export Markdown', 'markdown', null, 'Open the three tables as a Markdown document'),
      exportButton('Export SVG', 'svg', null, 'Open the diagram as an SVG document')));
  const message = el('p', { className: 'message' });
  message.id = 'message';
  message.hidden = true;

  const filter = el('input', { className: 'filter' });
  filter.id = 'filter';
  filter.type = 'search';
  filter.placeholder = 'Filter replicas (VM, network, status, TOP code…)';
  filter.setAttribute('aria-label', 'Filter replica landings');
  filter.value = state.filter;
  filter.addEventListener('input', () => {
    state = { ...state, filter: filter.value };
    saveState();
    renderTable('landings');
  });
  const counts = el('p', { className: 'counts' });
  counts.id = 'landings-counts';
  counts.setAttribute('aria-live', 'polite');

  const drift = section('drift', 'Vault drift',
    button('Clear comparison', 'Stop comparing this file with the vault export (ASR Topology: Clear Vault Comparison)', () => { post({ type: 'clearDrift' }); }));
  drift.hidden = true;
  const content = el('main', { className: 'content' },
    drift,
    section('mappings', 'Network mapping', exportButton('CSV', 'csv', 'mappings', 'Open this table as CSV')),
    section('availability', 'Target network availability', exportButton('CSV', 'csv', 'availability', 'Open this table as CSV')),
    section('landings', 'Replica landings', filter, exportButton('CSV', 'csv', 'landings', 'Open this table as CSV')),
    section('diagram', 'Diagram', exportButton('SVG', 'svg', null, 'Open the diagram as an SVG document')));
  content.id = 'content';
  root.replaceChildren(header, message, content);
  byId('section-landings').append(counts);
  for (const id of ['mappings', 'availability', 'landings'] as const) {
    const holder = el('div', { className: 'table-holder' });
    holder.id = `${id}-holder`;
    byId(`section-${id}`).append(holder);
  }
  const driftCounts = el('p', { className: 'counts' });
  driftCounts.id = 'drift-counts';
  driftCounts.setAttribute('aria-live', 'polite');
  const driftHolder = el('div', { className: 'table-holder' });
  driftHolder.id = 'drift-holder';
  byId('section-drift').append(driftCounts, driftHolder);
  const dia = el('div', { className: 'diagram-holder' });
  dia.id = 'diagram-holder';
  byId('section-diagram').append(dia);
}

// --- tables -------------------------------------------------------------------------------------

function cellNode(c: Cell): Node {
  if (c.reveal) {
    const b = el('button', { className: `link tone-${c.tone}`, text: c.text });
    b.type = 'button';
    b.title = 'Show in the editor';
    targets.set(b, c.reveal);
    return b;
  }
  return el('span', { className: `tone-${c.tone}`, text: c.text });
}

function badgeNode(b: Badge): HTMLElement {
  const s = el('span', { className: `badge sev-${b.severity}`, text: b.code });
  s.title = `${b.severity}: ${b.message}`;
  return s;
}

function rowNode(table: Table, r: TableRow): HTMLTableRowElement {
  const tr = el('tr');
  tr.tabIndex = 0;
  tr.dataset.key = r.key;
  tr.dataset.status = r.status;
  if (r.badges.length > 0) tr.classList.add('has-problems');
  const first = r.cells.find((c) => c.reveal !== null)?.reveal;
  if (first) targets.set(tr, first);
  for (const c of r.cells) tr.append(el('td', {}, cellNode(c)));
  const problems = el('td', { className: 'badges' }, ...r.badges.map(badgeNode));
  tr.append(problems);
  tr.setAttribute('aria-label', `${table.title}: ${r.cells.map((c) => c.text).join(', ')}${r.badges.length ? `; problems ${r.badges.map((b) => b.code).join(' ')}` : ''}`);
  return tr;
}

function headerNode(table: Table): HTMLTableSectionElement {
  const sort = state.sort[table.id];
  const tr = el('tr');
  table.columns.forEach((col, i) => {
    const th = el('th');
    th.scope = 'col';
    const dir = sort?.column === i ? sort.direction : undefined;
    th.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none');
    const b = el('button', { className: 'sort', text: col.title });
    b.type = 'button';
    b.title = `Sort by ${col.title}`;
    b.dataset.column = String(i);
    const ind = el('span', { className: 'sort-indicator', text: dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : '' });
    ind.setAttribute('aria-hidden', 'true');
    b.append(ind);
    b.addEventListener('click', () => {
      const next = nextSort(state.sort[table.id], i);
      const sorts: PanelState['sort'] = {};
      for (const k of ['mappings', 'availability', 'landings'] as const) {
        const s = k === table.id ? next : state.sort[k];
        if (s) sorts[k] = s;
      }
      state = { ...state, sort: sorts };
      saveState();
      renderTable(table.id, { column: i });
    });
    th.append(b);
    tr.append(th);
  });
  const p = el('th', { text: 'Problems' });
  p.scope = 'col';
  tr.append(p);
  return el('thead', {}, tr);
}

function tableOf(id: TableId): Table | undefined {
  if (!data) return undefined;
  const [m, a, l] = allTables(data);
  return id === 'mappings' ? m : id === 'availability' ? a : l;
}

/** Renders one table, keeping the focus on the same row (or sort button) across the re-render. */
function renderTable(id: TableId, focusSort?: { column: number }): void {
  const table = tableOf(id);
  const holder = byId(`${id}-holder`);
  if (!table) {
    holder.replaceChildren();
    return;
  }
  const active = document.activeElement;
  const focusedRow = active instanceof HTMLElement && holder.contains(active) ? active.closest('tr')?.dataset.key : undefined;
  const focusedCell = active instanceof HTMLElement && active.closest('td') ? [...(active.closest('tr')?.children ?? [])].indexOf(active.closest('td')!) : -1;

  const visible = sortRows(id === 'landings' ? filterRows(table.rows, state.filter) : table.rows, state.sort[id]);
  const t = el('table', { className: 'grid' });
  t.id = `${id}-table`;
  t.setAttribute('aria-labelledby', `${id}-title`);
  const body = el('tbody');
  for (const r of visible) body.append(rowNode(table, r));
  if (visible.length === 0) {
    const td = el('td', { className: 'empty', text: table.rows.length === 0 ? emptyText(id) : 'No row matches the filter.' });
    td.colSpan = table.columns.length + 1;
    body.append(el('tr', {}, td));
  }
  t.append(headerNode(table), body);
  holder.replaceChildren(t);

  if (id === 'landings') {
    const counts = countByStatus(table.rows, STATUS_ORDER.landings);
    const shown = visible.length === table.rows.length ? '' : ` — showing ${visible.length} of ${table.rows.length}`;
    byId('landings-counts').textContent = `${counts.map((c) => `${c.count} ${c.status}`).join(' · ')}${shown}`;
  }
  if (focusSort) {
    t.querySelector<HTMLButtonElement>(`thead button[data-column="${focusSort.column}"]`)?.focus();
  } else if (focusedRow !== undefined) {
    const tr = [...body.querySelectorAll('tr')].find((r) => r.dataset.key === focusedRow);
    const inner = focusedCell >= 0 ? tr?.children[focusedCell]?.querySelector('button') : undefined;
    (inner ?? tr)?.focus();
  }
}

function emptyText(id: TableId): string {
  switch (id) {
    case 'mappings': return 'No VM networks in this file.';
    case 'availability': return 'No mapping is used by a protection pair (a pair whose protected cloud can use the source network).';
    default: return 'No VMs in this file.';
  }
}

// --- vault drift ---------------------------------------------------------------------------------

const DRIFT_COLUMNS = ['Kind', 'Subject', 'Plan', 'Vault', 'Message', 'Code'] as const;

function driftRowNode(d: DriftView, index: number, version: number | null): HTMLTableRowElement {
  const tr = el('tr');
  tr.dataset.kind = d.kind;
  let subject: Node = el('span', { text: d.subject });
  if (d.inPlan) {
    const b = el('button', { className: 'link tone-plain', text: d.subject });
    b.type = 'button';
    b.title = 'Show in the editor';
    b.addEventListener('click', () => { post({ type: 'revealDrift', index, version }); });
    subject = b;
  }
  const dash = (v: string | null): HTMLElement => el('span', { className: v === null ? 'tone-muted' : 'tone-plain', text: v ?? '—' });
  tr.append(el('td', {}, el('span', { text: d.kind })), el('td', {}, subject), el('td', {}, dash(d.plan)), el('td', {}, dash(d.vault)),
    el('td', {}, el('span', { text: d.message })), el('td', {}, el('span', { className: 'badge sev-warning', text: d.code })));
  tr.setAttribute('aria-label', `Drift ${d.kind}: ${d.message}`);
  return tr;
}

function renderDrift(): void {
  const sectionNode = byId('section-drift');
  const drift = data?.drift;
  sectionNode.hidden = drift === undefined || drift === null;
  if (!drift || !data) return;
  byId('drift-counts').textContent = drift.length === 0
    ? 'The vault matches the plan: no drift.'
    : `${drift.length} ${drift.length === 1 ? 'difference' : 'differences'} between the plan and the vault export. Click a subject to select it in the plan (those only the vault has are shown on their top-level key).`;
  const t = el('table', { className: 'grid' });
  t.id = 'drift-table';
  t.setAttribute('aria-labelledby', 'drift-title');
  const head = el('tr');
  for (const c of DRIFT_COLUMNS) {
    const th = el('th', { text: c });
    th.scope = 'col';
    head.append(th);
  }
  const body = el('tbody');
  const version = data.version;
  drift.forEach((d, i) => { body.append(driftRowNode(d, i, version)); });
  t.append(el('thead', {}, head), body);
  byId('drift-holder').replaceChildren(t);
}

// --- diagram ------------------------------------------------------------------------------------

function focusable(g: SVGGElement, label: string, target: RevealTarget | null): void {
  if (!target) return;
  g.setAttribute('tabindex', '0');
  g.setAttribute('role', 'button');
  g.setAttribute('aria-label', label);
  g.classList.add('clickable');
  targets.set(g, target);
}

function title(text: string): SVGTitleElement {
  const t = svg('title');
  t.textContent = text;
  return t;
}

function renderDiagram(d: Diagram): void {
  const root = svg('svg', { width: d.width, height: d.height, viewBox: `0 0 ${d.width} ${d.height}`, class: 'diagram', role: 'group' });
  root.setAttribute('aria-label', 'Diagram of the network mappings');
  const defs = svg('defs');
  for (const k of ['available', 'partly-unavailable', 'unavailable'] as const) {
    const m = svg('marker', { id: `arrow-${k}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    m.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: `arrowhead state-${k}` }));
    defs.append(m);
  }
  root.append(defs);
  for (const g of d.groups) {
    const node = svg('g', { class: `group${g.azure ? ' azure' : ''}` });
    node.append(title(g.label),
      svg('rect', { x: g.box.x, y: g.box.y, width: g.box.width, height: g.box.height, rx: 6 }));
    const text = svg('text', { x: g.box.x + 12, y: g.box.y + 22, class: 'group-label' });
    text.textContent = g.label;
    node.append(text);
    focusable(node, `Site ${g.label}`, g.reveal);
    root.append(node);
  }
  for (const e of d.edges) {
    const g = svg('g', { class: `edge state-${e.state}` });
    g.dataset.source = e.source;
    g.dataset.target = e.target;
    g.append(title(e.title), svg('path', { d: e.path, class: 'edge-line', 'marker-end': `url(#arrow-${e.state})` }));
    const label = svg('text', { x: e.label.x, y: e.label.y, class: 'edge-label', 'text-anchor': 'middle' });
    label.textContent = e.label.text;
    g.append(label);
    focusable(g, `Mapping ${e.title.replace(/\n/g, '; ')}`, e.reveal);
    root.append(g);
  }
  for (const n of d.nodes) {
    const g = svg('g', { class: `node${n.azure ? ' azure' : ''}${n.unmapped ? ' unmapped' : ''}` });
    g.append(title(n.unmapped ? `${n.name} (not mapped)` : n.name),
      svg('rect', { x: n.box.x, y: n.box.y, width: n.box.width, height: n.box.height, rx: 4 }));
    const text = svg('text', { x: n.box.x + n.box.width / 2, y: n.box.y + n.box.height / 2 + 4, 'text-anchor': 'middle', class: 'node-label' });
    text.textContent = n.label;
    g.append(text);
    focusable(g, `${n.azure ? 'Azure virtual network' : 'VM network'} ${n.name}${n.unmapped ? ', not mapped' : ''}`, n.reveal);
    root.append(g);
  }
  const legend = el('p', { className: 'legend', text: 'Arrows: network mappings, labelled with the replicas that land through them. Dashed red: the target is not available to a protection pair (hover for which). Dashed box: not mapped.' });
  byId('diagram-holder').replaceChildren(root, legend);
}

// --- updates -------------------------------------------------------------------------------------

function showMessage(text: string | null): void {
  const m = byId('message');
  m.textContent = text ?? '';
  m.hidden = text === null;
  byId('content').hidden = text !== null && !data;
}

function render(): void {
  if (!data) return;
  byId('title').textContent = `Network mapping: ${data.fileName}`;
  const p = data.problems;
  const connected = data.landings.filter((l) => l.failover.status === 'connected').length;
  const protectedNics = data.landings.filter((l) => l.failover.status !== 'not-protected').length;
  byId('summary').textContent = `${connected} of ${protectedNics} protected NICs connect on failover · ${p.errors} errors, ${p.warnings} warnings, ${p.infos} infos`;
  renderDrift();
  for (const id of ['mappings', 'availability', 'landings'] as const) renderTable(id);
  renderDiagram(buildDiagram(data));
  document.body.dataset.version = String(data.version ?? '');
}

function onMessage(m: HostMessage): void {
  if (m.type === 'update') {
    data = m.data;
    if (state.uri !== m.data.uri) {
      state = { ...state, uri: m.data.uri };
      saveState();
    }
    showMessage(null);
    render();
  } else {
    showMessage(m.message);
  }
}

// --- events ------------------------------------------------------------------------------------------

function revealFrom(target: EventTarget | null): boolean {
  let e = target instanceof Element ? target : null;
  while (e) {
    const t = targets.get(e);
    if (t) {
      post({ type: 'reveal', target: t });
      return true;
    }
    if (e instanceof HTMLTableRowElement) return false;
    e = e.parentElement;
  }
  return false;
}

document.addEventListener('click', (ev) => {
  const e = ev.target instanceof Element ? ev.target : null;
  // Links and diagram items reveal; a click elsewhere in a row only focuses it.
  if (e?.closest('button.link, g.clickable')) revealFrom(e.closest('button.link, g.clickable'));
});

document.addEventListener('keydown', (ev) => {
  const e = ev.target instanceof Element ? ev.target : null;
  if (!e) return;
  if (e instanceof SVGGElement && (ev.key === 'Enter' || ev.key === ' ')) {
    ev.preventDefault();
    revealFrom(e);
    return;
  }
  const tr = e.closest('tbody tr');
  if (!(tr instanceof HTMLTableRowElement)) return;
  if (ev.key === 'Enter' && e === tr) {
    ev.preventDefault();
    revealFrom(tr);
  } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    ev.preventDefault();
    const next = ev.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
    if (next instanceof HTMLTableRowElement && next.tabIndex === 0) next.focus();
  } else if (ev.key === 'Home' || ev.key === 'End') {
    const rows = tr.parentElement?.querySelectorAll<HTMLTableRowElement>('tr[tabindex="0"]');
    const target = rows ? (ev.key === 'Home' ? rows[0] : rows[rows.length - 1]) : undefined;
    if (target) {
      ev.preventDefault();
      target.focus();
    }
  }
});

window.addEventListener('message', (ev: MessageEvent<unknown>) => {
  if (isHostMessage(ev.data)) onMessage(ev.data);
});

buildFrame();
showMessage('Loading…');
post({ type: 'ready' });
