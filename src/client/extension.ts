/** Entry point: only wires the features, each of which is a Disposable. */
import type * as vscode from 'vscode';
import { registerFeatures } from './features';
import { registerLanguageClient, type Notice, type ServerState } from './languageClient';
import type { PanelSnapshot } from './panel';

/** What activate returns: read by the end-to-end tests. */
export interface AsrTopologyApi {
  serverState(): ServerState;
  /** The process id of the running language server (read-only; the crash-recovery test kills it). */
  serverPid(): number | undefined;
  /** The warnings and errors the client showed the user, oldest first. */
  notices(): readonly Notice[];
  statusText(): string | undefined;
  /** The network mapping panel's state (for the end-to-end tests). */
  mappingPanel(): PanelSnapshot;
}

export function activate(context: vscode.ExtensionContext): AsrTopologyApi {
  const client = registerLanguageClient(context);
  const { status, panel } = registerFeatures(context, client);
  return {
    serverState: () => client.serverState,
    serverPid: () => client.serverPid,
    notices: () => client.notices,
    statusText: () => status.text,
    mappingPanel: () => panel.snapshot(),
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions, disposed by VS Code.
}
