/**
 * One analysis per document version: parse once, build one model, resolve names, compute
 * the landings, run every rule. Every feature (diagnostics, hover, completion, panel, CLI)
 * reads from the `Analysis` object; none re-parses or re-decides a rule.
 */
import type { Document } from 'yaml';
import { parseTopology } from './parse';
import { validateSchema } from './schema';
import { buildModel, type VmCache } from './model';
import { resolveNames, type Resolution } from './resolve';
import { computeLandings, type LandingResult } from './landing';
import { runRules } from './rules';
import { LineIndex } from './text';
import { harvestChunks, parseChunked, type ChunkedParse } from './incremental';
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

/** Analyses a text from scratch. */
export function analyze(text: string): Analysis {
  return analyzeParsed(text, parseTopology(text));
}

/**
 * Analyses the versions of one document as they come: after an edit, only the chunks of
 * the text that changed are parsed again (see incremental.ts). The result is the same as
 * `analyze(text)`.
 */
export class TopologySession {
  private last: ChunkedParse | undefined;
  /** The VMs of earlier versions, by node: those of unchanged chunks are not read again. */
  private readonly vms: VmCache = new WeakMap();
  /** How many chunks the last update parsed (for tests and benchmarks); -1: a full parse. */
  lastParsedChunks = -1;

  update(text: string): Analysis {
    const chunked = this.last ? parseChunked(text, this.last) : undefined;
    if (chunked) {
      this.last = chunked;
      this.lastParsedChunks = chunked.parsed;
      return analyzeParsed(text, { doc: chunked.doc, json: chunked.json, diagnostics: [] }, this.vms);
    }
    // First version, a large change or a text that can't be split: one full parse, whose
    // nodes become the chunks the next edit starts from (when the text is clean).
    const parsed = parseTopology(text);
    this.last = parsed.diagnostics.length === 0 && parsed.doc ? harvestChunks(text, parsed.doc, parsed.json) : undefined;
    this.lastParsedChunks = -1;
    return analyzeParsed(text, parsed, this.vms);
  }
}

interface Parsed {
  readonly doc: Document.Parsed | undefined;
  readonly json: unknown;
  readonly diagnostics: readonly Diagnostic[];
}

function analyzeParsed(text: string, parsed: Parsed, vms?: VmCache): Analysis {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.doc) diagnostics.push(...validateSchema(parsed.doc, parsed.json));
  const model = buildModel(parsed.doc, vms);
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
