/**
 * The vault comparisons of open documents (*Compare with Vault Export…*): per document, the
 * vault export files it is compared with, and the drift of each version (the core's driftOf,
 * computed once per analysis) as diagnostics (TOP070–TOP078) and as the mapping panel's rows.
 * A drift with no node in the plan is shown where the core's `driftShownAt` says (the
 * top-level key it belongs under).
 */
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Analysis } from '../core/analysis';
import { codeHref, codeInfo } from '../core/codes';
import { driftAgainst, driftShownAt, readJson, readVault, type Drift, type EstateInput, type VaultFacts } from '../core/estate';
import type { Severity } from '../core/types';
import { SOURCE, toSeverity } from './convert';
import type { DriftRow } from '../protocol';
import type { Settings } from './settings';

export function driftRow(a: Analysis, d: Drift): DriftRow {
  const node = d.span ? { start: d.span.start, end: d.span.end } : null;
  return {
    kind: d.kind, subject: d.subject, plan: d.plan, vault: d.vault, message: d.message, code: d.code,
    node, shownAt: driftShownAt(a, d),
  };
}

interface Compared {
  /** The vault exports, read once (each version's drift compares with them, not re-reading the JSON). */
  readonly vault: VaultFacts;
  /** The drift of the last analysis asked about (a new version makes a new analysis). */
  last?: { readonly analysis: Analysis; readonly rows: DriftRow[] };
}

export class VaultComparisons {
  private readonly docs = new Map<string, Compared>();

  constructor(private readonly log: (where: string, err: unknown) => void) {}

  /** Compares `uri` with `inputs` from now on; answers the drift of `a` (throws, and keeps nothing, on an input it can't read). */
  set(uri: string, a: Analysis, inputs: readonly EstateInput[]): DriftRow[] {
    const vault = readVault(inputs.map((input) => ({ input, value: readJson(input) })));
    const rows = driftAgainst(a, vault).map((d) => driftRow(a, d));
    this.docs.set(uri, { vault, last: { analysis: a, rows } });
    return rows;
  }

  clear(uri: string): boolean {
    return this.docs.delete(uri);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  /** The drift of this analysis of `uri`; null when `uri` is not compared (or the comparison failed: logged). */
  rows(uri: string, a: Analysis): DriftRow[] | null {
    const c = this.docs.get(uri);
    if (!c) return null;
    if (c.last?.analysis === a) return c.last.rows;
    try {
      const rows = driftAgainst(a, c.vault).map((d) => driftRow(a, d));
      c.last = { analysis: a, rows };
      return rows;
    } catch (err: unknown) {
      this.log('vault drift', err);
      return null;
    }
  }

  /**
   * The diagnostics of `a` with its drift (if `uri` is compared) merged in file order, the
   * user's severities applied and at most `maxProblems` in all.
   */
  withDrift(uri: string, a: Analysis, own: LspDiagnostic[], settings: Settings): LspDiagnostic[] {
    if (!settings.validateEnable) return own;
    const rows = this.rows(uri, a);
    if (!rows || rows.length === 0) return own;
    const drift: { at: number; d: LspDiagnostic }[] = [];
    for (const r of rows) {
      const sev = settings.severity.get(r.code) ?? defaultSeverity(r.code);
      if (sev === 'off') continue;
      drift.push({
        at: r.shownAt.start,
        d: {
          range: a.lines.rangeOf(r.shownAt),
          severity: toSeverity(sev),
          code: r.code,
          codeDescription: { href: codeHref(r.code) },
          source: SOURCE,
          message: r.message,
        },
      });
    }
    drift.sort((x, y) => x.at - y.at);
    const out: LspDiagnostic[] = [];
    let i = 0;
    const before = (d: LspDiagnostic, at: number): boolean => {
      const p = d.range.start;
      const q = a.lines.positionAt(at);
      return p.line < q.line || (p.line === q.line && p.character <= q.character);
    };
    for (const o of own) {
      while (i < drift.length && !before(o, drift[i]!.at)) out.push(drift[i++]!.d);
      out.push(o);
    }
    while (i < drift.length) out.push(drift[i++]!.d);
    return out.slice(0, settings.maxProblems);
  }
}

function defaultSeverity(code: string): Severity {
  return codeInfo(code)?.severity ?? DEFAULT_DRIFT_SEVERITY;
}

/** A drift code the table doesn't know (never expected): a warning. */
const DEFAULT_DRIFT_SEVERITY: Severity = 'warning';
