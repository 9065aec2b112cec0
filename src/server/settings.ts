/**
 * The `asrTopology` settings as the server uses them, read from whatever the client sends
 * (workspace/configuration answers, or didChangeConfiguration's `settings`). Anything of a
 * wrong shape falls back to the default: a bad setting never stops validation.
 */
import type { DiagnosticCode, Severity } from '../core/types';

export type SeveritySetting = Severity | 'off';

export interface Settings {
  readonly validateEnable: boolean;
  readonly severity: ReadonlyMap<string, SeveritySetting>;
  readonly maxProblems: number;
}

export const CONFIG_SECTION = 'asrTopology';
export const DEFAULT_MAX_PROBLEMS = 1000;

export const DEFAULT_SETTINGS: Settings = {
  validateEnable: true,
  severity: new Map(),
  maxProblems: DEFAULT_MAX_PROBLEMS,
};

const LEVELS: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads `a.b.c` or nested `{a:{b:{c}}}`: VS Code sends the nested form, other editors either. */
function lookup(obj: Record<string, unknown>, dotted: string): unknown {
  if (dotted in obj) return obj[dotted];
  let cur: unknown = obj;
  for (const part of dotted.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Settings from the `asrTopology` section (undefined or null: the defaults). */
export function parseSettings(section: unknown): Settings {
  if (!isRecord(section)) return DEFAULT_SETTINGS;
  const enable = lookup(section, 'validate.enable');
  const sev = lookup(section, 'diagnostics.severity');
  const max = lookup(section, 'diagnostics.maxProblems');
  const severity = new Map<string, SeveritySetting>();
  if (isRecord(sev)) {
    for (const [code, level] of Object.entries(sev)) {
      if (typeof level === 'string' && LEVELS.has(level)) severity.set(code.toUpperCase(), level as SeveritySetting);
    }
  }
  return {
    validateEnable: typeof enable === 'boolean' ? enable : true,
    severity,
    maxProblems: typeof max === 'number' && Number.isFinite(max) && max >= 0 ? Math.floor(max) : DEFAULT_MAX_PROBLEMS,
  };
}

/** The severity a diagnostic is shown with: the setting for its code, else its own. */
export function effectiveSeverity(settings: Settings, code: DiagnosticCode, own: Severity): SeveritySetting {
  return settings.severity.get(code) ?? own;
}
