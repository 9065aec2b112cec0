/**
 * The browser entry's server (dist/web/server.js, the bundle a web worker loads in vscode.dev)
 * in a Node worker thread dressed as a web worker (self, onmessage, postMessage): it answers
 * initialize and publishes diagnostics, with the schema bundled (no file read), and imports an
 * estate. This proves the bundle and the browser transport, not vscode.dev itself (which can't
 * be reached here).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

const BUNDLE = path.resolve(__dirname, '..', '..', '..', 'dist', 'web', 'server.js');

/** Runs in the worker: the web worker globals over worker_threads' port, then the bundle. */
const SHIM = `
const { parentPort, workerData } = require('node:worker_threads');
let onmessage = null;
Object.defineProperty(globalThis, 'onmessage', { get: () => onmessage, set: (fn) => { onmessage = fn; } });
globalThis.self = globalThis;
globalThis.addEventListener = () => undefined;
globalThis.postMessage = (m) => parentPort.postMessage(m);
parentPort.on('message', (data) => { if (onmessage) onmessage({ data }); });
require(workerData.bundle);
`;

interface Message { id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown }
interface Diagnostic { code?: string | number; severity?: number }

describe('the web worker server (dist/web/server.js)', function () {
  this.timeout(20_000);
  let worker: Worker | undefined;
  const received: Message[] = [];
  const waiters: (() => void)[] = [];

  before(() => {
    assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing: run node scripts/build.mjs`);
    worker = new Worker(SHIM, { eval: true, workerData: { bundle: BUNDLE } });
    worker.on('message', (m: Message) => {
      received.push(m);
      for (const w of waiters.splice(0)) w();
    });
  });
  after(async () => { await worker?.terminate(); });

  function waitFor(pred: (m: Message) => boolean, what: string): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`timed out waiting for ${what}`)); }, 15_000);
      const check = (): void => {
        const m = received.find(pred);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        } else {
          waiters.push(check);
        }
      };
      check();
    });
  }

  it('answers initialize, then publishes the diagnostics of an opened document', async () => {
    worker!.postMessage({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const init = await waitFor((m) => m.id === 1, 'the initialize response');
    assert.equal(init.error, undefined);
    const caps = (init.result as { capabilities: Record<string, unknown> }).capabilities;
    assert.ok(caps.hoverProvider, 'no hover provider');
    worker!.postMessage({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const uri = 'untitled:web.topology.yaml';
    // An unknown key (TOP002: the bundled schema is in use) and a reference to nothing (TOP011).
    const text = 'version: 1\nsites:\n  - name: A\n    vmmServer: VMM-A\n    colour: red\nvms:\n  - name: VM1\n    cloud: Nowhere\n';
    worker!.postMessage({
      jsonrpc: '2.0', method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'asr-topology', version: 1, text } },
    });
    const published = await waitFor((m) => m.method === 'textDocument/publishDiagnostics'
      && (m.params as { uri: string }).uri === uri, 'the diagnostics');
    const codes = (published.params as { diagnostics: Diagnostic[] }).diagnostics.map((d) => String(d.code));
    assert.ok(codes.includes('TOP002'), `no TOP002 in ${codes.join(', ')}`);
    assert.ok(codes.includes('TOP011'), `no TOP011 in ${codes.join(', ')}`);
  });

  it('imports an estate (asrTopology/importEstate, the bytes in base64), and names a bad file', async () => {
    const vmm = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'estate-vscode', 'vmm.json'));
    worker!.postMessage({ jsonrpc: '2.0', id: 2, method: 'asrTopology/importEstate', params: { files: [{ name: 'vmm.json', data: vmm.toString('base64'), kind: 'vmm' }] } });
    const ok = await waitFor((m) => m.id === 2, 'the import');
    assert.equal(ok.error, undefined, JSON.stringify(ok.error));
    const vms = (JSON.parse(vmm.toString('utf8').replace(/^\ufeff/, '')) as { VMs: { Name: string }[] }).VMs;
    for (const v of vms) assert.ok((ok.result as { text: string }).text.includes(v.Name), v.Name);
    worker!.postMessage({ jsonrpc: '2.0', id: 3, method: 'asrTopology/importEstate', params: { files: [{ name: 'half.json', data: vmm.subarray(0, 40).toString('base64'), kind: 'vmm' }] } });
    const bad = await waitFor((m) => m.id === 3, 'the refusal');
    assert.equal((bad.error as { code: number; data: { file: string } }).data.file, 'half.json');
  });
});
