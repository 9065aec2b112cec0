/**
 * The panel host's pure logic (no VS Code): turning the server's answer and the document's
 * diagnostics (as offsets) into the webview's data with a badge per row, and a clicked
 * name into the definition to select. Unit-tested in test/unit/panel-protocol.test.ts.
 */
import type { DefinitionRow } from '../../core/features';
import type { AvailabilityView, LandingsResponse, Badge, DriftView, LandingView, MappingView, PanelData, RevealTarget, Severity } from '../../protocol';

/** A diagnostic of the document, its range as offsets. */
export interface OffsetDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

interface Span { readonly start: number; readonly end: number }

function inside(d: OffsetDiagnostic, s: Span): boolean {
  return d.start >= s.start && d.end <= s.end;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

function badges(ds: readonly OffsetDiagnostic[]): Badge[] {
  const seen = new Set<string>();
  const out: Badge[] = [];
  for (const d of [...ds].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.start - b.start)) {
    const key = `${d.code}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ code: d.code, severity: d.severity, message: d.message });
  }
  return out;
}

/** The definition a click means: kind, name, and scope/index where given. */
export function findDefinition(defs: readonly DefinitionRow[], t: RevealTarget): DefinitionRow | undefined {
  const kindOk = (k: DefinitionRow['kind']): boolean =>
    t.kind === 'network' ? k === 'vmNetwork' || k === 'azureNetwork' : k === t.kind;
  const candidates = defs.filter((d) => kindOk(d.kind) && d.name === t.name);
  return candidates.find((d) => (t.scope === null || d.scope === t.scope) && (t.index === null || d.index === t.index))
    ?? (t.kind === 'mapping' || t.kind === 'subnet' ? undefined : candidates[0]);
}

export function landingBadges(defs: readonly DefinitionRow[], ds: readonly OffsetDiagnostic[], vm: string, nic: number): Badge[] {
  const vmDef = defs.find((d) => d.kind === 'vm' && d.name === vm);
  const nicDefs = defs.filter((d) => d.kind === 'nic' && d.name === vm);
  const own = nicDefs.find((d) => d.index === nic);
  if (!vmDef) return [];
  return badges(ds.filter((d) => {
    if (own && inside(d, own.node)) return true;
    // The VM's own values (its name, its cloud): in the VM but in none of its NICs' items.
    // (In the one-NIC form the NIC is the VM itself, covered above.)
    return inside(d, vmDef.node) && !nicDefs.some((n) => inside(d, n.node));
  }));
}

export function mappingBadges(defs: readonly DefinitionRow[], ds: readonly OffsetDiagnostic[], vmNetwork: string): Badge[] {
  const net = defs.find((d) => d.kind === 'vmNetwork' && d.name === vmNetwork);
  const maps = defs.filter((d) => d.kind === 'mapping' && d.name === vmNetwork);
  // A VM network's node holds its subnets: those are the network's problems too.
  return badges(ds.filter((d) => (net !== undefined && inside(d, net.node)) || maps.some((m) => inside(d, m.node))));
}

export function availabilityBadges(
  defs: readonly DefinitionRow[], ds: readonly OffsetDiagnostic[], source: string, target: string, available: boolean,
  protectedCloud: string,
): Badge[] {
  const maps = defs.filter((d) => d.kind === 'mapping' && d.name === source && d.scope === target);
  return badges(ds.filter((d) => {
    if (!maps.some((m) => inside(d, m.node))) return false;
    // TOP021 is reported once per pair at the same target: keep the one that names this pair.
    if (d.code === 'TOP021') return !available && d.message.includes(protectedCloud);
    return true;
  }));
}

function countProblems(ds: readonly OffsetDiagnostic[]): PanelData['problems'] {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of ds) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** The webview's data: the server's rows as they are, each with the badges of its diagnostics. */
export function toPanelData(
  r: LandingsResponse, ds: readonly OffsetDiagnostic[], uri: string, fileName: string,
): PanelData {
  const defs = r.definitions;
  const nicCount = new Map<string, number>();
  for (const l of r.landings) nicCount.set(l.vm, (nicCount.get(l.vm) ?? 0) + 1);
  const landings = r.landings.map((l): LandingView => ({
    ...l, nicCount: nicCount.get(l.vm) ?? 1, badges: landingBadges(defs, ds, l.vm, l.nic),
  }));
  const mappings = r.mappings.map((m): MappingView => ({ ...m, badges: mappingBadges(defs, ds, m.vmNetwork) }));
  const availability = r.availability.map((a): AvailabilityView => ({
    ...a, badges: availabilityBadges(defs, ds, a.source, a.target, a.available, a.protectedCloud),
  }));
  return {
    uri, fileName, version: r.version, landings, mappings, availability,
    azureNetworks: defs.filter((d) => d.kind === 'azureNetwork').map((d) => d.name),
    problems: countProblems(ds),
    drift: r.drift ? r.drift.map((d): DriftView => ({
      kind: d.kind, subject: d.subject, plan: d.plan, vault: d.vault, message: d.message, code: d.code, inPlan: d.node !== null,
    })) : null,
  };
}
