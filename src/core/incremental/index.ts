/**
 * The incremental analysis: the versions of one document, driven by the edits (the LSP
 * content changes: a range and the text that replaces it), each version's `Analysis` the same
 * as `analyze(text)` gives, without doing again what the edit didn't reach.
 *
 * - Reading (yaml/chunks.ts): the text is kept in chunks, a top-level entry or one item of a
 *   top-level list each. An edit reads again the chunks it touched (their lines are split
 *   again, from the chunk before the edit to the one after it); the chunks after it are moved
 *   (their nodes' ranges, and with them every span read from them). A YAML problem inside an
 *   item is that item's. A change to the top-level lines splits the whole text again and
 *   reads only the chunks whose place changed; a text that doesn't split is read whole.
 * - Each list item keeps its JSON value's schema verdict, and each VM item its VM, its
 *   analysis against the estate (names, landings, the rules of reach `vm`), what that read of
 *   the estate and the groups it is in. The estate (every chunk but the VMs) is analysed again
 *   when one of its chunks changed, keeping the entities that say the same (model/keep.ts);
 *   then each VM's reads are asked again of it, and a VM whose reads answer the same keeps its
 *   analysis (estateReads.ts); the others are analysed again.
 * - The rules of reach `group` run again for the groups whose members changed (after an edit
 *   of the estate, every group of the rules that read it); those of reach `file` when the
 *   estate changed, or what they read of the VMs did (rules/context.ts).
 *
 * `apply` reads; `analysis()` puts the version's analysis together when first asked, so a
 * burst of edits is read edit by edit and analysed once.
 */
import type { ErrorObject } from 'ajv';
import type { Document } from 'yaml';
import {
  analysisOf, analyzeEstate, analyzeVm, fileContext, runFileRules, runGroup, sortDiagnostics,
  type Analysis, type AnalyzedEstate, type AnalyzedVm,
} from '../analysis';
import { Assembly, chunkAt, LineIndex, moveChunk, readChunk, readTopology, splitChunks, splitItems, type Chunk, type ReadChunk } from '../yaml';
import { everyItemVerdict, listItemErrors, validateSchema, type ItemVerdicts } from '../schema';
import { buildModel, keepEntities, readVm } from '../model';
import { FILE_RULES, GROUP_RULES, type GroupRule, type Member } from '../rules';
import type { Diagnostic, Vm } from '../types';
import { EstateReads, type Reads } from './estateReads';

/** One LSP content change, in offsets of the text as it is before it. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** What the last `apply` and `analysis()` did (for tests and the benchmark). */
export interface IncrementalStats {
  /** Chunks read by the last `apply` (-1: the text was read whole). */
  read: number;
  /** VMs analysed by the last `analysis()`. */
  vmsAnalysed: number;
  /** Groups run again by the last `analysis()`. */
  groupsRun: number;
  /** Whether the last `analysis()` analysed the estate again. */
  estate: boolean;
  /** VMs whose analysis the last `analysis()` kept across an edit of the estate (what they read of it answered the same). */
  vmsKept: number;
}

/** A VM item's state: its VM, and its analysis against the estate of generation `gen`, with what it read of the estate. */
interface VmItem {
  readonly vm: Vm | undefined;
  analyzed: AnalyzedVm | undefined;
  reads: Reads | undefined;
  gen: number;
  /** The line of estates it was analysed in (each resolved after the one before: see `lineage`). */
  lineage: number;
}

/** A member of a group, with its place (item, then order within the item). */
interface Entry {
  readonly item: VmItem;
  readonly seq: number;
  readonly member: Member;
}

interface Group {
  readonly rule: GroupRule;
  readonly key: unknown;
  entries: Entry[];
  diagnostics: readonly Diagnostic[];
}

const VMS = 'vms';
const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/** The chunks of a version and where its VM items are among them. */
interface VmList {
  readonly chunks: readonly ReadChunk[];
  readonly assembly: Assembly;
  /** The index of the first VM chunk, and how many there are. */
  readonly from: number;
  readonly count: number;
}

