/**
 * The requests the extension makes on its own (the status bar's summary, the panel's
 * landings), typed by the protocol (src/protocol/requests.ts), with one timeout and one way of
 * cancelling. The answer comes back as `unknown`: the caller checks its shape with the
 * protocol's guard before reading it (a server of another version may answer otherwise).
 */
import * as vscode from 'vscode';
import { LSPErrorCodes, type BaseLanguageClient, type RequestParam, type RequestType } from 'vscode-languageclient';
import { errorCode } from './serverHandle';

/** How long the status bar and the panel wait for the server before they give up on an answer. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** The server did not answer within REQUEST_TIMEOUT_MS (the request was cancelled on the server). */
export class RequestTimeout extends Error {
  constructor(method: string) {
    super(`the language server did not answer ${method} within ${REQUEST_TIMEOUT_MS / 1000} s`);
  }
}

type Client = Pick<BaseLanguageClient, 'sendRequest'>;

/**
 * Sends `type`; cancelled when `token` is (then it rejects, and the caller's token says why) or
 * after REQUEST_TIMEOUT_MS (then it rejects with a RequestTimeout).
 */
export async function sendRequest<P, R>(lc: Client, type: RequestType<P, R, void>, params: RequestParam<P>, token?: vscode.CancellationToken): Promise<unknown> {
  const cts = new vscode.CancellationTokenSource();
  const sub = token?.onCancellationRequested(() => { cts.cancel(); });
  if (token?.isCancellationRequested) cts.cancel();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; cts.cancel(); }, REQUEST_TIMEOUT_MS);
  try {
    const answer: unknown = await lc.sendRequest(type, params, cts.token);
    if (timedOut) throw new RequestTimeout(type.method);
    return answer;
  } catch (err: unknown) {
    if (timedOut) throw new RequestTimeout(type.method);
    throw err;
  } finally {
    clearTimeout(timer);
    sub?.dispose();
    cts.dispose();
  }
}

/** A request that failed because it was cancelled (LSP's RequestCancelled). */
export function wasCancelled(err: unknown): boolean {
  return errorCode(err) === LSPErrorCodes.RequestCancelled;
}
