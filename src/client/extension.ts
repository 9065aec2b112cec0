/** Entry point: only wires the features, each of which is a Disposable. */
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerLanguageClient, type ServerState } from './languageClient';
import { registerMappingPanel, type PanelSnapshot } from './panel';
import { registerStatusBar } from './statusBar';

/** What activate returns: read by the end-to-end tests. */
export interface AsrTopologyApi {
  serverState(): ServerState;
  statusText(): string | undefined;
  /** The network mapping panel's state (for the end-to-end tests). */
  mappingPanel(): PanelSnapshot;
}

export function activate(context: vscode.ExtensionContext): AsrTopologyApi {
  const client = registerLanguageClient(context);
  const status = registerStatusBar(client);
  const panel = registerMappingPanel(context, client);
  context.subscriptions.push(registerCommands(client), status, panel);
  return {
    serverState: () => client.serverState,
    statusText: () => status.text,
    mappingPanel: () => panel.snapshot(),
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions, disposed by VS Code.
}