/** The VM chunks holding or ending next to an offset (at most two, in file order), each with its index among the VMs. */
function vmChunksNear(at: VmList, offset: number): [ReadChunk, number][] {
  const i = chunkAt(at.chunks, offset);
  const out: [ReadChunk, number][] = [];
  for (const k of [i - 1, i]) if (k >= at.from && k < at.from + at.count) out.push([at.chunks[k]!, k - at.from]);
  return out;
}

/** Beyond this many VM items read or gone, completion doesn't wait for them to be analysed (a paste). */
const QUICK_VMS = 8;

export class IncrementalAnalysis {
  private textValue: string;
  private linesValue: LineIndex;
  /** The chunks of the text; undefined: it doesn't split, and is read whole. */
  private chunks: ReadChunk[] | undefined;
  /** The whole read, when the text doesn't split. */
  private whole: ReturnType<typeof readTopology> | undefined;
  private current: Analysis | undefined;
  /** The document of the chunks, kept in step with them (undefined: assembled when next needed). */
  private assembly: Assembly | undefined;

  /** What changed since the last analysis: the estate (a chunk not a VM), the VM items gone, the VM chunks read. */
  private estateChanged = true;
  private readonly leftVms = new Set<VmItem>();
  private readonly freshVms = new Set<ReadChunk>();
  /** The indexes of some VMs are not their place any more (VMs came or went): set again when every VM is listed. */
  private indexesStale = false;

  private readonly items = new WeakMap<ReadChunk, VmItem>();
  /** The chunks with YAML problems, and the list items with schema errors (a verdict is made when a chunk is read). */
  private readonly withProblems = new Set<ReadChunk>();
  private readonly withSchemaErrors = new Map<ReadChunk, readonly ErrorObject[]>();
  /** The analysed VM items that have diagnostics of their own. */
  private readonly vmsWithDiagnostics = new Set<VmItem>();
  private estate: AnalyzedEstate | undefined;
  /** The estate, with a view of it that records what each VM reads. */
  private estateReads: EstateReads | undefined;
  /**
   * Estates analysed one after the other share what they keep (entities, pairs, the VMs'
   * references); a text analysed whole starts a new line, whose estate shares nothing.
   */
  private lineage = 0;
  /** The estate was analysed again: every VM must be too. */
  private vmsStale = true;
  private gen = 0;
  private groups = new Map<GroupRule, Map<unknown, Group>>();
  /** Whether the groups hold the VMs analysed (false: made from nothing at the next analysis). */
  private grouped = false;
  private readonly withDiagnostics = new Set<Group>();
  private usage = new Map<string, number>();
  private fileDiagnostics = new Map<string, readonly Diagnostic[]>();

  readonly stats: IncrementalStats = { read: 0, vmsAnalysed: 0, groupsRun: 0, estate: false, vmsKept: 0 };

  constructor(text: string) {
    this.textValue = text;
    this.linesValue = new LineIndex(text);
    this.readAll();
  }

  get text(): string {
    return this.textValue;
  }

  get lines(): LineIndex {
    return this.linesValue;
  }

  /** Applies the changes of one version, in order (each in offsets of the text the ones before it left). */
  apply(changes: readonly TextChange[]): void {
    this.current = undefined;
    this.stats.read = 0;
    for (const c of changes) this.applyOne(c);
  }

  /** The current version's analysis (made when first asked). */
  analysis(): Analysis {
    return (this.current ??= this.analyze());
  }

  // --- reading ------------------------------------------------------------------------------

  private readAll(): void {
    const read = readTopology(this.textValue);
    this.stats.read = read.chunks ? read.chunks.length : -1;
    this.dropAll();
    this.assembly = undefined;
    if (read.chunks) {
      this.chunks = [...read.chunks];
      for (const c of this.chunks) this.track(c);
      this.whole = undefined;
    } else {
      this.chunks = undefined;
      this.whole = read;
    }
  }

