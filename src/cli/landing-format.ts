/**
 * `landings` output: table (for a terminal), JSON, Markdown and CSV. Pure: rows in, text out.
 */
import type { Landing } from '../core/types';
import { landingRow, type LandingRow } from '../core/features';
import { failbackWords, failoverWords, ipWords, place } from '../core/wording';

export interface LandingView {
  readonly row: LandingRow;
  /** The replica's IP address is Site Recovery's likely pick, not a setting (to Azure). */
  readonly ipPredicted: boolean;
}

export function landingView(landing: Landing): LandingView {
  return { row: landingRow(landing), ipPredicted: landing.failover.ipSource === 'predicted' };
}

export function formatLandingsJson(views: readonly LandingView[]): string {
  return JSON.stringify({ landings: views.map((v) => v.row) }) + '\n';
}

// ---------------------------------------------------------------------------------------
// CSV: one column per JSON field, named by its path; RFC 4180 (CRLF, quotes doubled).
// ---------------------------------------------------------------------------------------

export const CSV_COLUMNS = [
  'vm',
  'nic',
  'cloud',
  'network',
  'subnet',
  'failover.status',
  'failover.reason',
  'failover.cloud',
  'failover.azure',
  'failover.network',
  'failover.subnet',
  'failover.subnetRule',
  'failover.ipAddress',
  'failback.status',
  'failback.network',
  'failback.subnet',
] as const;

function csvValues(r: LandingRow): (string | number | boolean | null)[] {
  const fo = r.failover;
  const fb = r.failback;
  return [
    r.vm, r.nic, r.cloud, r.network, r.subnet,
    fo.status, fo.reason, fo.cloud, fo.azure, fo.network, fo.subnet, fo.subnetRule, fo.ipAddress,
    fb.status, fb.network, fb.subnet,
  ];
}

/** A field as RFC 4180 wants it: quoted when it holds a comma, a quote, CR or LF. null is empty. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatLandingsCsv(views: readonly LandingView[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const v of views) lines.push(csvValues(v.row).map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------
// What a person reads: the table and the Markdown share these words.
// ---------------------------------------------------------------------------------------

/** "network / subnet", empty when there is no network. */
function placeOrEmpty(network: string | null, subnet: string | null): string {
  return network === null ? '' : place(network, subnet);
}

function replicaSite(r: LandingRow): string {
  if (r.failover.status === 'not-protected') return '';
  return r.failover.azure ? 'Azure' : (r.failover.cloud ?? '');
}

function ipOf(v: LandingView): string {
  return ipWords(v.row.failover.ipAddress, v.ipPredicted);
}

// ---------------------------------------------------------------------------------------
// Table: aligned plain-text columns for a terminal.
// ---------------------------------------------------------------------------------------

/** Width in columns, counting code points (no East Asian width table: close enough for names). */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function alignColumns(rows: readonly (readonly string[])[], gap = 2): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell) + gap)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

function tableFailover(v: LandingView): string {
  const r = v.row;
  if (r.failover.status !== 'connected') return failoverWords(r.failover);
  let s = `${replicaSite(r)}: ${placeOrEmpty(r.failover.network, r.failover.subnet)}`;
  if (r.failover.subnetRule) s += ` (${r.failover.subnetRule})`;
  const ip = ipOf(v);
  if (ip) s += `, ${ip}`;
  return s;
}

function tableFailback(r: LandingRow): string {
  return r.failback.status === 'connected' ? placeOrEmpty(r.failback.network, r.failback.subnet) : failbackWords(r.failback.status);
}

export function formatLandingsTable(views: readonly LandingView[]): string {
  if (views.length === 0) return 'No VMs: nothing lands anywhere.\n';
  const rows: string[][] = [['VM', 'NIC', 'CLOUD', 'NETWORK / SUBNET', 'FAILOVER (replica lands on)', 'FAILBACK (original VM on)']];
  for (const v of views) {
    const r = v.row;
    rows.push([r.vm, String(r.nic), r.cloud ?? '-', placeOrEmpty(r.network, r.subnet) || '-', tableFailover(v), tableFailback(r)]);
  }
  return alignColumns(rows) + '\n';
}

// ---------------------------------------------------------------------------------------
// Markdown: a GitHub-flavoured table, like the article's.
// ---------------------------------------------------------------------------------------

/** A cell's text: pipes and backslashes escaped, line breaks made spaces, empty as an em dash. */
export function markdownCell(s: string | null): string {
  if (s === null || s === '') return '—';
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/([*_`[\]<>])/g, '\\$1');
}

export function formatLandingsMarkdown(views: readonly LandingView[]): string {
  const header = [
    'VM', 'NIC', 'Cloud', 'Network', 'Subnet',
    'Failover', 'Replica in', 'Replica network', 'Replica subnet', 'Subnet rule', 'Replica IP address',
    'Failback', 'Failback network', 'Failback subnet',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
  for (const v of views) {
    const r = v.row;
    const cells = [
      r.vm, String(r.nic), r.cloud, r.network, r.subnet,
      failoverWords(r.failover), replicaSite(r), r.failover.network, r.failover.subnet, r.failover.subnetRule, ipOf(v),
      failbackWords(r.failback.status), r.failback.network, r.failback.subnet,
    ];
    lines.push(`| ${cells.map(markdownCell).join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}
