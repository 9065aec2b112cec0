// What `npm test` concludes from each suite's output: counts (passed, failed, skipped), the
// problems that make a run red although no test failed (a suite that ran nothing or fewer
// tests than it has, a crash, a `.only`), and the closing line "N passed, N failed, N skipped".
// Pure functions, imported by scripts/test.mjs and tested by test/unit/test-verdict.test.ts.

/**
 * The fewest tests each suite runs today, a little under its count so that honest additions
 * need no edit, while a lost file, a glob that matches nothing or a stray `.only` fail the
 * run. Removing tests on purpose? Lower the number here in the same commit, and say why.
 */
export const MINIMUMS = Object.freeze({ unit: 270, cli: 110, server: 85, package: 7, e2e: 65 });

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
 * run as it should.
 */
export function judge(name, kind, code, out, minimum = MINIMUMS[name]) {
  const c = countsOf(kind, out);
  const problems = [];
  const text = out.replace(ANSI, '');
  if (/`\.only` forbidden|ERR_MOCHA_FORBIDDEN_EXCLUSIVITY/.test(text)) problems.push('a test or suite is marked .only (forbidden)');
  if (!c.found) problems.push('printed no test counts (it crashed, or ran nothing)');
  else if (c.passed + c.failed === 0) problems.push('ran no test');
  else if (minimum !== undefined && c.passed + c.failed < minimum) {
    problems.push(`ran ${c.passed + c.failed} tests, fewer than its ${minimum} (a suite lost? see MINIMUMS in scripts/test-verdict.mjs)`);
  }
  if (code !== 0 && c.failed === 0 && problems.length === 0) problems.push(`exited ${code} without a failed test`);
  return { name, passed: c.passed, failed: c.failed + problems.length, skipped: c.skipped, problems, code };
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
  return [head, ...v.problems.map((p) => `  ${v.name}: FAILED: ${p}`)].join('\n');
}