  /** Everything read before is gone: the next analysis starts from scratch. */
  private dropAll(): void {
    this.estateChanged = true;
    this.leftVms.clear();
    this.freshVms.clear();
    this.withProblems.clear();
    this.withSchemaErrors.clear();
  }

  /** A chunk was read: its problems, its schema verdict (a list item), and a VM item to analyse. */
  private track(c: ReadChunk): void {
    if (c.problems.length > 0) this.withProblems.add(c);
    if (c.kind === 'item') {
      const errors = listItemErrors(c.key, c.json);
      if (errors.length > 0) this.withSchemaErrors.set(c, errors);
      if (c.key === VMS) this.freshVms.add(c);
    }
  }

  private applyOne(change: TextChange): void {
    const old = this.textValue;
    const start = Math.max(0, Math.min(change.start, old.length));
    const end = Math.max(start, Math.min(change.end, old.length));
    const text = old.slice(0, start) + change.text + old.slice(end);
    this.linesValue = this.linesValue.edited(text, start, end, change.text);
    this.textValue = text;
    const chunks = this.chunks;
    if (!chunks) {
      this.readAll();
      return;
    }
    const delta = change.text.length - (end - start);
    const region = this.itemRegion(chunks, old, text, start, end, delta);
    if (region) {
      const [i0, i1, split] = region;
      const next = this.reuse(chunks.slice(i0, i1 + 1), split, text, start, end, delta);
      if (this.assembly) {
        // The items' nodes and values spliced into their list's (its entry is the chunk before the first item).
        let e = i0;
        while (e >= 0 && chunks[e]!.kind === 'item') e--;
        const entry = e >= 0 ? this.assembly.entryIndex(chunks[e]!) : -1;
        if (entry < 0 || !this.assembly.spliceItems(entry, i0 - e - 1, i1 - i0 + 1, next)) this.assembly = undefined;
      }
      for (let k = i1 + 1; k < chunks.length; k++) moveChunk(chunks[k]!, delta);
      chunks.splice(i0, i1 - i0 + 1, ...next);
      return;
    }
    // The top-level lines changed, or the items' indentation: split the whole text again.
    this.assembly = undefined;
    const split = splitChunks(text);
    if (!split || split.length === 0) {
      for (const c of chunks) this.left(c);
      this.chunks = undefined;
      this.whole = readTopology(text);
      this.stats.read = -1;
      return;
    }
    this.chunks = this.reuse(chunks, split, text, start, end, delta);
  }

  /**
   * The chunks [i0, i1] an edit of [start, end) touched, when they are items of one list and
   * their new text splits into items of that list as they were: with that split.
   */
  private itemRegion(chunks: readonly ReadChunk[], old: string, text: string, start: number, end: number, delta: number): [number, number, Chunk[]] | undefined {
    let i0 = chunkAt(chunks, start);
    if (i0 > 0 && chunks[i0]!.start === start) i0--;
    const i1 = chunkAt(chunks, end);
    const first = chunks[i0]!;
    const key = first.key;
    for (let i = i0; i <= i1; i++) if (chunks[i]!.kind !== 'item' || chunks[i]!.key !== key) return undefined;
    let indent = 0;
    while (old.charCodeAt(first.start + indent) === 32) indent++;
    for (;;) {
      const from = chunks[i0]!.start;
      const to = chunks[i1]!.end + delta;
      const split = splitItems(text, from, to, key, indent);
      if (split !== 'before') return split ? [i0, i1, split] : undefined;
      // The text at the region's start is now part of the item before it.
      if (i0 === 0 || chunks[i0 - 1]!.kind !== 'item') return undefined;
      i0--;
    }
  }

