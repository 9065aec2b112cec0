/** Entry point: only wires the features, each of which is a Disposable. */
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerLanguageClient, type ServerState } from './languageClient';
import { registerStatusBar } from './statusBar';

/** What activate returns: read by the end-to-end tests. */
export interface AsrTopologyApi {
  serverState(): ServerState;
  statusText(): string | undefined;
}

export function activate(context: vscode.ExtensionContext): AsrTopologyApi {
  const client = registerLanguageClient(context);
  const status = registerStatusBar(client);
  context.subscriptions.push(registerCommands(client), status);
  return {
    serverState: () => client.serverState,
    statusText: () => status.text,
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions, disposed by VS Code.
}
