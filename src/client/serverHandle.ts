/**
 * What the features of the extension (status bar, panel, export, commands) need of the language
 * client, on the desktop (languageClient.ts: the server in a Node process) and in a browser
 * (src/web/webClient.ts: the server in a web worker) alike.
 */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

export type ServerState = 'stopped' | 'starting' | 'running' | 'missing' | 'failed';

export interface ServerHandle {
  readonly serverState: ServerState;
  /** The running client, or undefined while the server is not running. */
  readonly running: BaseLanguageClient | undefined;
  readonly output: vscode.LogOutputChannel;
  /** Fires when the server starts, stops, or is restarted. */
  readonly onDidChangeState: vscode.Event<ServerState>;
  /** Restart at the user's request; also starts a server that was never started or gave up. */
  restart(): Promise<void>;
}

/** JSON-RPC's "method not found": a server that doesn't answer a request. */
export const METHOD_NOT_FOUND = -32601;

/** The JSON-RPC error code of a failed request, whichever copy of vscode-jsonrpc threw it. */
export function errorCode(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = err.code;
  return typeof code === 'number' ? code : undefined;
}