  /**
   * The chunks of a new split, reusing the old ones the edit didn't touch (those wholly before
   * `start`, in place, or after `end`, moved by `delta`) and reading the others.
   */
  private reuse(old: readonly ReadChunk[], split: readonly Chunk[], text: string, start: number, end: number, delta: number): ReadChunk[] {
    const before = new Map<string, ReadChunk>();
    const after = new Map<string, ReadChunk>();
    const id = (c: Chunk, d: number): string => `${c.start + d}:${c.end + d}:${c.kind}:${c.key}`;
    for (const c of old) {
      if (c.end <= start) before.set(id(c, 0), c);
      else if (c.start >= end) after.set(id(c, delta), c);
    }
    const out: ReadChunk[] = [];
    const kept = new Set<ReadChunk>();
    for (const c of split) {
      const key = id(c, 0);
      const same = before.get(key) ?? after.get(key);
      if (same && !kept.has(same)) {
        if (same.start !== c.start) moveChunk(same, c.start - same.start);
        kept.add(same);
        out.push(same);
      } else {
        const read = readChunk(text, c);
        this.track(read);
        out.push(read);
        this.stats.read++;
        if (!(c.kind === 'item' && c.key === VMS)) this.estateChanged = true;
      }
    }
    for (const c of old) if (!kept.has(c)) this.left(c);
    return out;
  }

  /** A chunk is gone (read again, or removed). */
  private left(c: ReadChunk): void {
    this.withProblems.delete(c);
    this.withSchemaErrors.delete(c);
    this.freshVms.delete(c);
    const item = c.kind === 'item' && c.key === VMS ? this.items.get(c) : undefined;
    if (item) this.leftVms.add(item);
    else if (!(c.kind === 'item' && c.key === VMS)) this.estateChanged = true;
  }

  // --- analysing ----------------------------------------------------------------------------

