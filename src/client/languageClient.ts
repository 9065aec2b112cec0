/**
 * The language client: starts the bundled server (dist/server.js, over stdio), keeps the
 * `asrTopology` settings in sync, logs to the "ASR Topology" output channel, and restarts
 * a crashed server (telling the user once).
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CLIENT_ID, CONFIG_SECTION, Commands, DISPLAY_NAME, LANGUAGE_ID } from './constants';
import { CrashPolicy } from './crashPolicy';
import { ClientHost } from './clientHost';

export type { ServerState } from './serverHandle';

/** A message the client showed the user (kept so that the end-to-end tests can count them). */
export interface Notice {
  readonly kind: 'warning' | 'error';
  readonly message: string;
}

export class TopologyClient extends ClientHost<LanguageClient> {
  private readonly policy = new CrashPolicy();
  private readonly shown: Notice[] = [];

  constructor(
    private readonly serverModule: string,
    output: vscode.LogOutputChannel,
  ) {
    super(output);
  }

  /** The process id of the running server, if it runs. */
  get serverPid(): number | undefined {
    return this.running?.serverProcess?.pid;
  }

  /** The messages shown to the user by this client, oldest first. */
  get notices(): readonly Notice[] {
    return this.shown;
  }

  async start(): Promise<void> {
    if (!fs.existsSync(this.serverModule)) {
      this.setState('missing');
      this.output.error(`Language server not found at ${this.serverModule}. Build it with "npm run build".`);
      return;
    }
    const run = { module: this.serverModule, transport: TransportKind.stdio };
    const serverOptions: ServerOptions = {
      run,
      debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: LANGUAGE_ID }],
      synchronize: {
        configurationSection: CONFIG_SECTION,
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.topology.{yaml,yml}'),
      },
      outputChannel: this.output,
      traceOutputChannel: this.output,
      errorHandler: this.errorHandler(),
      // The server's own messages are in the output channel; don't pop it open on them.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
    };
    const client = new LanguageClient(CLIENT_ID, DISPLAY_NAME, serverOptions, clientOptions);
    this.follow(client);
    this.setState('starting');
    try {
      await client.start();
    } catch (err: unknown) {
      this.setState('failed');
      this.output.error(`The language server failed to start: ${String(err)}`);
      void this.tell('error', `${DISPLAY_NAME}: the language server failed to start.`, 'Show Output')
        .then((pick) => { if (pick) this.output.show(true); });
    }
  }

  /** A restart by the user starts the crash count again. */
  protected override beforeRestart(): void {
    this.policy.reset();
  }

  private tell(kind: Notice['kind'], message: string, ...items: string[]): Thenable<string | undefined> {
    this.shown.push({ kind, message });
    return kind === 'error' ? vscode.window.showErrorMessage(message, ...items) : vscode.window.showWarningMessage(message, ...items);
  }

  private errorHandler(): ErrorHandler {
    return {
      // The client logs the error itself; `handled` keeps it from revealing the output channel.
      error: (error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult =>
        ({ action: this.policy.onError(count, streamGone(error)) === 'continue' ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true }),
      closed: (): CloseHandlerResult => {
        const d = this.policy.onCrash();
        if (d.restart) {
          this.output.warn('The language server stopped unexpectedly; restarting it.');
          if (d.notify) {
            void this.tell(
              'warning', `${DISPLAY_NAME}: the language server stopped unexpectedly and was restarted.`, 'Show Output',
            ).then((pick) => { if (pick) this.output.show(true); });
          }
          return { action: CloseAction.Restart, handled: true };
        }
        this.setState('failed');
        this.output.error('The language server crashed too often; it will not be restarted.');
        void this.tell(
          'error', `${DISPLAY_NAME}: the language server crashed 5 times in 3 minutes and was stopped.`, 'Show Output', 'Restart',
        ).then((pick) => {
          if (pick === 'Show Output') this.output.show(true);
          if (pick === 'Restart') void vscode.commands.executeCommand(Commands.restartServer);
        });
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }
}

/** Creates the client and starts it in the background (activation does not wait on the server). */
export function registerLanguageClient(context: vscode.ExtensionContext): TopologyClient {
  const output = vscode.window.createOutputChannel(DISPLAY_NAME, { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const topo = new TopologyClient(serverModule, output);
  context.subscriptions.push(topo, output);
  void topo.start();
  return topo;
}

/** Errors of a write to a server process that is gone: its close follows and decides. */
const GONE = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

function streamGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && GONE.has(code);
}
