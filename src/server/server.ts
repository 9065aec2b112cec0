/**
 * Entry point of the language server: `node dist/server.js --stdio` (or `--node-ipc`, or
 * `--socket=N`; vscode-languageserver reads the transport from the command line).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { TopologyServer } from './topologyServer';

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
new TopologyServer(connection, fault ? { fault } : {}).start();
