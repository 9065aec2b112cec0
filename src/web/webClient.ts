/**
 * The language client in a browser: the server runs in a web worker (dist/web/server.js). It
 * serves the same features as the desktop client (status bar, panel, export, commands) through
 * ClientHost. A worker can't crash the way a process does; a failed start is said once.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { CLIENT_ID, CONFIG_SECTION, DISPLAY_NAME, LANGUAGE_ID } from '../client/constants';
import { ClientHost } from '../client/clientHost';

export class WebTopologyClient extends ClientHost<LanguageClient> {
  constructor(private readonly serverScript: vscode.Uri, output: vscode.LogOutputChannel) {
    super(output);
  }

  async start(): Promise<void> {
    const options: LanguageClientOptions = {
      documentSelector: [{ language: LANGUAGE_ID }],
      synchronize: { configurationSection: CONFIG_SECTION },
      outputChannel: this.output,
    };
    this.setState('starting');
    try {
      const client = new LanguageClient(CLIENT_ID, DISPLAY_NAME, await this.startWorker(), options);
      this.follow(client);
      await client.start();
    } catch (err: unknown) {
      this.setState('failed');
      this.output.error(`The language server failed to start: ${String(err)}`);
      void vscode.window.showErrorMessage(`${DISPLAY_NAME}: the language server failed to start.`);
    }
  }

  /**
   * On vscode.dev the extension's files have https: URLs, which a worker starts from. An
   * extension installed on a remote (code-server, a remote window) has vscode-remote: URIs,
   * from which VS Code's web worker host refuses to start a worker ("Creating workers from
   * remote extensions is currently not supported"): then the script is read through the
   * workspace file system and started from a blob: URL.
   */
  private async startWorker(): Promise<Worker> {
    const script = this.serverScript;
    try {
      return new Worker(script.toString(true));
    } catch (err: unknown) {
      const bytes = await vscode.workspace.fs.readFile(script);
      const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'application/javascript' }));
      const said = `the language server starts from a copy of ${script.toString(true)} (${String(err)})`;
      this.output.info(said);
      console.info(`${DISPLAY_NAME}: ${said}`); // in the browser's console too, where a web extension is debugged

      return new Worker(url);
    }
  }
}