  private analyze(): Analysis {
    this.stats.vmsAnalysed = 0;
    this.stats.vmsKept = 0;
    this.stats.groupsRun = 0;
    this.stats.estate = false;
    const text = this.textValue;
    const lines = this.linesValue;
    const at = this.vmList();
    if (!at) return this.fromScratch(text, lines, this.chunks);
    const { chunks, assembly, from: vmsFrom, count } = at;

    const read = this.document(at);
    const doc = read.doc!;
    const schema = validateSchema(doc, read.json, this.verdicts(chunks, assembly));

    this.estateNow(doc);
    // After an edit of the estate every VM is looked at again (kept, or analysed again); the
    // groups are made from nothing the first time only.
    const rebuild = this.vmsStale;
    const fromNothing = rebuild && !this.grouped;
    if (rebuild) {
      this.vmsStale = false;
      this.vmsWithDiagnostics.clear();
    }
    if (fromNothing) {
      this.groups = new Map();
      this.withDiagnostics.clear();
      this.usage = new Map();
      this.leftVms.clear();
    }
    const estate = this.estate!;
    const reads = this.estateReads!;

    // The VM items gone leave their groups; then the VMs to analyse: every one after the estate
    // changed, else those of the chunks read since the last analysis.
    const dirty = new Set<Group>();
    let usageChanged = false;
    const leftAt = new Set<number>();
    /** The analyses that leave their groups: of the VM items gone, and those analysed again. */
    const retired: [VmItem, AnalyzedVm][] = [];
    for (const item of this.leftVms) {
      this.vmsWithDiagnostics.delete(item);
      if (item.vm) leftAt.add(item.vm.index);
      if (item.analyzed) {
        retired.push([item, item.analyzed]);
        item.analyzed = undefined;
      }
    }
    /** The analyses that join their groups. */
    const added: VmItem[] = [];
    const analyse = (c: ReadChunk, index: number): void => {
      let item = this.items.get(c);
      if (!item) {
        item = { vm: readVm(c.node, index), analyzed: undefined, reads: undefined, gen: 0, lineage: this.lineage };
        this.items.set(c, item);
      } else if (item.vm && item.vm.index !== index) {
        (item.vm as { index: number }).index = index;
      }
      if (item.vm && (!item.analyzed || item.gen !== this.gen)) {
        // Analysed against an earlier estate: kept when what it read answers the same (still in its groups).
        if (item.analyzed && item.reads && item.lineage === this.lineage && reads.keeps(item.reads)) {
          this.stats.vmsKept++;
          if (fromNothing) added.push(item);
        } else {
          if (item.analyzed && !fromNothing) retired.push([item, item.analyzed]);
          const made = reads.analyze(item.vm, item.lineage === this.lineage ? item.analyzed : undefined);
          item.analyzed = made.analyzed;
          item.reads = made.reads;
          item.lineage = this.lineage;
          this.stats.vmsAnalysed++;
          added.push(item);
        }
        item.gen = this.gen;
        if (item.analyzed.diagnostics.length > 0) this.vmsWithDiagnostics.add(item);
      }
    };
    if (rebuild) {
      for (let index = 0; index < count; index++) analyse(chunks[vmsFrom + index]!, index);
      this.indexesStale = false;
    } else {
      // VMs that came or went move the others' places, unless each new one took the place of one gone.
      let moved = this.freshVms.size !== this.leftVms.size;
      for (const c of this.freshVms) {
        const index = chunkAt(chunks, c.start) - vmsFrom;
        if (!leftAt.has(index)) moved = true;
        analyse(c, index);
      }
      if (moved) this.indexesStale = true;
    }
    this.leftVms.clear();
    this.freshVms.clear();
    if (fromNothing) {
      // Every VM, in file order: the groups made in one pass.
      this.groupAll(added);
      for (const item of added) this.use(item.analyzed!);
      this.grouped = true;
    } else {
      this.ungroup(retired, dirty);
      for (const [, analyzed] of retired) usageChanged = this.unuse(analyzed) || usageChanged;
      for (const item of added) {
        this.group(item, dirty);
        usageChanged = this.use(item.analyzed!) || usageChanged;
      }
    }
    // The groups whose members changed; after an edit of the estate, every group of the rules
    // that read it (all of them the first time).
    if (fromNothing) {
      for (const byKey of this.groups.values()) for (const g of byKey.values()) this.runGroupOf(estate, g);
    } else {
      for (const g of dirty) this.runGroupOf(estate, g);
      if (rebuild) {
        for (const [rule, byKey] of this.groups) {
          if (rule.readsEstate) for (const g of byKey.values()) if (!dirty.has(g)) this.runGroupOf(estate, g);
        }
      }
    }

    // The file rules that read what changed.
    const used = this.usage;
    const ctx = fileContext(estate, { has: (key) => (used.get(key) ?? 0) > 0 });
    for (const rule of FILE_RULES) {
      if (rebuild || (usageChanged && rule.reads.includes('usage'))) this.fileDiagnostics.set(rule.name, runFileRules([rule], ctx));
    }

    // What the analysis lists of every VM is made when first asked; its diagnostics, gathered
    // now from the parts that have some, are sorted then.
    const before: (readonly Diagnostic[])[] = [read.diagnostics, schema, estate.diagnostics];
    const ofVms: (readonly Diagnostic[])[] = [];
    for (const item of this.vmsWithDiagnostics) ofVms.push(item.analyzed!.diagnostics);
    const after: (readonly Diagnostic[])[] = [];
    for (const g of this.withDiagnostics) after.push(g.diagnostics);
    for (const rule of FILE_RULES) after.push(this.fileDiagnostics.get(rule.name) ?? []);
    const vmChunk = (k: number): ReadChunk | undefined => (k >= vmsFrom && k < vmsFrom + count ? chunks[k] : undefined);
    return analysisOf({
      text, lines, doc, model: undefined, estate,
      vms: () => this.everyVm(chunks, vmsFrom, count),
      vmsNear: (offset) => {
        const out: AnalyzedVm[] = [];
        for (const [c] of vmChunksNear(at, offset)) {
          const v = this.items.get(c)?.analyzed;
          if (v) out.push(v);
        }
        return out;
      },
      diagnostics: () => {
        const all: Diagnostic[] = [];
        for (const ds of [...before, ...ofVms, ...after]) for (const d of ds) all.push(d);
        return sortDiagnostics(all);
      },
      // Those of the VMs whose items the span meets, and the others' that lie within it, in the
      // order they are gathered for the whole list (ties keep it).
      diagnosticsWithin: (span) => {
        const out: Diagnostic[] = [];
        const take = (ds: readonly Diagnostic[]): void => {
          for (const d of ds) if (d.span.start >= span.start && d.span.end <= span.end) out.push(d);
        };
        before.forEach(take);
        for (let k = chunkAt(chunks, span.start), last = chunkAt(chunks, span.end); k <= last; k++) {
          const c = vmChunk(k);
          const item = c && this.items.get(c);
          if (item && this.vmsWithDiagnostics.has(item)) take(item.analyzed!.diagnostics);
        }
        after.forEach(take);
        return sortDiagnostics(out);
      },
      itemAt: (offset) => {
        const i = chunkAt(chunks, offset);
        const c = chunks[i];
        if (c?.kind !== 'item' || dashOf(text, c.start) !== offset) return undefined;
        const entry = assembly.list(c.key)?.entry;
        const key = entry?.node && 'key' in entry.node ? (entry.node.key as { range?: [number, number, number] } | null)?.range?.[0] : undefined;
        if (!entry || key === undefined) return undefined;
        return { index: i - chunkAt(chunks, entry.start) - 1, listKey: key };
      },
    });
  }

