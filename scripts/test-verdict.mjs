// What `npm test` concludes from each suite's output: counts (passed, failed, skipped), the
// problems that make a run red although no test failed (a suite that ran nothing or fewer
// tests than it has, a crash, a `.only`), and the closing line "N passed, N failed, N skipped".
// Pure functions (the table of minimums is read once, at import), imported by scripts/test.mjs
// and tested by test/unit/test-verdict.test.ts.
import { readFileSync } from 'node:fs';

/**
 * The fewest tests each suite runs, a little under its count so that honest additions need no
 * edit, while a glob that matches nothing, a lost suite or a stray `.only` fail the run.
 * Removing tests on purpose? Lower the number here in the same commit, and say why.
 */
export const MINIMUMS = Object.freeze({ unit: 330, cli: 115, server: 95, package: 7, e2e: 72 });

/**
 * The fewest tests each file of the unit, CLI and server suites runs
 * (scripts/test-minimums.json, about 90 % of its count when written, at least 1): a deleted,
 * renamed or wholly skipped file fails the run even when its suite stays above its minimum.
 * A new file needs no entry (the summary lists those without one). Deleted, renamed or shrunk
 * a file on purpose? `node scripts/update-test-minimums.mjs` after a green `npm test` rewrites
 * the table from that run's counts: commit it with the change, and say why.
 */
export const FILE_MINIMUMS = Object.freeze(JSON.parse(readFileSync(new URL('./test-minimums.json', import.meta.url), 'utf8')));

/** The minimum written for a file that ran `count` tests. */
export function fileMinimumOf(count) {
  return Math.max(1, Math.floor(count * 0.9));
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The counts a suite printed. `mocha`: the spec reporter's "N passing", "N failing", "N pending".
 * `plain`: the last "[name: ]N passed, N failed[, N skipped]" line. `found`: a count was printed.
 */
export function countsOf(kind, out) {
  const text = out.replace(ANSI, '');
  if (kind === 'mocha') {
    const p = /^\s*(\d+) passing/m.exec(text);
    const f = /^\s*(\d+) failing/m.exec(text);
    const s = /^\s*(\d+) pending/m.exec(text);
    return { passed: num(p), failed: num(f), skipped: num(s), found: p !== null || f !== null };
  }
  const lines = [...text.matchAll(/^(?:[\w-]+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/gm)];
  const last = lines[lines.length - 1];
  if (!last) return { passed: 0, failed: 0, skipped: 0, found: false };
  return { passed: Number(last[1]), failed: Number(last[2]), skipped: last[3] ? Number(last[3]) : 0, found: true };
}

function num(m) {
  return m ? Number(m[1]) : 0;
}

/**
 * One suite's verdict from its exit code and output. Every problem is counted as one failure
 * on top of the failed tests, so the closing line can't read "0 failed" when a suite didn't
 * run as it should. `tally`: the tests run per file (test/support/tally.ts), `null` when the
 * suite should have written one and didn't, absent when the suite keeps none (package, e2e).
 */
export function judge(name, kind, code, out, { minimum = MINIMUMS[name], tally, fileMinimums = FILE_MINIMUMS } = {}) {
  const c = countsOf(kind, out);
  const problems = [];
  const notes = [];
  const text = out.replace(ANSI, '');
  if (/`\.only` forbidden|ERR_MOCHA_FORBIDDEN_EXCLUSIVITY/.test(text)) problems.push('a test or suite is marked .only (forbidden)');
  if (!c.found) problems.push('printed no test counts (it crashed, or ran nothing)');
  else if (c.passed + c.failed === 0) problems.push('ran no test');
  else if (minimum !== undefined && c.passed + c.failed < minimum) {
    problems.push(`ran ${c.passed + c.failed} tests, fewer than its ${minimum} (a suite lost? see MINIMUMS in scripts/test-verdict.mjs)`);
  }
  if (tally === null) problems.push('wrote no per-file tally (is test/support/tally.js still in .mocharc.json?)');
  else if (tally !== undefined) judgeFiles(name, tally, fileMinimums, problems, notes);
  if (code !== 0 && c.failed === 0 && problems.length === 0) problems.push(`exited ${code} without a failed test`);
  return { name, passed: c.passed, failed: c.failed + problems.length, skipped: c.skipped, problems, notes, code };
}

/** Each file of the suite `name` in the table against what it ran. */
function judgeFiles(name, tally, fileMinimums, problems, notes) {
  const prefix = `test/${name}/`;
  for (const [file, min] of Object.entries(fileMinimums)) {
    if (!file.startsWith(prefix)) continue;
    const ran = tally[file] ?? 0;
    if (ran === 0) problems.push(`${file} ran no test (deleted, renamed or skipped whole? see scripts/test-minimums.json)`);
    else if (ran < min) problems.push(`${file} ran ${ran} tests, fewer than its ${min} (see scripts/test-minimums.json)`);
  }
  const fresh = Object.keys(tally).filter((f) => f.startsWith(prefix) && !(f in fileMinimums));
  if (fresh.length > 0) notes.push(`not yet in scripts/test-minimums.json: ${fresh.join(', ')} (node scripts/update-test-minimums.mjs)`);
}

/** The run's totals and exit code; a run with no passed test is red. */
export function total(verdicts) {
  const t = { passed: 0, failed: 0, skipped: 0 };
  for (const v of verdicts) {
    t.passed += v.passed;
    t.failed += v.failed;
    t.skipped += v.skipped;
  }
  return { ...t, line: closingLine(t), exitCode: t.failed === 0 && t.passed > 0 ? 0 : 1 };
}

export function closingLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

/** The summary line of one suite. */
export function describeVerdict(v, seconds) {
  const counts = `${v.passed} passed, ${v.failed - v.problems.length} failed, ${v.skipped} skipped`;
  const head = `${v.name}: exit ${v.code}${seconds === undefined ? '' : ` in ${seconds.toFixed(1)} s`} (${counts})`;
  return [head, ...v.problems.map((p) => `  ${v.name}: FAILED: ${p}`), ...(v.notes ?? []).map((n) => `  ${v.name}: note: ${n}`)].join('\n');
}
