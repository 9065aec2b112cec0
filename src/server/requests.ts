/**
 * The server's handler of one of the protocol's requests (src/protocol/requests.ts).
 *
 * The requests are RequestTypes of vscode-languageserver-protocol 3.18.5, the client's copy.
 * vscode-languageserver 10 brings its own (3.18.4, over vscode-jsonrpc 9), whose classes
 * TypeScript won't mix with the client's, so a handler is registered by the request's method
 * and typed by the request. vscode-languageserver 11 shares the client's copy and would take the
 * RequestType as it is, but with it the e2e suite's crash recovery failed (a restarted server
 * left the document's edits unreverted): the server stays on 10 until that is understood.
 */
import type { CancellationToken, Connection, Disposable } from 'vscode-languageserver';
import type { RequestType } from 'vscode-languageserver-protocol';

export function onRequest<P, R>(c: Connection, type: RequestType<P, R, void>, handler: (params: P, token: CancellationToken) => Promise<R>): Disposable {
  // The params come off the wire: every handler checks what it reads (the estate's) or reads only `uri`.
  return c.onRequest(type.method, (params: unknown, token: CancellationToken): Promise<unknown> => handler(params as P, token));
}
