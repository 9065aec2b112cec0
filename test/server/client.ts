/**
 * A small typed LSP client for the tests: starts the real server (`node dist/server.js
 * --stdio`, or `--node-ipc`), answers its requests (workspace/configuration from `settings`),
 * records what it publishes and logs, and waits for diagnostics of a given version.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter,
  type MessageConnection, type RequestParam,
} from 'vscode-jsonrpc/node';
import type {
  ConfigurationParams, PublishDiagnosticsParams, RequestType, TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface ClientOptions {
  readonly transport?: 'stdio' | 'ipc';
  readonly env?: Readonly<Record<string, string>>;
  /** The `asrTopology` section the client answers workspace/configuration with. */
  readonly settings?: unknown;
  /** Whether the client supports workspace/configuration (the pull model). */
  readonly pull?: boolean;
  /** Whether the client pulls diagnostics (`textDocument/diagnostic`), as VS Code does, instead of being pushed them. */
  readonly pullDiagnostics?: boolean;
}

type Waiter = (p: PublishDiagnosticsParams) => boolean;

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  configurationRequests = 0;
  settings: unknown;
  /** What the server answered `initialize` with (its capabilities). */
  initializeResult: unknown;
  private waiters: Waiter[] = [];
  private exited = false;

  private constructor(readonly conn: MessageConnection, readonly proc: ChildProcess, settings: unknown) {
    this.settings = settings;
    proc.on('exit', () => { this.exited = true; });
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => !w(p));
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    conn.onRequest('workspace/configuration', (p: ConfigurationParams) => {
      this.configurationRequests++;
      return p.items.map(() => this.settings ?? null);
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const ipc = options.transport === 'ipc';
    const proc = spawn(process.execPath, [SERVER, ipc ? '--node-ipc' : '--stdio'], {
      stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...(options.env ?? {}) },
    });
    proc.stderr?.on('data', () => undefined);
    const conn = ipc
      ? createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc))
      : createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(conn, proc, options.settings);
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ROOT).href,
      capabilities: {
        workspace: { configuration: options.pull !== false, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          ...(options.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    }).then((r: unknown) => { client.initializeResult = r; });
    await conn.sendNotification('initialized', {});
    return client;
  }

  get alive(): boolean {
    return !this.exited;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'asr-topology', version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The next publication for `uri` that satisfies `accept` (already published ones count when `past`). */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000, past = false): Promise<PublishDiagnosticsParams> {
    if (past) {
      for (let i = this.published.length - 1; i >= 0; i--) {
        const p = this.published[i]!;
        if (p.uri === uri && accept(p)) return Promise.resolve(p);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`no matching diagnostics for ${uri} in ${timeoutMs} ms`)); }, timeoutMs);
      this.waiters.push((p) => {
        if (p.uri !== uri || !accept(p)) return false;
        clearTimeout(timer);
        resolve(p);
        return true;
      });
    });
  }

  /** Opens a document and waits for its first diagnostics. */
  async openAndWait(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const got = this.diagnostics(uri, (p) => p.version === version);
    await this.open(uri, text, version);
    return got;
  }

  /** Any method with any params (an LSP request, or a custom one sent a shape it must refuse). */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params);
  }

  /** One of the server's custom requests (src/protocol), typed as the extension sends it. */
  send<P, R>(type: RequestType<P, R, void>, params: RequestParam<P>): Promise<R> {
    return this.conn.sendRequest(type, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    await new Promise<void>((resolve) => {
      if (this.exited) {
        resolve();
        return;
      }
      const t = setTimeout(() => { this.proc.kill('SIGKILL'); resolve(); }, 1500);
      this.proc.once('exit', () => { clearTimeout(t); resolve(); });
    });
  }
}
