/**
 * What each VM read of the estate, so that its analysis can be kept across an edit of the
 * estate when every read answers the same.
 *
 * A VM is analysed (`analyzeVm`) against a view of the estate that records each read: a name
 * looked up, a pair, a cloud's logical networks, a network's mappings, the targets a mapping
 * could use, every name (did-you-mean)... with its answer. After an edit of the estate,
 * model/keep.ts keeps the entities that say the same (the same objects, their spans on the new
 * nodes) and the new resolution keeps the pairs that resolve alike; each VM's reads are then
 * asked again of the new estate. When every answer is the same (the same entities, lists of
 * the same entities, the same names), the VM's analysis is what a new one would be, and is
 * kept. A read this module doesn't know how to ask again (the estate's model, its references)
 * never holds: the VM is analysed again.
 *
 * The invariant (checked by test/unit/incremental.test.ts against `analyze`): everything a VM's
 * analysis depends on in the estate is reached through a recorded read or through the data of
 * an entity returned by one (an entity kept says the same).
 */
import { analyzeVm, type AnalyzedEstate, type AnalyzedVm } from '../analysis';
import { forgetVmReferences, shareVmTargets, type EstateResolution, type WholeReads } from '../model';
import { LandingContext, type Estate, type SharedReads } from '../rules';
import type { Availability, Cloud, Network, PairInfo, Site, Str, Vm } from '../types';

// The reads, each recorded as three entries: what, its argument, its answer.
const NEVER = 0;
const TARGET = 1;
const SITE = 2;
const NETWORK = 3;
const CLOUD = 4;
const ALL_SITES = 5;
const ALL_NETWORKS = 6;
const ALL_CLOUDS = 7;
const LOGICAL_OF_SITE = 8;
const LOGICAL_OF = 9;
const CLOUD_LOGICAL = 10;
const PAIR_OF = 11;
const PAIRS = 12;
const MAPPINGS_FROM = 13;
const MAPPINGS_TO = 14;
const AVAILABILITY = 15;
const CANDIDATES = 16;

/** What one VM read of the estate, three entries per read. */
export type Reads = readonly unknown[];

/** One estate, with a view of it that records what the VM being analysed reads. */
export class EstateReads implements SharedReads {
  private log: unknown[] = [];
  private readonly view: Estate;
  /** The estate's own references' strings: `target` of any other string is a VM's own (decided by reads recorded). */
  private estateStrs: Set<Str> | undefined;
  /** Answers of whole reads (every network, the pairs...) compared already in this estate: by the answer recorded. */
  private readonly wholeHolds = new Map<unknown, boolean>();

  constructor(readonly estate: AnalyzedEstate) {
    const res = estate.resolution;
    const rec = (what: number, arg: unknown, answer: unknown): void => { this.log.push(what, arg, answer); };
    const view: EstateResolution = {
      get references() { rec(NEVER, undefined, undefined); return res.references; },
      get definitions() { rec(NEVER, undefined, undefined); return res.definitions; },
      get diagnostics() { rec(NEVER, undefined, undefined); return res.diagnostics; },
      target: (str) => {
        const t = res.target(str);
        if (str && this.estateStrings().has(str)) rec(TARGET, str, t);
        return t;
      },
      sites: new RecordingMap<Site>(res.sites, SITE, ALL_SITES, rec),
      networks: new RecordingMap<Network>(res.networks, NETWORK, ALL_NETWORKS, rec),
      clouds: new RecordingMap<Cloud>(res.clouds, CLOUD, ALL_CLOUDS, rec),
      logicalNetworksOf: (site) => answer(rec, LOGICAL_OF_SITE, site, res.logicalNetworksOf(site)),
      logicalNetworkOf: (n) => answer(rec, LOGICAL_OF, n, res.logicalNetworkOf(n)),
      cloudLogicalNetworks: (c) => answer(rec, CLOUD_LOGICAL, c, res.cloudLogicalNetworks(c)),
      pairOf: (c) => answer(rec, PAIR_OF, c, res.pairOf(c)),
      get pairs() { return answer(rec, PAIRS, undefined, res.pairs); },
      mappingsFrom: (n) => answer(rec, MAPPINGS_FROM, n, res.mappingsFrom(n)),
      mappingsTo: (n) => answer(rec, MAPPINGS_TO, n, res.mappingsTo(n)),
    };
    shareVmTargets(res, view);
    this.view = {
      get model() { rec(NEVER, undefined, undefined); return estate.model; },
      resolution: view,
      get availability() { return answer(rec, AVAILABILITY, undefined, estate.availability); },
      landing: new LandingContext(view, this),
      candidateTargets: (pair) => answer(rec, CANDIDATES, pair, estate.candidateTargets(pair)),
    };
  }

  /** A VM analysed against this estate, with what it read of it (`before`: its analysis against an earlier estate of the line). */
  analyze(vm: Vm, before?: AnalyzedVm): { analyzed: AnalyzedVm; reads: Reads } {
    if (before) forgetVmReferences(this.estate.resolution, before.names);
    this.log = [];
    const analyzed = analyzeVm(this.view, vm);
    const reads = this.log;
    this.log = [];
    return { analyzed, reads };
  }

