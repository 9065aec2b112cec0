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

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(registerNewFile());
  const options: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: CONFIG_SECTION },
  };
  const worker = await startWorker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js'));
  client = new LanguageClient(CLIENT_ID, DISPLAY_NAME, worker, options);
  await client.start();
}

/**
 * The server's web worker. On vscode.dev the extension's files have https: URLs, which a worker
 * starts from. An extension installed on a remote (code-server, a remote window) has
 * vscode-remote: URIs, from which VS Code's web worker host refuses to start a worker
 * ("Creating workers from remote extensions is currently not supported"): then the script is
 * read through the workspace file system and started from a blob: URL.
 */
async function startWorker(script: vscode.Uri): Promise<Worker> {
  try {
    return new Worker(script.toString(true));
  } catch (err: unknown) {
    const bytes = await vscode.workspace.fs.readFile(script);
    const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'application/javascript' }));
    console.info(`${DISPLAY_NAME}: the language server starts from a copy of ${script.toString(true)} (${String(err)})`);
    return new Worker(url);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
