/**
 * Messages between the mapping panel's host (src/client/panel) and its webview
 * (src/webview/main.ts). Plain types and hand-written guards, no DOM and no VS Code: both
 * sides import this file and check every message they receive (a malformed one is ignored).
 */

import type { FailbackStatus, FailoverStatus, LandingRow } from '../core/features';
import type { SubnetRule } from '../core/types';
import type { AvailabilityRow, MappingRow } from '../core/features';
import type { DriftRow } from './requests';

export const PANEL_VIEW_TYPE = 'asrTopology.mappings';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A diagnostic shown as a badge on a row. */
export interface Badge {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
}

export type { FailbackStatus, FailoverStatus, SubnetRule };

/** One NIC's landing: the spec §5 row (the CLI's JSON) and its badges. */
export interface LandingView extends LandingRow {
  /** How many NICs the VM has (a "NIC n" label only where there are several). */
  readonly nicCount: number;
  readonly badges: readonly Badge[];
}

/** A row of the article's first table, with its badges. */
export interface MappingView extends MappingRow {
  readonly badges: readonly Badge[];
}

/** A row of the article's "target network available" table, with its badges. */
export interface AvailabilityView extends AvailabilityRow {
  readonly badges: readonly Badge[];
}

/** One difference between the plan and the vault export it is compared with (Compare with Vault Export…): the server's row without its offsets. */
export interface DriftView extends Omit<DriftRow, 'node' | 'shownAt'> {
  /** Whether the plan has a node for it (a click selects it); false: only the vault has it. */
  readonly inPlan: boolean;
}

/** Everything the panel shows, for one version of one document. */
export interface PanelData {
  readonly uri: string;
  readonly fileName: string;
  readonly version: number | null;
  readonly landings: readonly LandingView[];
  readonly mappings: readonly MappingView[];
  readonly availability: readonly AvailabilityView[];
  /** Azure virtual networks of the file, in order (the diagram shows them even when unused). */
  readonly azureNetworks: readonly string[];
  /** The document's problems, by severity. */
  readonly problems: { readonly errors: number; readonly warnings: number; readonly infos: number };
  /** The drift from the vault export; null or absent: the document is not compared with one. */
  readonly drift?: readonly DriftView[] | null;
}

/** What a click asks the host to reveal: kinds of src/core/features/tables.ts DefinitionRow, and 'network' (either kind). */
export type RevealKind =
  | 'site' | 'logicalNetwork' | 'vmNetwork' | 'azureNetwork' | 'network' | 'subnet' | 'cloud' | 'pair' | 'mapping'
  | 'vm' | 'nic';

export interface RevealTarget {
  readonly kind: RevealKind;
  readonly name: string;
  /** A subnet's network, a mapping's target, a pair's protecting cloud; null: any. */
  readonly scope: string | null;
  /** A NIC's index, a mapping's or pair's index; null: any. */
  readonly index: number | null;
}

export type ExportFormat = 'markdown' | 'csv' | 'svg';
export type TableId = 'mappings' | 'availability' | 'landings';

export type SortDirection = 'asc' | 'desc';
export interface SortState {
  readonly column: number;
  readonly direction: SortDirection;
}

/** What the webview keeps with vscode.setState (restored after a reload). */
export interface PanelState {
  readonly uri: string | null;
  readonly filter: string;
  readonly sort: Partial<Record<TableId, SortState>>;
}

// --- messages -----------------------------------------------------------------------------

export type HostMessage =
  | { readonly type: 'update'; readonly data: PanelData }
  | { readonly type: 'status'; readonly state: 'no-document' | 'loading' | 'unavailable'; readonly message: string };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly target: RevealTarget }
  | { readonly type: 'export'; readonly format: ExportFormat; readonly table: TableId | null }
  /** Select the plan's node of the drift row `index` (of the data last sent). */
  | { readonly type: 'revealDrift'; readonly index: number; readonly version: number | null }
  | { readonly type: 'clearDrift' };