  /**
   * Whether reads recorded against an earlier estate answer the same in this one: then the
   * analysis that made them is this estate's too (its references' targets are the same
   * entities, and this estate shares the earlier one's record of them: `resolveEstate`).
   */
  keeps(reads: Reads): boolean {
    const res = this.estate.resolution;
    for (let i = 0; i < reads.length; i += 3) {
      const arg = reads[i + 1];
      const was = reads[i + 2];
      let same: boolean;
      switch (reads[i]) {
        case TARGET: same = res.target(arg as Str) === was; break;
        case SITE: same = res.sites.get(arg as string) === was; break;
        case NETWORK: same = res.networks.get(arg as string) === was; break;
        case CLOUD: same = res.clouds.get(arg as string) === was; break;
        case ALL_SITES: same = this.whole(was, () => sameMap(was as ReadonlyMap<string, unknown>, res.sites)); break;
        case ALL_NETWORKS: same = this.whole(was, () => sameMap(was as ReadonlyMap<string, unknown>, res.networks)); break;
        case ALL_CLOUDS: same = this.whole(was, () => sameMap(was as ReadonlyMap<string, unknown>, res.clouds)); break;
        case LOGICAL_OF_SITE: same = sameMap(was as ReadonlyMap<string, unknown>, res.logicalNetworksOf(arg as Site)); break;
        case LOGICAL_OF: same = res.logicalNetworkOf(arg as Parameters<EstateResolution['logicalNetworkOf']>[0]) === was; break;
        case CLOUD_LOGICAL: same = sameSet(was as ReadonlySet<unknown>, res.cloudLogicalNetworks(arg as Cloud)); break;
        case PAIR_OF: same = res.pairOf(arg as Cloud) === was; break;
        case PAIRS: same = this.whole(was, () => sameList(was as readonly unknown[], res.pairs)); break;
        case MAPPINGS_FROM: same = sameList(was as readonly unknown[], res.mappingsFrom(arg as Network)); break;
        case MAPPINGS_TO: same = sameList(was as readonly unknown[], res.mappingsTo(arg as Network)); break;
        case AVAILABILITY: same = this.whole(was, () => sameAvailability(was as readonly Availability[], this.estate.availability)); break;
        case CANDIDATES: same = sameList(was as readonly unknown[], this.estate.candidateTargets(arg as PairInfo)); break;
        default: same = false;
      }
      if (!same) return false;
    }
    return true;
  }

  // SharedReads: a landing shared between NICs is what deciding it read, for each of them.
  mark(): number {
    return this.log.length;
  }

  since(mark: number): readonly unknown[] {
    return this.log.slice(mark);
  }

  append(reads: readonly unknown[]): void {
    for (const r of reads) this.log.push(r);
  }

  private estateStrings(): Set<Str> {
    if (!this.estateStrs) {
      this.estateStrs = new Set();
      for (const ref of this.estate.resolution.references) this.estateStrs.add(ref.str);
    }
    return this.estateStrs;
  }

  /** A whole read's comparison, made once per answer recorded. */
  private whole(was: unknown, compare: () => boolean): boolean {
    let same = this.wholeHolds.get(was);
    if (same === undefined) this.wholeHolds.set(was, (same = compare()));
    return same;
  }
}

function answer<T>(rec: (what: number, arg: unknown, answer: unknown) => void, what: number, arg: unknown, value: T): T {
  rec(what, arg, value);
  return value;
}

/** A map of the estate's names that records each name looked up, and a read of them all. */
class RecordingMap<V> implements ReadonlyMap<string, V>, WholeReads {
  constructor(
    private readonly inner: ReadonlyMap<string, V>,
    private readonly one: number,
    private readonly all: number,
    private readonly rec: (what: number, arg: unknown, answer: unknown) => void,
  ) {}

  get(key: string): V | undefined {
    return answer(this.rec, this.one, key, this.inner.get(key));
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  readWhole(): void {
    this.rec(this.all, undefined, this.inner);
  }

  get size(): number {
    this.readWhole();
    return this.inner.size;
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    this.readWhole();
    this.inner.forEach((v, k) => { fn(v, k, this); });
  }

  entries(): MapIterator<[string, V]> {
    this.readWhole();
    return this.inner.entries();
  }

  keys(): MapIterator<string> {
    this.readWhole();
    return this.inner.keys();
  }

  values(): MapIterator<V> {
    this.readWhole();
    return this.inner.values();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

function sameMap(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [k, v] of b) if (a.get(k) !== v) return false;
  return true;
}

function sameSet(a: ReadonlySet<unknown>, b: ReadonlySet<unknown>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const v of b) if (!a.has(v)) return false;
  return true;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a === b || (a.length === b.length && a.every((v, i) => v === b[i]));
}

function sameAvailability(a: readonly Availability[], b: readonly Availability[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => {
    const y = b[i]!;
    return x.mapping === y.mapping && x.source === y.source && x.target === y.target && x.pair === y.pair
      && x.available === y.available && x.missingLogicalNetwork === y.missingLogicalNetwork;
  }));
}
