/**
 * `check` output: text (like a compiler), JSON (spec section 5) and SARIF 2.1.0.
 * Pure: each function takes the files' diagnostics and returns the whole output.
 */
import type { Diagnostic, Severity, Span } from '../core/types';
import type { LineRange } from '../core/yaml';
import { CODES, codeHref } from '../core/codes';

export interface FileReport {
  /** The path as the user gave it (printed in text and JSON output). */
  readonly file: string;
  /** For SARIF: the file as a URI reference relative to `%SRCROOT%` (or an absolute URI). */
  readonly uri: string;
  readonly lines: { rangeOf(span: Span): LineRange };
  readonly diagnostics: readonly Diagnostic[];
}

export interface Counts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

export function countSeverities(files: readonly FileReport[]): Counts {
  const counts: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of files) for (const d of f.diagnostics) counts[d.severity]++;
  return counts;
}

/** One line per message, whatever the message holds. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function summaryLine(files: readonly FileReport[]): string {
  const c = countSeverities(files);
  const checked = `${plural(files.length, 'file', 'files')} checked`;
  if (c.error + c.warning + c.information + c.hint === 0) return `${checked}: no problems found.`;
  const parts = [plural(c.error, 'error', 'errors'), plural(c.warning, 'warning', 'warnings'), `${c.information} information`];
  if (c.hint > 0) parts.push(plural(c.hint, 'hint', 'hints'));
  return `${checked}: ${parts.join(', ')}.`;
}

/** `path:line:col: severity TOPnnn message`, 1-based, then the summary line. */
export function formatText(files: readonly FileReport[]): string {
  const out: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      const { start } = f.lines.rangeOf(d.span);
      out.push(`${f.file}:${start.line + 1}:${start.character + 1}: ${d.severity} ${d.code} ${oneLine(d.message)}`);
    }
  }
  out.push(summaryLine(files));
  return out.join('\n') + '\n';
}

export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export function jsonDocument(files: readonly FileReport[]): { files: { file: string; diagnostics: JsonDiagnostic[] }[] } {
  return {
    files: files.map((f) => ({
      file: f.file,
      diagnostics: f.diagnostics.map((d) => {
        const r = f.lines.rangeOf(d.span);
        return {
          code: d.code,
          severity: d.severity,
          message: d.message,
          range: {
            start: { line: r.start.line, character: r.start.character },
            end: { line: r.end.line, character: r.end.character },
          },
        };
      }),
    })),
  };
}

export function formatJson(files: readonly FileReport[]): string {
  return JSON.stringify(jsonDocument(files)) + '\n';
}

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export interface ToolInfo {
  readonly version: string;
  readonly informationUri: string;
  /** The directory relative URIs are resolved against, as an absolute `file:` URI ending in `/`. */
  readonly srcRoot: string | undefined;
}

/** The parts of SARIF 2.1.0 written here (a subset of the standard's object model). */
export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}
export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
}
export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: SarifArtifactLocation;
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    artifacts: { location: SarifArtifactLocation; mimeType: string; encoding: string }[];
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }[];
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A SARIF 2.1.0 log: one run, one rule per code, one result per diagnostic. */
export function sarifLog(files: readonly FileReport[], tool: ToolInfo): SarifLog {
  const ruleIndex = new Map<string, number>(CODES.map((c, i) => [c.code, i]));
  const rules: SarifRule[] = CODES.map((c) => ({
    id: c.code,
    shortDescription: { text: c.short },
    helpUri: codeHref(c.code),
    defaultConfiguration: { level: sarifLevel(c.severity) },
  }));
  // A relative reference is resolved against %SRCROOT%; an absolute URI takes no base.
  const location = (uri: string): SarifArtifactLocation =>
    tool.srcRoot && !/^[a-z][a-z0-9+.-]*:/i.test(uri) ? { uri, uriBaseId: '%SRCROOT%' } : { uri };
  const results: SarifResult[] = [];
  files.forEach((f, artifactIndex) => {
    for (const d of f.diagnostics) {
      const r = f.lines.rangeOf(d.span);
      const index = ruleIndex.get(d.code);
      results.push({
        ruleId: d.code,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { ...location(f.uri), index: artifactIndex },
              region: {
                startLine: r.start.line + 1,
                startColumn: r.start.character + 1,
                endLine: r.end.line + 1,
                endColumn: r.end.character + 1,
              },
            },
          },
        ],
      });
    }
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'asr-topology',
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules,
          },
        },
        ...(tool.srcRoot ? { originalUriBaseIds: { '%SRCROOT%': { uri: tool.srcRoot } } } : {}),
        artifacts: files.map((f) => ({
          location: location(f.uri),
          mimeType: 'application/yaml',
          encoding: 'utf-8',
        })),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(files: readonly FileReport[], tool: ToolInfo): string {
  return JSON.stringify(sarifLog(files, tool), null, 2) + '\n';
}

