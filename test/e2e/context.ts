/** What the runner (run.ts) hands to the UI tests it runs in its own process. */
import type { Browser, Page } from 'playwright-core';

export interface UiContext {
  /** The workbench page, with the extension under development loaded. */
  readonly page: Page;
  /** The workbench URL that opened the page. */
  readonly url: string;
  /** The workspace folder open in it (a temporary copy of examples/ and test/e2e/workspace/). */
  readonly workspace: string;
  /** The repository root. */
  readonly root: string;
  /** code-server's package folder (for VS Code's own vscode-textmate and vscode-oniguruma). */
  readonly codeServerDir: string;
  /** The code-server process (its own process group): what runs under it is this workbench's. */
  readonly codeServerPid?: number | undefined;
  /** Every console message of the page so far, extension hosts' included. */
  readonly consoleLines?: readonly string[];
  /** The browser, for a workbench in a fresh profile of its own. */
  readonly browser?: Browser;
  /** code-server's port. */
  readonly port?: number;
  /** code-server's machine settings file (written by the runner; a test that changes it puts it back). */
  readonly machineSettings?: string;
  /** The extension under test is the installed .vsix (ASR_E2E_FROM_VSIX), not the repository. */
  readonly fromVsix?: boolean;
}

const KEY = '__asrTopologyE2E';

export function setUiContext(ctx: UiContext): void {
  (globalThis as Record<string, unknown>)[KEY] = ctx;
}

export function uiContext(): UiContext {
  const ctx = (globalThis as Record<string, unknown>)[KEY] as UiContext | undefined;
  if (!ctx) throw new Error('UI tests run only under test/e2e/run.ts (npm run test:e2e)');
  return ctx;
}
