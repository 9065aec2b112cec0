/**
 * Entry point of the language server: `node dist/server.js --stdio` (or `--node-ipc`, or
 * `--socket=N`; vscode-languageserver reads the transport from the command line).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v8 from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { ServerRuntime } from './runtime';
import { TopologyServer } from './topologyServer';

/** Node gives the server files (unopened documents) and its event loop's turn. */
const runtime: ServerRuntime = {
  readFile: (uri) => readFileSync(fileURLToPath(uri)),
  yieldNow: () => new Promise<void>((resolve) => { setImmediate(resolve); }),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => { clearTimeout(handle as NodeJS.Timeout); },
};

// Each edit of a large file makes an analysis' worth of garbage, and V8 lets the heap grow to
// several times what is live before it collects it all. Twice what is live: a 10,000-VM file
// peaks at about 300 MB instead of 440, a 50,000-VM file at about 800 MB instead of 1,300+,
// with edits as fast (1.5 times was 10–15 % slower). Set here, so that every client gets it.
v8.setFlagsFromString('--heap-growing-percent=100');

const connection = createConnection(ProposedFeatures.all);

// The server never dies of a bug: log it and keep serving.
process.on('uncaughtException', (err) => {
  try {
    connection.console.error(`uncaught: ${err.stack ?? err.message}`);
  } catch {
    // nothing more to do
  }
});
process.on('unhandledRejection', (reason) => {
  try {
    connection.console.error(`unhandled rejection: ${String(reason)}`);
  } catch {
    // nothing more to do
  }
});

const fault = process.env.ASR_TOPOLOGY_FAULT;
new TopologyServer(connection, fault ? { fault, runtime } : { runtime }).start();
