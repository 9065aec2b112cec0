/** Waiting helpers for the extension-host tests: events with timeouts, never bare sleeps. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'asr-topology.asr-topology';
/** How long the language server may take to answer (its first start includes loading Node). */
export const SERVER_TIMEOUT_MS = 30_000;

export interface AsrTopologyApi {
  serverState(): 'stopped' | 'starting' | 'running' | 'missing' | 'failed';
  statusText(): string | undefined;
  serverPid(): number | undefined;
  notices(): readonly { kind: 'warning' | 'error'; message: string }[];
}

export function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the end-to-end run must open a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function openEditor(...segments: string[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(...segments));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/**
 * Resolves when `check()` is truthy: checked now, then on each of `events`, and every `pollMs`;
 * fails (an assertion) when it isn't within `timeoutMs`.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  options: { timeoutMs?: number; events?: vscode.Event<unknown>[]; pollMs?: number; describe?: () => string } = {},
): Promise<T> {
  const { timeoutMs = SERVER_TIMEOUT_MS, events = [], pollMs = 100, describe } = options;
  const first = check();
  const seen = first || await new Promise<T | undefined>((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    const done = (): void => {
      clearTimeout(timer);
      clearInterval(poll);
      for (const s of subs) s.dispose();
    };
    const test = (): void => {
      try {
        const v = check();
        if (v) {
          done();
          resolve(v);
        }
      } catch (err: unknown) {
        done();
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    for (const e of events) subs.push(e(test));
    const poll = setInterval(test, pollMs);
    const timer = setTimeout(() => {
      done();
      resolve(undefined);
    }, timeoutMs);
  });
  // The wait is an assertion of the test (test/support/assertions.ts counts it): it fails the
  // test when what it waits for never comes.
  assert.ok(seen, seen ? undefined : `timed out after ${timeoutMs} ms waiting for ${what}${describe ? `; now: ${describe()}` : ''}`);
  return seen;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const ds = vscode.languages.getDiagnostics(uri);
  if (ds.length === 0) return 'no diagnostics';
  return ds.map((d) => `${codeOf(d) ?? '?'}@${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join(' | ');
}

/** Waits until the diagnostics of `uri` satisfy `predicate`. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  predicate: (ds: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = SERVER_TIMEOUT_MS,
): Promise<readonly vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const ds = vscode.languages.getDiagnostics(uri);
    return predicate(ds) ? ds : undefined;
  }, { timeoutMs, events: [vscode.languages.onDidChangeDiagnostics], describe: () => describeDiagnostics(uri) });
}

export async function activeApi(): Promise<AsrTopologyApi> {
  const ext = vscode.extensions.getExtension<AsrTopologyApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Fails with a clear message when the language server isn't there (dist/server.js not built). */
export async function requireServer(): Promise<AsrTopologyApi> {
  const api = await activeApi();
  await waitFor('the language server to start', () => {
    const s = api.serverState();
    if (s === 'missing') throw new Error('the language server is missing: dist/server.js was not built (npm run build)');
    if (s === 'failed') throw new Error('the language server failed to start: see the "ASR Topology" output');
    return s === 'running';
  }, { describe: () => api.serverState() });
  return api;
}

/** Sets a workspace setting for the duration of `body`, then restores it. */
export async function withSetting<T>(section: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('asrTopology');
  const before = config.inspect(section)?.workspaceValue;
  await config.update(section, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration('asrTopology').update(section, before, vscode.ConfigurationTarget.Workspace);
  }
}