  /** The estate of this version: analysed again when one of its chunks changed (then every VM must be, too). */
  private estateNow(doc: Document.Parsed): AnalyzedEstate {
    if (this.estateChanged || !this.estate) {
      // The entities and pairs that say the same as before are the same objects (model/keep.ts).
      const fresh = buildModel(doc, { vms: false });
      this.estate = analyzeEstate(this.estate ? keepEntities(this.estate.model, fresh) : fresh, this.estate);
      this.estateReads = new EstateReads(this.estate);
      this.gen++;
      this.estateChanged = false;
      this.vmsStale = true;
      this.stats.estate = true;
    }
    return this.estate;
  }

  /**
   * The current version as completion needs it, at once: the estate of this version, and the VM
   * at an offset analysed against it alone. When a few VMs changed that is the analysis itself
   * (it costs what the edit changed); after an edit of the estate (every VM is analysed again)
   * or a paste of many VMs, the full analysis is made only if asked for something over every VM.
   */
  quickAnalysis(): Analysis {
    const many = this.freshVms.size + this.leftVms.size > QUICK_VMS;
    const at = this.current || !(this.estateChanged || many) ? undefined : this.vmList();
    if (!at) return this.analysis();
    const read = this.document(at);
    const estate = this.estateNow(read.doc!);
    const full = (): Analysis => this.analysis();
    return analysisOf({
      text: this.textValue, lines: this.linesValue, doc: read.doc, model: undefined, estate,
      vms: () => {
        full();
        return this.everyVm(at.chunks, at.from, at.count);
      },
      vmsNear: (offset) => {
        const out: AnalyzedVm[] = [];
        for (const [c, index] of vmChunksNear(at, offset)) {
          const vm = this.items.get(c)?.vm ?? readVm(c.node, index);
          if (vm) out.push(analyzeVm(estate, vm));
        }
        return out;
      },
      diagnostics: () => full().diagnostics,
      diagnosticsWithin: (span) => full().places.diagnosticsWithin(span),
    });
  }

  /**
   * The chunks and where the VM items are among them: after the `vms:` entry (one such entry,
   * with items). Undefined: the text doesn't split, or has no VM items (analysed from scratch).
   */
  private vmList(): VmList | undefined {
    const chunks = this.chunks;
    if (!chunks) return undefined;
    const assembly = (this.assembly ??= new Assembly(chunks));
    const list = assembly.list(VMS);
    if (!list || list.length === 0) return undefined;
    const from = chunkAt(chunks, list.entry.start) + 1;
    return chunks[from - 1] === list.entry ? { chunks, assembly, from, count: list.length } : undefined;
  }

  /** The version's document, its YAML problems in file order. */
  private document(at: VmList): ReturnType<Assembly['result']> {
    return at.assembly.result(this.textValue, at.chunks, [...this.withProblems].sort((a, b) => a.start - b.start));
  }

