/**
 * Every test asserts something, checked rather than promised: a mocha root hook plugin
 * (loaded by .mocharc.json's `require` for the unit, CLI and server suites, and given to the
 * end-to-end suites' Mocha instances by test/e2e/suite/index.ts and test/e2e/run.ts) that counts
 * the calls of `node:assert` (and `node:assert/strict`) and of fast-check's `fc.assert`
 * while each test runs. A test that passed without one is named at the end of the run, in a
 * failure of the root "after all" hook: the run is red, whatever else passed.
 *
 * The tests import `* as assert from 'node:assert/strict'`, which TypeScript compiles to live
 * getters on the module object: wrapping that object's functions in place counts every call,
 * also those made by helpers on a test's behalf. fast-check's `assert` is counted the same way;
 * it fails when a property's predicate returns false or throws.
 */
import { createRequire } from 'node:module';

const load = createRequire(__filename);
let count = 0;
const offenders: string[] = [];
const COUNTED = Symbol('counted');

type Fn = ((...args: unknown[]) => unknown) & { [COUNTED]?: true };

/** Every wrapped place: while one assertion runs, all are given back their originals. */
const places: { record: Record<string, unknown>; key: string; original: Fn; counted: Fn }[] = [];

/**
 * Wraps the assertion functions of `target` (not its classes, nor `strict` itself) to count
 * calls. Node's assert compares some of its functions by identity (`match` tells itself from
 * `doesNotMatch` by `fn === assert.match`), so while a wrapped call runs the originals are put
 * back, and the wrappers again after it.
 */
function instrument(target: unknown): void {
  if ((typeof target !== 'object' && typeof target !== 'function') || target === null) return;
  const record = target as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const fn = record[key];
    if (typeof fn !== 'function' || key === 'strict' || /^[A-Z]/.test(key) || (fn as Fn)[COUNTED]) continue;
    if (!Object.getOwnPropertyDescriptor(record, key)?.writable) continue;
    const original = fn as Fn;
    const counted: Fn = function (this: unknown, ...args: unknown[]) {
      count++;
      for (const p of places) p.record[p.key] = p.original;
      try {
        return original.apply(this, args);
      } finally {
        for (const p of places) p.record[p.key] = p.counted;
      }
    };
    counted[COUNTED] = true;
    places.push({ record, key, original, counted });
  }
}

/** How many assertions ran since the current test started (for the plugin's own test). */
export function assertionsSoFar(): number {
  return count;
}

instrument(load('node:assert'));
instrument(load('node:assert/strict'));
instrumentFastCheck();
for (const p of places) p.record[p.key] = p.counted;

/**
 * fast-check's `assert`, when fast-check is there: the end-to-end suites (which bundle this
 * file into test/e2e's runners, where it is required from the repository's node_modules)
 * don't use it.
 */
function instrumentFastCheck(): void {
  let fc: unknown;
  try {
    fc = load('fast-check');
  } catch (err: unknown) {
    if ((err as { code?: unknown }).code === 'MODULE_NOT_FOUND') return;
    throw err;
  }
  instrument(fc);
  instrument((fc as { default?: unknown }).default);
}

export const mochaHooks = {
  beforeEach(): void {
    count = 0;
  },
  afterEach(this: Mocha.Context): void {
    const test = this.currentTest;
    if (test?.state === 'passed' && count === 0) offenders.push(test.fullTitle());
  },
  afterAll(): void {
    if (offenders.length === 0) return;
    const list = offenders.map((t) => `  - ${t}`).join('\n');
    offenders.length = 0;
    throw new Error(`${list.split('\n').length} test(s) passed without a single assertion (test/support/assertions.ts):\n${list}`);
  },
};