// --- guards ---------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isStr(v: unknown): v is string {
  return typeof v === 'string';
}
function isStrOrNull(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}
function isBool(v: unknown): v is boolean {
  return typeof v === 'boolean';
}
function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
function oneOf<T extends string>(values: readonly T[]): (v: unknown) => v is T {
  return (v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
}
function arrayOf<T>(v: unknown, item: (x: unknown) => x is T): v is T[] {
  return Array.isArray(v) && v.every((x) => item(x));
}

const isSeverity = oneOf<Severity>(['error', 'warning', 'information', 'hint']);
const isFailoverStatus = oneOf<FailoverStatus>(['connected', 'not-connected', 'not-protected']);
const isFailbackStatus = oneOf<FailbackStatus>(['connected', 'disconnected', 'not-applicable']);
const isSubnetRule = oneOf<SubnetRule>(['name-match', 'first-subnet', 'target-setting']);
const isReason = oneOf<'unmapped' | 'unavailable'>(['unmapped', 'unavailable']);
export const isRevealKind = oneOf<RevealKind>([
  'site', 'logicalNetwork', 'vmNetwork', 'azureNetwork', 'network', 'subnet', 'cloud', 'pair', 'mapping', 'vm', 'nic',
]);
export const isExportFormat = oneOf<ExportFormat>(['markdown', 'csv', 'svg']);
export const isTableId = oneOf<TableId>(['mappings', 'availability', 'landings']);

export function isBadge(v: unknown): v is Badge {
  return isObj(v) && isStr(v.code) && isSeverity(v.severity) && isStr(v.message);
}

export function isLandingView(v: unknown): v is LandingView {
  if (!isObj(v)) return false;
  const fo = v.failover;
  const fb = v.failback;
  return isStr(v.vm) && isIndex(v.nic) && isStrOrNull(v.cloud) && isStrOrNull(v.network) && isStrOrNull(v.subnet)
    && isIndex(v.nicCount) && arrayOf(v.badges, isBadge)
    && isObj(fo) && isFailoverStatus(fo.status) && (fo.reason === null || isReason(fo.reason)) && isStrOrNull(fo.cloud)
    && isBool(fo.azure) && isStrOrNull(fo.network) && isStrOrNull(fo.subnet)
    && (fo.subnetRule === null || isSubnetRule(fo.subnetRule)) && isStrOrNull(fo.ipAddress)
    && isObj(fb) && isFailbackStatus(fb.status) && isStrOrNull(fb.network) && isStrOrNull(fb.subnet);
}

export function isMappingView(v: unknown): v is MappingView {
  return isObj(v) && isStrOrNull(v.location) && isStrOrNull(v.vmmServer) && isStr(v.vmNetwork) && isStrOrNull(v.mappedTo)
    && isStrOrNull(v.mappedToAzure) && isStrOrNull(v.mapsBack) && isBool(v.mapsBackToSource) && arrayOf(v.badges, isBadge);
}

export function isAvailabilityView(v: unknown): v is AvailabilityView {
  return isObj(v) && isStr(v.source) && isStr(v.target) && isStr(v.protectedCloud) && isStrOrNull(v.protectingCloud)
    && isBool(v.azure) && isBool(v.available) && isStrOrNull(v.missingLogicalNetwork) && arrayOf(v.badges, isBadge);
}

export function isDriftView(v: unknown): v is DriftView {
  return isObj(v) && isStr(v.kind) && isStr(v.subject) && isStrOrNull(v.plan) && isStrOrNull(v.vault) && isStr(v.message)
    && isStr(v.code) && isBool(v.inPlan);
}

export function isPanelData(v: unknown): v is PanelData {
  if (!isObj(v)) return false;
  const p = v.problems;
  return isStr(v.uri) && isStr(v.fileName) && (v.version === null || isIndex(v.version))
    && arrayOf(v.landings, isLandingView) && arrayOf(v.mappings, isMappingView) && arrayOf(v.availability, isAvailabilityView)
    && arrayOf(v.azureNetworks, isStr)
    && (v.drift === undefined || v.drift === null || arrayOf(v.drift, isDriftView))
    && isObj(p) && isIndex(p.errors) && isIndex(p.warnings) && isIndex(p.infos);
}

export function isRevealTarget(v: unknown): v is RevealTarget {
  return isObj(v) && isRevealKind(v.kind) && isStr(v.name) && v.name.length <= 10_000 && isStrOrNull(v.scope)
    && (v.index === null || isIndex(v.index));
}

function isSortState(v: unknown): v is SortState {
  return isObj(v) && isIndex(v.column) && (v.direction === 'asc' || v.direction === 'desc');
}

export function isPanelState(v: unknown): v is PanelState {
  if (!isObj(v) || !isStrOrNull(v.uri) || !isStr(v.filter) || !isObj(v.sort)) return false;
  const sort = v.sort;
  return Object.keys(sort).every((k) => isTableId(k) && isSortState(sort[k]));
}

export function isHostMessage(v: unknown): v is HostMessage {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'update': return isPanelData(v.data);
    case 'status': return (v.state === 'no-document' || v.state === 'loading' || v.state === 'unavailable') && isStr(v.message);
    default: return false;
  }
}

export function isWebviewMessage(v: unknown): v is WebviewMessage {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'ready': return true;
    case 'reveal': return isRevealTarget(v.target);
    case 'export': return isExportFormat(v.format) && (v.table === null || isTableId(v.table));
    case 'revealDrift': return isIndex(v.index) && (v.version === null || isIndex(v.version));
    case 'clearDrift': return true;
    default: return false;
  }
}
