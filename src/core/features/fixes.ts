/**
 * Quick fixes, built from a diagnostic's `fix` and the analysis: a title, whether it is the
 * one to prefer, and plain text edits (offsets). The server only turns them into LSP code
 * actions; any other client (a CLI `--fix`, a test) can apply them with `applyEdits`.
 */
import type { Analysis } from '../analysis';
import type { Diagnostic, Span } from '../types';
import { editDistance } from '../model';
import { addMappingEdit, replaceName, type TextEdit } from './edits';

export interface QuickFix {
  readonly title: string;
  /** The fix to apply when the user asks for "the" fix (the first suggestion, the closest target). */
  readonly preferred: boolean;
  readonly edits: readonly TextEdit[];
}

/** The diagnostics that have a fix and touch the span (the editor's selection or cursor). */
export function fixableAt(a: Analysis, span: Span): Diagnostic[] {
  return a.diagnostics.filter((d) => d.fix !== undefined && d.span.start <= span.end && span.start <= d.span.end);
}

/**
 * The fixes of a diagnostic: each did-you-mean suggestion (the first preferred); for a missing
 * mapping (TOP020) or way back (TOP040), a mapping to each target that would work, the target
 * whose name is closest to the source's preferred.
 */
export function quickFixes(a: Analysis, d: Diagnostic): QuickFix[] {
  const fix = d.fix;
  if (!fix) return [];
  if (fix.kind === 'rename') {
    return fix.suggestions.map((s, i) => ({ title: `Change to '${s}'`, preferred: i === 0, edits: [replaceName(a.text, d.span, s)] }));
  }
  const targets = [...fix.targets];
  if (targets.length === 0) return [];
  const best = bestTarget(fix.source, targets);
  const title = d.code === 'TOP040'
    ? (t: string): string => `Add the reverse mapping ${fix.source} → ${t}`
    : (t: string): string => `Add a mapping ${fix.source} → ${t}`;
  return targets.map((t) => ({ title: title(t), preferred: t === best, edits: [addMappingEdit(a, fix.source, t)] }));
}

/** The target whose name is closest to the source's (VMNetwork1-NewYork → VMNetwork1-Chicago). */
export function bestTarget(source: string, targets: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.MAX_SAFE_INTEGER;
  for (const t of targets) {
    const score = editDistance(source.toLowerCase(), t.toLowerCase());
    if (score < bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}
