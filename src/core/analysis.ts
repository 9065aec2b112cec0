/**
 * One analysis per document version: parse once, build one model, resolve names, compute
 * the landings, run every rule. Every feature (diagnostics, hover, completion, panel, CLI)
 * reads from the `Analysis` object; none re-parses or re-decides a rule.
 */
import type { Document } from 'yaml';
import { parseTopology } from './parse';
import { validateSchema } from './schema';
import { buildModel } from './model';
import { resolveNames, type Resolution } from './resolve';
import { computeLandings, type LandingResult } from './landing';
import { runRules } from './rules';
import { LineIndex } from './text';
import type { Availability, Diagnostic, Landing, Model } from './types';

export interface Analysis {
  readonly text: string;
  readonly lines: LineIndex;
  /** The parsed YAML document; undefined when the text is empty. */
  readonly doc: Document.Parsed | undefined;
  readonly model: Model;
  readonly resolution: Resolution;
  readonly landings: readonly Landing[];
  readonly availability: readonly Availability[];
  /** Every diagnostic, sorted by position, with default severities. */
  readonly diagnostics: readonly Diagnostic[];
}

export function analyze(text: string): Analysis {
  const lines = new LineIndex(text);
  const parsed = parseTopology(text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.doc) diagnostics.push(...validateSchema(parsed.doc, parsed.json));
  const model = buildModel(parsed.doc);
  const resolution = resolveNames(model);
  diagnostics.push(...resolution.diagnostics);
  const landingResult: LandingResult = computeLandings(model, resolution);
  diagnostics.push(...runRules({ model, resolution, landings: landingResult }));
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return {
    text,
    lines,
    doc: parsed.doc,
    model,
    resolution,
    landings: landingResult.landings,
    availability: landingResult.availability,
    diagnostics,
  };
}
