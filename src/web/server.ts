/**
 * The language server in a web worker (the `browser` entry, for vscode.dev): the same
 * TopologyServer over vscode-languageserver/browser's message reader and writer, with the
 * schema bundled (a worker reads no files). Bundled by scripts/build.mjs into dist/web/server.js.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import schema from '../../schemas/topology.schema.json';
import { TopologyServer } from '../server/topologyServer';

// The server yields with setImmediate, which browsers don't have.
const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
g.setImmediate ??= (fn: () => void): unknown => setTimeout(fn, 0);

// The worker's global scope is its message port.
const port = globalThis as unknown as MessagePort;
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port));
new TopologyServer(connection, { schema }).start();
