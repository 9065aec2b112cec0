// The LSP client of the benchmarks (scripts/bench.mjs, scripts/bench-typing.mjs): a server
// over stdio, driven as an editor drives it, with the time each publishDiagnostics arrives.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';

const require = createRequire(import.meta.url);

export const now = () => performance.now();

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The q-quantile (0..1) of `xs`, nearest rank. */
export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

export class Client {
  constructor(command, argv, { settings } = {}) {
    this.proc = spawn(command, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', () => {});
    this.conn = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.proc.stdout),
      new rpc.StreamMessageWriter(this.proc.stdin),
    );
    this.waiters = [];
    this.settings = settings ?? {};
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const t = now();
      this.waiters = this.waiters.filter((w) => !w(p, t));
    });
    this.conn.onRequest('workspace/configuration', (p) => p.items.map((it) => this.section(it.section)));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification(() => {});
    this.conn.listen();
  }

  section(name) {
    if (!name) return this.settings;
    return name.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), this.settings) ?? null;
  }

  async init(rootUri) {
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
        },
      },
    });
    this.conn.sendNotification('initialized', {});
    this.conn.sendNotification('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /** Resolves with the time of the next publishDiagnostics for `uri` at `version` or later. */
  diagnostics(uri, version, timeoutMs = 120000) {
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no diagnostics for version ${version} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((p, t) => {
        if (p.uri !== uri) return false;
        if (p.version !== undefined && p.version !== null && p.version < version) return false;
        clearTimeout(timer);
        res(t);
        return true;
      });
    });
  }

  peakMemoryMb() {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const m = /VmHWM:\s+(\d+) kB/.exec(status);
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  /** Shuts the server down and waits until its process is gone (a busy one would slow the next measurement). */
  async close() {
    const gone = new Promise((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) resolve();
      else this.proc.once('exit', resolve);
    });
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    const kill = setTimeout(() => this.proc.kill('SIGKILL'), 500);
    await gone;
    clearTimeout(kill);
  }
}

export function positionAt(text, offset) {
  let line = 0;
  let last = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i + 1;
  }
  return { line, character: offset - last };
}



const nodeArgs = process.env.ASR_BENCH_NODE_ARGS ? process.env.ASR_BENCH_NODE_ARGS.split(' ') : [];

/** Our server (dist/server.js). */
export const ours = (root) => new Client(process.execPath, [...nodeArgs, join(root, 'dist', 'server.js'), '--stdio'], { settings: { asrTopology: {} } });

/** The peer: yaml-language-server, given our schema. */
export const peer = (root) => {
  const schemaUri = pathToFileURL(join(root, 'schemas', 'topology.schema.json')).href;
  const bin = require.resolve('yaml-language-server/bin/yaml-language-server');
  return new Client(process.execPath, [bin, '--stdio'], {
    settings: { yaml: { schemas: { [schemaUri]: '*.topology.yaml' }, validate: true, hover: true, completion: true, schemaStore: { enable: false } } },
  });
};
