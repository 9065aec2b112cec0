/** Entry point: only wires the features, each of which is a Disposable. */
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerLanguageClient, type Notice, type ServerState } from './languageClient';
import { registerMappingPanel, type PanelSnapshot } from './panel';
import { registerNewFile } from './newFile';
import { registerStatusBar } from './statusBar';

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
  const status = registerStatusBar(client);
  const panel = registerMappingPanel(context, client);
  context.subscriptions.push(registerCommands(client), status, panel, registerNewFile());
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
