/**
 * How many tests of each file ran (passed or failed), for `npm test`'s per-file minimums
 * (scripts/test-minimums.json, judged in scripts/test-verdict.mjs): a mocha root hook plugin
 * loaded by .mocharc.json's `require`. When ASR_TEST_TALLY names a file, the counts are written
 * there as JSON when mocha exits, keyed by the test's source file ("test/unit/rules.test.ts").
 * A deleted or renamed test file, or one skipped whole, then shows as a file that ran nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository: this file runs as out/test/support/tally.js. */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const counts = new Map<string, number>();

/** out/test/unit/rules.test.js → test/unit/rules.test.ts (what a person edits). */
export function sourceOf(compiled: string): string {
  const rel = path.relative(path.join(ROOT, 'out'), compiled).split(path.sep).join('/');
  return rel.replace(/\.js$/, '.ts');
}

const target = process.env.ASR_TEST_TALLY;
if (target) {
  process.once('exit', () => {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, `${JSON.stringify(Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`);
  });
}

export const mochaHooks = {
  afterEach(this: Mocha.Context): void {
    const test = this.currentTest;
    if (!test?.file || (test.state !== 'passed' && test.state !== 'failed')) return;
    const file = sourceOf(test.file);
    counts.set(file, (counts.get(file) ?? 0) + 1);
  },
};