  /** Every analysed VM in file order, each with its index as its place (set again when they moved). */
  private everyVm(chunks: readonly ReadChunk[], from: number, count: number): AnalyzedVm[] {
    const out: AnalyzedVm[] = [];
    for (let index = 0; index < count; index++) {
      const item = this.items.get(chunks[from + index]!);
      if (item?.vm && this.indexesStale && item.vm.index !== index) (item.vm as { index: number }).index = index;
      if (item?.analyzed) out.push(item.analyzed);
    }
    this.indexesStale = false;
    return out;
  }

  /** The schema verdicts of the lists' items with errors, kept with their chunks, by index. */
  private verdicts(chunks: readonly ReadChunk[], assembly: Assembly): ItemVerdicts {
    return (list, values) => {
      const entry = assembly.list(list);
      if (!entry) return everyItemVerdict(list, values);
      const from = chunkAt(chunks, entry.entry.start) + 1;
      const found: [number, readonly ErrorObject[]][] = [];
      for (const [c, errors] of this.withSchemaErrors) if (c.key === list) found.push([chunkAt(chunks, c.start) - from, errors]);
      return found.sort((a, b) => a[0] - b[0]);
    };
  }

  /** A text that doesn't split, or has no VM items: analysed as `analyze` does (nothing kept). */
  private fromScratch(text: string, lines: LineIndex, chunks: readonly ReadChunk[] | undefined): Analysis {
    const read = chunks ? (this.assembly ??= new Assembly(chunks)).result(text, chunks) : this.whole!;
    this.estate = undefined;
    this.estateReads = undefined;
    this.grouped = false;
    this.lineage++;
    this.estateChanged = true;
    this.vmsStale = true;
    this.leftVms.clear();
    this.freshVms.clear();
    this.stats.estate = true;
    const diagnostics: Diagnostic[] = [...read.diagnostics];
    if (read.doc) diagnostics.push(...validateSchema(read.doc, read.json, chunks && this.assembly ? this.verdicts(chunks, this.assembly) : undefined));
    const model = buildModel(read.doc);
    const estate = analyzeEstate(model);
    const vms = model.vms.map((vm) => analyzeVm(estate, vm));
    this.stats.vmsAnalysed = vms.length;
    diagnostics.push(...estate.diagnostics);
    for (const v of vms) diagnostics.push(...v.diagnostics);
    const groups = new Map<GroupRule, Map<unknown, Member[]>>();
    vms.forEach((v) => {
      GROUP_RULES.forEach((rule, r) => {
        let byKey = groups.get(rule);
        if (!byKey) groups.set(rule, (byKey = new Map<unknown, Member[]>()));
        for (const [key, member] of v.groups[r]!) {
          const list = byKey.get(key);
          if (list) list.push(member);
          else byKey.set(key, [member]);
        }
      });
    });
    for (const [rule, byKey] of groups) for (const members of byKey.values()) diagnostics.push(...runGroup(estate, rule, members));
    const used = new Set<string>();
    for (const v of vms) for (const key of v.usage) used.add(key);
    diagnostics.push(...runFileRules(FILE_RULES, fileContext(estate, used)));
    return analysisOf({ text, lines, doc: read.doc, model, estate, vms, diagnostics: sortDiagnostics(diagnostics) });
  }

