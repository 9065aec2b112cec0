/**
 * The end-to-end suite's entry point inside VS Code's extension host (`extensionTestsPath`):
 * runs mocha over the *.test.js files beside this one (each bundled from test/e2e/suite/*.test.ts).
 * The launcher (code-server + browser, or @vscode/test-electron) reads the outcome from the
 * exit code; with ASR_E2E_RESULTS set (code-server passes its environment on to the extension
 * host) the counts are also written there as JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { mochaHooks as everyTestAsserts } from '../../support/assertions';

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', forbidOnly: true });
  // A test that passed without an assertion fails the run, as in the other suites.
  mocha.rootHooks(everyTestAsserts);
  const grep = process.env.ASR_E2E_GREP;
  if (grep) mocha.grep(grep);
  // *.untrusted.test.js run alone, in the runner's Restricted Mode phase (ASR_E2E_UNTRUSTED=1).
  const untrusted = process.env.ASR_E2E_UNTRUSTED === '1';
  const files = fs.readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js') && f.endsWith('.untrusted.test.js') === untrusted).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  await mocha.loadFilesAsync();

  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, failures: [] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => { resolve(); });
    runner.on('pass', () => { results.passed++; });
    runner.on('pending', () => { results.pending++; });
    runner.on('fail', (test, err: unknown) => {
      results.failed++;
      const error = err instanceof Error ? err.message : String(err);
      results.failures.push({ title: test.fullTitle(), error });
      // Said now as well as in the closing report: a run that never ends still shows why.
      console.log(`      failed: ${error.split('\n')[0] ?? ''}`);
    });
  });

  const out = process.env.ASR_E2E_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`extension-host suite: ${results.passed} passing, ${results.failed} failing, ${results.pending} pending`);
  if (results.failed > 0 || results.passed === 0) {
    throw new Error(`${results.failed} of ${results.passed + results.failed} extension-host tests failed`);
  }
}
