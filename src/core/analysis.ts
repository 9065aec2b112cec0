/**
 * One analysis per document version: parse once, build one model, resolve names, compute
 * the landings, run every rule. Every feature (diagnostics, hover, completion, panel, CLI)
 * reads from the `Analysis` object; none re-parses or re-decides a rule.
 */
import type { Document } from 'yaml';
import { decodeUtf8, invalidUtf8Diagnostic, LineIndex, type ParseResult, parseTopology, parseTopologyFast } from './yaml';
import { validateSchema } from './schema';
import { buildModel, type Resolution, resolveNames, type VmCache } from './model';
import { computeLandings, type LandingResult, runRules } from './rules';
import { harvestChunks, parseChunked, type ChunkedParse } from './incremental';
import type { Availability, Diagnostic, Landing, Model } from './types';

/** A version analysed after a parse in chunks: what a hover or completion right after the next edit starts from (incremental/afterEdit.ts). */
export interface AnalyzedVersion {
  readonly analysis: Analysis;
  readonly chunks: ChunkedParse;
}

export interface Analysis {
  readonly text: string;
  readonly lines: LineIndex;
  /** The parsed YAML document; undefined when the text is empty. */
  readonly doc: Document.Parsed | undefined;
  readonly model: Model;
  readonly resolution: Resolution;
  readonly landings: readonly Landing[];
  /** The landings by NIC, by mapping and by target network (made with them). */
  readonly landingIndex: Pick<LandingResult, 'landingOf' | 'landingsVia' | 'landingsOn'>;
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
 * the text that changed are parsed again (see incremental/incremental.ts). The result is the same as
 * `analyze(text)`.
 */
export class TopologySession {
  private last: ChunkedParse | undefined;
  /** The VMs of earlier versions, by node: those of unchanged chunks are not read again. */
  private readonly vms: VmCache = new WeakMap();
  /** The last version, when it was parsed in chunks: what a hover or completion right after an edit starts from. */
  private analyzed: AnalyzedVersion | undefined;
  /** How many chunks the last update parsed (for tests and benchmarks); -1: a full parse. */
  lastParsedChunks = -1;

  update(text: string): Analysis {
    // The previous version's analysis is let go before the next one is made (memory).
    this.analyzed = undefined;
    const chunked = this.last ? parseChunked(text, this.last) : undefined;
    if (chunked) return this.analyzeChunks(text, chunked);
    // First version, a large change or a text that can't be split. Plain block YAML: read
    // whole by the fast reader (measured a little faster than in chunks). Else in chunks, when
    // the text splits and every chunk reads cleanly: the fast reader takes all it can and
    // yaml the few chunks it can't (a key left empty while typing, say). Else one full parse
    // by yaml, whose messages are the reference.
    let parsed: ParseResult | undefined = parseTopologyFast(text);
    if (!parsed) {
      const all = parseChunked(text, undefined, { all: true });
      if (all) return this.analyzeChunks(text, all);
      parsed = parseTopology(text, { fast: false });
    }
    // The nodes of a whole parse become the chunks the next edit starts from (when the text is clean).
    this.last = parsed.diagnostics.length === 0 && parsed.doc ? harvestChunks(text, parsed.doc, parsed.json) : undefined;
    this.lastParsedChunks = -1;
    const analysis = analyzeParsed(text, parsed, this.vms);
    if (this.last) this.analyzed = { analysis, chunks: this.last };
    return analysis;
  }

  private analyzeChunks(text: string, chunked: ChunkedParse): Analysis {
    this.last = chunked;
    this.lastParsedChunks = chunked.parsed;
    const analysis = analyzeParsed(text, { doc: chunked.doc, json: chunked.json, diagnostics: [] }, this.vms);
    this.analyzed = { analysis, chunks: chunked };
    return analysis;
  }

  /** The last version analysed, when it was parsed in chunks (see incremental/afterEdit.ts). */
  get lastAnalyzed(): AnalyzedVersion | undefined {
    return this.analyzed;
  }
}

interface Parsed {
  readonly doc: Document.Parsed | undefined;
  readonly json: unknown;
  readonly diagnostics: readonly Diagnostic[];
}

function analyzeParsed(text: string, parsed: Parsed, vms?: VmCache): Analysis {
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.doc) diagnostics.push(...validateSchema(parsed.doc, parsed.json));
  return analyzeModel(text, parsed.doc, buildModel(parsed.doc, vms), diagnostics);
}

/**
 * The steps after the model: names, landings, rules. `diagnostics` are those found before
 * (parse, schema); the result holds them all, sorted.
 */
export function analyzeModel(text: string, doc: Document.Parsed | undefined, model: Model, diagnostics: Diagnostic[]): Analysis {
  const lines = new LineIndex(text);
  const resolution = resolveNames(model);
  diagnostics.push(...resolution.diagnostics);
  const landingResult: LandingResult = computeLandings(model, resolution);
  diagnostics.push(...runRules({ model, resolution, landings: landingResult }));
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return {
    text,
    lines,
    doc,
    model,
    resolution,
    landings: landingResult.landings,
    landingIndex: landingResult,
    availability: landingResult.availability,
    diagnostics,
  };
}

/**
 * A file's bytes, analysed as the CLI and the server read an unopened file: strict UTF-8 (a
 * BOM dropped). Bytes that are not UTF-8 are one TOP001 on the first of them, and nothing else
 * is analysed: the tool never guesses what they meant.
 */
export function analyzeBytes(bytes: Uint8Array): Analysis {
  const { text, invalidAt } = decodeUtf8(bytes);
  if (invalidAt === undefined) return analyze(text);
  return { ...analyze(''), text, lines: new LineIndex(text), diagnostics: [invalidUtf8Diagnostic(text, invalidAt)] };
}
