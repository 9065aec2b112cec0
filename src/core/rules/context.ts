/**
 * What the rules read, and their reach: what a rule may look at decides what an edit has to
 * recompute. A rule of reach `vm` reads the estate and one VM (with its landings); a rule of
 * reach `group` reads the estate and the VMs that share a key with each other (a name, an
 * address in a network, a mapping their replicas go through, an Azure subnet whose addresses
 * they draw), in file order; a rule of reach `file` reads the estate and, when it says so,
 * which clouds have VMs on which networks. The incremental analysis
 * (incremental/index.ts) recomputes a `vm` rule for the VMs an edit touched, a `group` rule
 * for the groups those VMs were or are in, and a `file` rule when the estate or what it reads
 * changed. When the estate changes, a VM whose reads of it answer the same keeps its analysis
 * (incremental/estateReads.ts: a `vm` rule reads the estate through `Estate` only); the groups
 * whose members changed run again, and every group of a rule that reads the estate, and every
 * file rule. Every rule is in the registry of
 * rules/index.ts with its reach; test/unit/reach.test.ts fails on a rule without one.
 */
import type { EstateResolution } from '../model';
import type { Availability, Diagnostic, DiagnosticCode, Landing, Model, PairInfo, Vm } from '../types';
import type { LandingContext } from './landing';

/** Everything but the VMs, analysed: what every VM is analysed against. */
export interface Estate {
  /** The estate's entities (its `vms` is empty). */
  readonly model: Model;
  readonly resolution: EstateResolution;
  readonly availability: readonly Availability[];
  readonly landing: LandingContext;
  /** Targets a mapping for this pair could use, available ones only, sorted by name. */
  candidateTargets(pair: PairInfo): readonly string[];
}

/** One VM, its landings (one per NIC) and the estate. */
export interface VmContext {
  readonly estate: Estate;
  readonly vm: Vm;
  readonly landings: readonly Landing[];
}

/** A member of a group: a VM (its name) or one NIC's landing. */
export type Member = Vm | Landing;

export interface VmRule {
  readonly reach: 'vm';
  readonly name: string;
  readonly codes: readonly DiagnosticCode[];
  run(ctx: VmContext, out: Diagnostic[]): void;
}

export interface GroupRule {
  readonly reach: 'group';
  readonly name: string;
  readonly codes: readonly DiagnosticCode[];
  /** The groups a VM is in: `add(key, member)` for each (keys compare as Map keys do). */
  members(ctx: VmContext, add: (key: unknown, member: Member) => void): void;
  /** One group, its members in file order. */
  run(estate: Estate, members: readonly Member[], out: Diagnostic[]): void;
  /** It says nothing of a group of one member (a name or an address used once): such groups are not run. */
  readonly quietAlone?: boolean;
  /**
   * Whether `run` reads the estate (beyond its members, their landings and the entities those
   * hold): such groups run again after every edit of the estate, the others only when their
   * members changed. test/unit/incremental.test.ts runs the others with an estate that throws.
   */
  readonly readsEstate: boolean;
}

/** What a file rule may read of the VMs. */
export interface FileContext {
  readonly estate: Estate;
  /** Whether a VM of this cloud has a NIC on this network (by their names). */
  readonly inUse: (cloud: string, network: string) => boolean;
}

export interface FileRule {
  readonly reach: 'file';
  readonly name: string;
  readonly codes: readonly DiagnosticCode[];
  /** `usage`: it reads `inUse`, and runs again when a cloud's first or last VM on a network comes or goes. */
  readonly reads: readonly 'usage'[];
  run(ctx: FileContext, out: Diagnostic[]): void;
}

export type Rule = VmRule | GroupRule | FileRule;

/** The key of `inUse` for a landing: its cloud and network, by name. */
export function usageKey(cloud: string, network: string): string {
  return `${cloud}\0${network}`;
}
