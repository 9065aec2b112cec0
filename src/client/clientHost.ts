/**
 * What the desktop client (languageClient.ts, the server in a Node process) and the browser
 * client (src/web/webClient.ts, the server in a web worker) share: the ServerHandle the
 * features read, the server's state followed from the language client's, and the restart.
 * Each says how its server starts.
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import type { ServerHandle, ServerState } from './serverHandle';

export abstract class ClientHost<C extends BaseLanguageClient> implements ServerHandle, vscode.Disposable {
  private client: C | undefined;
  private state: ServerState = 'stopped';
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  private readonly disposables: { dispose(): unknown }[] = [this.stateEmitter];
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(readonly output: vscode.LogOutputChannel) {}

  get serverState(): ServerState {
    return this.state;
  }

  get running(): C | undefined {
    return this.state === 'running' ? this.client : undefined;
  }

  /** Starts the server (again): a new language client, followed by `follow`. */
  abstract start(): Promise<void>;

  async restart(): Promise<void> {
    this.beforeRestart();
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
    for (const d of this.disposables) d.dispose();
  }

  /** What a restart by the user resets first. */
  protected beforeRestart(): void {
    // nothing by default
  }

  /** Makes `client` the current one, its state the server's. */
  protected follow(client: C): void {
    this.client = client;
    this.disposables.push(client.onDidChangeState((e) => {
      if (this.client !== client) return;
      if (e.newState === State.Running) this.setState('running');
      else if (e.newState === State.Starting) this.setState('starting');
      else if (this.state !== 'failed') this.setState('stopped');
    }));
  }

  protected setState(s: ServerState): void {
    if (this.state === s) return;
    this.state = s;
    this.stateEmitter.fire(s);
  }
}
