/**
 * Random damage for the property and fuzz tests: generated topologies (scripts/gen-topology.mjs)
 * mutated the way a user, a bad merge or a broken tool would: random bytes, deleted,
 * duplicated and swapped lines, changed indentation, renamed names. Plus what a user sees of
 * an analysis, as comparable data, and the run settings (fixed seed in `npm test`, random and
 * long under `npm run fuzz`).
 */
import fc from 'fast-check';
import type { Analysis } from '../../../src/core/analysis';

/** One mutation; positions are taken modulo the text's length or line count when applied. */
export type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'replace'; readonly at: number; readonly length: number; readonly text: string }
  | { readonly kind: 'deleteLine'; readonly line: number }
  | { readonly kind: 'duplicateLine'; readonly line: number }
  | { readonly kind: 'swapLines'; readonly line: number; readonly other: number }
  | { readonly kind: 'indent'; readonly line: number; readonly delta: number; readonly tab: boolean }
  | { readonly kind: 'rename'; readonly nth: number; readonly to: string; readonly all: boolean };

/** Characters that matter to YAML and to the core, and some that should never matter. */
const SPECIAL = [
  ':', '-', ' ', '  ', '\n', '\r\n', '\r', '\t', '#', '&a ', '*a', '!!str ', '[', ']', '{', '}', ',', '"', "'", '|', '>',
  '? ', '---\n', '...\n', '%YAML 1.2\n', '\uFEFF', '\u0000', '\uFFFD', '\uD800', 'é', '😀', '~', 'null', '/', '<<: ',
];

const noisyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...SPECIAL), { maxLength: 5 }).map((xs) => xs.join('')) },
);

/** A new name: ordinary, or one that means something else to YAML. */
const newName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('X', 'Gold-NYC', 'Corp-CHI-01', 'App', 'a b', 'null', '1', 'true', "it's", 'x: y', '- z', '#c', '"q"', ''),
  fc.string({ minLength: 1, maxLength: 12 }),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: noisyText }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), length: fc.integer({ min: 0, max: 40 }), text: noisyText }),
  fc.record({ kind: fc.constant('deleteLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), delta: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }),
  fc.record({ kind: fc.constant('rename' as const), nth: fc.nat(), to: newName, all: fc.boolean() }),
);

/** Splits into lines keeping each line's break, so that joining gives the text back. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const NAME = /(?:name|cloud|network|subnet|source|target|protected|protecting|logicalNetwork): *([^\n#]*[^\s#])/g;

export function applyMutation(text: string, m: Mutation): string {
  const len = text.length;
  switch (m.kind) {
    case 'insert': {
      const at = len === 0 ? 0 : m.at % (len + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'replace': {
      const at = len === 0 ? 0 : m.at % (len + 1);
      return text.slice(0, at) + m.text + text.slice(Math.min(len, at + m.length));
    }
    case 'deleteLine':
    case 'duplicateLine':
    case 'swapLines':
    case 'indent': {
      const lines = linesOf(text);
      if (lines.length === 0) return text;
      const i = m.line % lines.length;
      const line = lines[i]!;
      if (m.kind === 'deleteLine') lines.splice(i, 1);
      else if (m.kind === 'duplicateLine') lines.splice(i, 0, line.endsWith('\n') ? line : `${line}\n`);
      else if (m.kind === 'swapLines') {
        const j = m.other % lines.length;
        const a = line.endsWith('\n') ? line : `${line}\n`;
        const b = lines[j]!.endsWith('\n') ? lines[j]! : `${lines[j]!}\n`;
        lines[i] = b;
        lines[j] = a;
      } else if (m.delta >= 0) {
        lines[i] = (m.tab ? '\t' : ' '.repeat(m.delta)) + line;
      } else {
        const lead = /^ */.exec(line)![0].length;
        lines[i] = line.slice(Math.min(lead, -m.delta));
      }
      return lines.join('');
    }
    case 'rename': {
      const found = [...text.matchAll(NAME)];
      if (found.length === 0) return text;
      const hit = found[m.nth % found.length]!;
      const old = hit[1]!;
      if (m.all) return text.split(old).join(m.to);
      const at = hit.index + hit[0].length - old.length;
      return text.slice(0, at) + m.to + text.slice(at + old.length);
    }
  }
}

export function applyMutations(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, text);
}

/** Everything a user can see of an analysis (diagnostics with their fixes, landings, tables), as data. */
export function observable(a: Analysis): unknown {
  return {
    diagnostics: a.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      span: [d.span.start, d.span.end],
      related: d.related?.map((r) => [r.span.start, r.span.end, r.message]),
      fix: d.fix,
    })),
    landings: a.landings.map((l) => [
      l.vm.name.value, l.nic.index, l.cloud?.name.value, l.network?.name.value, l.subnet?.name.value,
      l.failover.status, l.failover.reason, l.failover.pair?.pair.index, l.failover.mapping?.index, l.failover.target?.name.value,
      l.failover.subnet?.name.value, l.failover.subnetRule, l.failover.ipAddress, l.failover.ipSource,
      l.failback.status, l.failback.network?.name.value, l.failback.subnet?.name.value, l.failback.subnetRule,
      l.failback.replicaNetwork?.name.value ?? null, l.failback.replicaFrom, l.failback.why,
    ]),
    availability: a.availability.map((r) => [r.mapping.index, r.pair.pair.index, r.available, r.missingLogicalNetwork]),
  };
}

/**
 * Run settings. `npm test`: a fixed seed and a modest number of runs. `npm run fuzz`
 * (scripts/fuzz.mjs) sets FUZZ_RUNS (and FUZZ_SEED to replay a failure); fast-check prints
 * the seed and the shrunk counterexample of a failure.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? '') || undefined;
export const FIXED_SEED = 0x5eed_2024;

let announced = false;

export function params(runs: number): fc.Parameters<unknown> {
  const seedEnv = process.env.FUZZ_SEED;
  const seed = seedEnv !== undefined && seedEnv !== '' ? Number(seedEnv) : FUZZ_RUNS ? Date.now() ^ (Math.random() * 0x7fffffff) : FIXED_SEED;
  if (!announced) {
    announced = true;
    // Said once per run, so that any failure can be replayed.
    console.log(`      (property tests: seed ${seed}${seed === FIXED_SEED ? ', the fixed one of npm test; npm run fuzz takes a random one' : ''}; replay with FUZZ_SEED=${seed})`);
  }
  return { seed, numRuns: FUZZ_RUNS ?? runs, endOnFailure: false, verbose: fc.VerbosityLevel.None };
}
