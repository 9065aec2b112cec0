/**
 * The extension for VS Code in a browser (vscode.dev; package.json `browser`): the same features
 * as on the desktop (src/client/extension.ts), with the language server in a web worker
 * (src/web/webClient.ts) instead of a Node process. Only wires; each feature is a Disposable.
 */
import * as vscode from 'vscode';
import { DISPLAY_NAME } from '../client/constants';
import { registerFeatures } from '../client/features';
import { WebTopologyClient } from './webClient';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel(DISPLAY_NAME, { log: true });
  const client = new WebTopologyClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js'), output);
  context.subscriptions.push(client, output);
  registerFeatures(context, client);
  void client.start();
}

export function deactivate(): void {
  // Everything is in context.subscriptions, disposed by VS Code.
}
