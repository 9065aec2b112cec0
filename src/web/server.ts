/**
 * The language server in a web worker (the `browser` entry, for vscode.dev): the same
 * TopologyServer over vscode-languageserver/browser's message reader and writer. Its runtime is
 * the standard timers alone: a worker reads no files (a request about an unopened file is
 * answered as unknown) and has no setImmediate. Bundled by scripts/build.mjs into dist/web/server.js.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { TIMERS_ONLY } from '../server/runtime';
import { TopologyServer } from '../server/topologyServer';

// The worker's global scope is its message port.
const port = globalThis as unknown as MessagePort;
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port));
new TopologyServer(connection, { runtime: TIMERS_ONLY }).start();
