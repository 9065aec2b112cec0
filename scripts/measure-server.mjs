// Measures the language server on a large file: the median time from didChange to the
// publishDiagnostics of that version, and a hover sent right after an edit (it waits for
// the new version's analysis, shared with the diagnostics).
//
//   npm run build && node scripts/measure-server.mjs [--vms 10000] [--edits 15]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const vms = Number(opt('vms', '10000'));
const edits = Number(opt('edits', '15'));
const dir = mkdtempSync(join(tmpdir(), 'asr-measure-'));
const file = join(dir, `measure-${vms}.topology.yaml`);
execFileSync(process.execPath, [join(root, 'scripts', 'gen-topology.mjs'), '--vms', String(vms), '--seed', '1', '--out', file]);
const text0 = readFileSync(file, 'utf8');
const uri = pathToFileURL(file).href;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const positionAt = (text, offset) => {
  let line = 0;
  let last = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i + 1;
  }
  return { line, character: offset - last };
};

const proc = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
let waiters = [];
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  const t = performance.now();
  waiters = waiters.filter((w) => !w(p, t));
});
conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
conn.onRequest('client/registerCapability', () => null);
conn.onNotification(() => {});
conn.listen();
const published = (version) => new Promise((res) => waiters.push((p, t) => (p.uri === uri && p.version === version ? (res({ t, n: p.diagnostics.length }), true) : false)));

await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
conn.sendNotification('initialized', {});
let t0 = performance.now();
let got = published(1);
conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'asr-topology', version: 1, text: text0 } });
const open = await got;
console.log(`${vms} VMs, ${(text0.length / 1e6).toFixed(2)} MB: open → diagnostics ${(open.t - t0).toFixed(0)} ms (${open.n} diagnostics)`);

let text = text0;
let version = 1;
const change = [];
const hoverAfter = [];
for (let i = 0; i < edits; i++) {
  // Type one character into a VM name somewhere in the file, then hover that VM at once.
  const spot = text.indexOf('- name: ', Math.floor((text.length * (i + 0.5)) / edits)) + '- name: '.length;
  const pos = positionAt(text, spot);
  text = text.slice(0, spot) + 'x' + text.slice(spot);
  version++;
  got = published(version);
  t0 = performance.now();
  conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end: pos }, text: 'x' }] });
  const h0 = performance.now();
  await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: pos.line, character: pos.character + 1 } });
  hoverAfter.push(performance.now() - h0);
  change.push((await got).t - t0);
}
console.log(`didChange → publishDiagnostics: median ${median(change).toFixed(0)} ms (min ${Math.min(...change).toFixed(0)}, max ${Math.max(...change).toFixed(0)}; includes the ${60} ms debounce)`);
console.log(`hover right after an edit: median ${median(hoverAfter).toFixed(0)} ms (min ${Math.min(...hoverAfter).toFixed(0)}, max ${Math.max(...hoverAfter).toFixed(0)})`);
const h0 = performance.now();
await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionAt(text, text.indexOf('- name: ') + 9) });
console.log(`hover on an analysed version: ${(performance.now() - h0).toFixed(1)} ms`);
await conn.sendRequest('shutdown');
conn.sendNotification('exit');
setTimeout(() => {
  proc.kill();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}, 300);
