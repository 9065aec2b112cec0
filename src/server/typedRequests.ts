/** The server side of the typed requests (src/protocol/requests.ts): a handler typed by its request. */
import type { CancellationToken, Connection, Disposable } from 'vscode-languageserver';
import type { TypedRequest } from '../protocol';

export function onTypedRequest<P, R>(c: Connection, req: TypedRequest<P, R>, handler: (params: P, token: CancellationToken) => Promise<R>): Disposable {
  // The connection's generic handler wants the answer as unknown: the request's type says what it is.
  return c.onRequest(req.method, (params: unknown, token: CancellationToken): Promise<unknown> => handler(params as P, token));
}
