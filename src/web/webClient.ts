/**
 * The language client in a browser: the server runs in a web worker (dist/web/server.js). It
 * serves the same features as the desktop client (status bar, panel, export, commands) through
 * ServerHandle. A worker can't crash the way a process does; a failed start is said once.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { CLIENT_ID, CONFIG_SECTION, DISPLAY_NAME, LANGUAGE_ID } from '../client/constants';
import type { ServerHandle, ServerState } from '../client/serverHandle';

export class WebTopologyClient implements ServerHandle, vscode.Disposable {
  private client: LanguageClient | undefined;
  private state: ServerState = 'stopped';
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(private readonly serverScript: vscode.Uri, readonly output: vscode.LogOutputChannel) {}

  get serverState(): ServerState {
    return this.state;
  }

  get running(): LanguageClient | undefined {
    return this.state === 'running' ? this.client : undefined;
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
      this.client = client;
      client.onDidChangeState((e) => {
        if (this.client !== client) return;
        if (e.newState === State.Running) this.setState('running');
        else if (e.newState === State.Starting) this.setState('starting');
        else if (this.state !== 'failed') this.setState('stopped');
      });
      await client.start();
    } catch (err: unknown) {
      this.setState('failed');
      this.output.error(`The language server failed to start: ${String(err)}`);
      void vscode.window.showErrorMessage(`${DISPLAY_NAME}: the language server failed to start.`);
    }
  }

  async restart(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    if (old) {
      try {
        await old.dispose(5000);
      } catch (err: unknown) {
        this.output.warn(`Stopping the old server: ${String(err)}`);
      }
    }
    this.output.info('Restarting the language server.');
    await this.start();
  }

  dispose(): void {
    const c = this.client;
    this.client = undefined;
    void c?.dispose(2000).catch(() => undefined);
    this.stateEmitter.dispose();
  }

  private setState(s: ServerState): void {
    if (this.state === s) return;
    this.state = s;
    this.stateEmitter.fire(s);
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
      this.output.info(`The language server starts from a copy of ${script.toString(true)} (${String(err)})`);
      console.info(`${DISPLAY_NAME}: the language server starts from a copy of ${script.toString(true)} (${String(err)})`);
      return new Worker(url);
    }
  }
}
