/**
 * The extension for VS Code in a browser (vscode.dev; package.json `browser`): the language
 * client over vscode-languageclient/browser, with the server in a web worker (dist/web/server.js),
 * and the New Topology File command. Diagnostics, hover, completion, navigation, rename and quick
 * fixes come from the same server as on the desktop; the mapping panel and the status bar are
 * desktop-only for now.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { CLIENT_ID, CONFIG_SECTION, DISPLAY_NAME, LANGUAGE_ID } from '../client/constants';
import { registerNewFile } from '../client/newFile';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  const options: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: CONFIG_SECTION },
  };
  client = new LanguageClient(CLIENT_ID, DISPLAY_NAME, new Worker(serverMain.toString(true)), options);
  context.subscriptions.push(registerNewFile());
  void client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