  private groupOf(rule: GroupRule, key: unknown): Group {
    let byKey = this.groups.get(rule);
    if (!byKey) this.groups.set(rule, (byKey = new Map<unknown, Group>()));
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { rule, key, entries: [], diagnostics: [] }));
    return g;
  }

  /** Runs a group again (none for a group left empty, or of one member that its rule says nothing of). */
  private runGroupOf(estate: AnalyzedEstate, g: Group): void {
    const n = g.entries.length;
    if (n === 0 || (n === 1 && g.rule.quietAlone)) g.diagnostics = NO_DIAGNOSTICS;
    else g.diagnostics = runGroup(estate, g.rule, g.entries.map((e) => e.member));
    if (g.diagnostics.length > 0) this.withDiagnostics.add(g);
    else this.withDiagnostics.delete(g);
    this.stats.groupsRun++;
  }

  /** The groups of every VM, from none: `items` in file order. */
  private groupAll(items: readonly VmItem[]): void {
    const maps = GROUP_RULES.map((rule) => {
      const byKey = new Map<unknown, Group>();
      this.groups.set(rule, byKey);
      return byKey;
    });
    for (const item of items) {
      const groups = item.analyzed!.groups;
      for (let r = 0; r < maps.length; r++) {
        const byKey = maps[r]!;
        const members = groups[r]!;
        for (let seq = 0; seq < members.length; seq++) {
          const [key, member] = members[seq]!;
          const entry: Entry = { item, seq, member };
          const g = byKey.get(key);
          if (g) g.entries.push(entry);
          else byKey.set(key, { rule: GROUP_RULES[r]!, key, entries: [entry], diagnostics: NO_DIAGNOSTICS });
        }
      }
    }
  }

  /** Takes analyses' members out of their groups (each group filtered once). */
  private ungroup(retired: readonly (readonly [VmItem, AnalyzedVm])[], dirty: Set<Group>): void {
    if (retired.length === 0) return;
    const leaving = new Set<VmItem>();
    const touched = new Set<Group>();
    for (const [item, analyzed] of retired) {
      leaving.add(item);
      GROUP_RULES.forEach((rule, r) => {
        const byKey = this.groups.get(rule);
        for (const [key] of analyzed.groups[r]!) {
          const g = byKey?.get(key);
          if (g) touched.add(g);
        }
      });
    }
    for (const g of touched) {
      g.entries = g.entries.filter((e) => !leaving.has(e.item));
      dirty.add(g);
      if (g.entries.length === 0) {
        this.groups.get(g.rule)?.delete(g.key);
        this.withDiagnostics.delete(g);
      }
    }
  }

  /** Puts an item's members into their groups, in file order. */
  private group(item: VmItem, dirty: Set<Group>): void {
    GROUP_RULES.forEach((rule, r) => {
      item.analyzed!.groups[r]!.forEach(([key, member], seq) => {
        const g = this.groupOf(rule, key);
        const entry: Entry = { item, seq, member };
        dirty.add(g);
        // After the last entry that comes before it: at the end, when VMs are added in file order.
        const last = g.entries[g.entries.length - 1];
        if (!last || last.item === item || last.item.vm!.span.start < item.vm!.span.start) {
          if (!last || last.item !== item || last.seq < seq) {
            g.entries.push(entry);
            return;
          }
        }
        let lo = 0;
        let hi = g.entries.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          const e = g.entries[mid]!;
          if (e.item.vm!.span.start < item.vm!.span.start || (e.item === item && e.seq < seq)) lo = mid + 1;
          else hi = mid;
        }
        g.entries.splice(lo, 0, entry);
        dirty.add(g);
      });
    });
  }

  /** Counts an item's clouds and networks in use; true when one came into use. */
  private use(v: AnalyzedVm): boolean {
    let changed = false;
    for (const key of v.usage) {
      const n = this.usage.get(key) ?? 0;
      this.usage.set(key, n + 1);
      if (n === 0) changed = true;
    }
    return changed;
  }

  /** Uncounts them; true when one went out of use. */
  private unuse(v: AnalyzedVm): boolean {
    let changed = false;
    for (const key of v.usage) {
      const n = (this.usage.get(key) ?? 0) - 1;
      if (n <= 0) {
        this.usage.delete(key);
        changed = true;
      } else {
        this.usage.set(key, n);
      }
    }
    return changed;
  }
}

/** The offset of the dash that begins an item's chunk: its first character that is not blank or in a comment. */
function dashOf(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      i++;
    } else if (c === 35 /* # */) {
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else {
      return c === 45 /* - */ ? i : -1;
    }
  }
}
