/** Core data → LSP types. No decisions: spans become ranges, severities become numbers. */
import {
  CompletionItemKind, DiagnosticSeverity, InsertTextFormat, SymbolKind,
  type CompletionItem, type Diagnostic as LspDiagnostic, type DocumentSymbol, type Range,
} from 'vscode-languageserver';
import type { Analysis } from '../core/analysis';
import type { CandidateKind, CompletionCandidate } from '../core/features';
import type { OutlineKind, OutlineNode } from '../core/features';
import type { Diagnostic, Severity, Span } from '../core/types';
import { codeHref } from '../core/codes';
import { effectiveSeverity, type Settings } from './settings';

export const SOURCE = 'asr-topology';

export function toRange(a: Analysis, span: Span): Range {
  return a.lines.rangeOf(span);
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'information': return DiagnosticSeverity.Information;
    case 'hint': return DiagnosticSeverity.Hint;
  }
}

/** One core diagnostic as LSP, with the user's severity (undefined: turned off). */
export function toLspDiagnostic(a: Analysis, uri: string, d: Diagnostic, settings: Settings): LspDiagnostic | undefined {
  const sev = effectiveSeverity(settings, d.code, d.severity);
  if (sev === 'off') return undefined;
  const out: LspDiagnostic = {
    range: toRange(a, d.span),
    severity: toSeverity(sev),
    code: d.code,
    codeDescription: { href: codeHref(d.code) },
    source: SOURCE,
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri, range: toRange(a, r.span) }, message: r.message }));
  }
  return out;
}

/** The diagnostics to publish: severities applied, "off" dropped, at most `maxProblems`. */
export function toLspDiagnostics(a: Analysis, uri: string, settings: Settings): LspDiagnostic[] {
  if (!settings.validateEnable) return [];
  const out: LspDiagnostic[] = [];
  for (const d of a.diagnostics) {
    if (out.length >= settings.maxProblems) break;
    const l = toLspDiagnostic(a, uri, d, settings);
    if (l) out.push(l);
  }
  return out;
}

function completionKind(k: CandidateKind): CompletionItemKind {
  switch (k) {
    case 'key': return CompletionItemKind.Property;
    case 'network': return CompletionItemKind.Reference;
    case 'azureNetwork': return CompletionItemKind.Reference;
    case 'cloud': return CompletionItemKind.Module;
    case 'subnet': return CompletionItemKind.Field;
    case 'logicalNetwork': return CompletionItemKind.Interface;
    case 'value': return CompletionItemKind.Value;
    case 'snippet': return CompletionItemKind.Snippet;
  }
}

/** A snippet as plain text, for clients without snippet support. */
export function snippetToPlain(s: string): string {
  return s
    .replace(/\$\{\d+\|([^|]*)\|\}/g, (_m, list: string) => (list.split(/(?<!\\),/)[0] ?? '').replace(/\\(.)/g, '$1'))
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

export function toCompletionItem(a: Analysis, c: CompletionCandidate, snippets: boolean): CompletionItem {
  const asSnippet = c.snippet && snippets;
  const text = c.snippet && !snippets ? snippetToPlain(c.insertText) : c.insertText;
  const item: CompletionItem = {
    label: c.label,
    kind: completionKind(c.kind),
    sortText: String(c.rank + 10000).padStart(6, '0') + c.label,
    filterText: c.label,
    textEdit: { range: toRange(a, c.replace), newText: text },
    insertTextFormat: asSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.detail) item.detail = c.detail;
  if (c.documentation) item.documentation = { kind: 'markdown', value: c.documentation };
  if (c.preselect) item.preselect = true;
  return item;
}

function symbolKind(k: OutlineKind): SymbolKind {
  switch (k) {
    case 'section': return SymbolKind.Namespace;
    case 'site': return SymbolKind.Package;
    case 'vmmServer': return SymbolKind.Constant;
    case 'logicalNetwork': return SymbolKind.Interface;
    case 'vmNetwork': return SymbolKind.Struct;
    case 'azureNetwork': return SymbolKind.Struct;
    case 'subnet': return SymbolKind.Field;
    case 'cloud': return SymbolKind.Module;
    case 'pair': return SymbolKind.Event;
    case 'mapping': return SymbolKind.Operator;
    case 'vm': return SymbolKind.Object;
    case 'nic': return SymbolKind.Property;
  }
}

export function toDocumentSymbol(a: Analysis, n: OutlineNode): DocumentSymbol {
  const s: DocumentSymbol = {
    name: n.name,
    kind: symbolKind(n.kind),
    range: toRange(a, n.span),
    selectionRange: toRange(a, n.selection),
    children: n.children.map((c) => toDocumentSymbol(a, c)),
  };
  if (n.detail !== undefined) s.detail = n.detail;
  return s;
}
