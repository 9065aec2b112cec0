/**
 * The client side of the typed requests (src/protocol/requests.ts). The answer comes back as
 * `unknown`: the caller checks its shape with the protocol's guard before reading it. One
 * timeout for every request the extension makes on its own (the status bar, the panel).
 */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { TypedRequest } from '../protocol';

/** How long the status bar and the panel wait for the server before they give up on an answer. */
export const REQUEST_TIMEOUT_MS = 10_000;

type Client = Pick<BaseLanguageClient, 'sendRequest'>;

/** Sends `req`; cancelled by `token` or after REQUEST_TIMEOUT_MS (then it rejects as cancelled). */
export async function sendTypedRequest<P, R>(lc: Client, req: TypedRequest<P, R>, params: P, token: vscode.CancellationToken, cancel: () => void): Promise<unknown> {
  const timer = setTimeout(cancel, REQUEST_TIMEOUT_MS);
  try {
    return await lc.sendRequest<unknown>(req.method, params, token);
  } finally {
    clearTimeout(timer);
  }
}
