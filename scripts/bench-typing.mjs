// `npm run bench` (typing part): the commonest thing a person does in a topology file, typing a
// new VM key by key into the middle of `vms:`, driven over LSP on our server and on
// yaml-language-server (given our schema) in the same run, on the same generated file. After
// every key: a completion at the cursor, a hover on the VM below, then that version's
// diagnostics. p50 and p95 over every key. Results: bench/results/typing.md and typing.json.
//
//   node scripts/bench-typing.mjs [--sizes 1000,10000] [--no-peer]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { now, ours, peer, positionAt, quantile } from './bench-lsp.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt('sizes', '1000,10000').split(',').map(Number);
const withPeer = !args.includes('--no-peer');
const tmp = join(root, 'bench', 'tmp');
mkdirSync(tmp, { recursive: true });

/** The new VM, as a person types it (two spaces indent its keys; Enter ends each line). */
function typedVm(cloud, network) {
  return `  - name: vm-new-01\n    cloud: ${cloud}\n    network: ${network}\n    subnet: App\n    ipAddress: 10.1.0.250\n`;
}

async function typing(name, makeClient, file) {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const client = makeClient();
  await client.init(pathToFileURL(tmp).href);
  const opened = client.diagnostics(uri, 1);
  client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: name === 'ours' ? 'asr-topology' : 'yaml', version: 1, text } });
  await opened;
  // The middle of vms: the start of a VM item's line.
  const vms = text.indexOf('\nvms:\n');
  const at = text.indexOf('\n  - name: ', vms + Math.floor((text.length - vms) / 2)) + 1;
  const cloud = /cloud: (\S+)/.exec(text.slice(at))?.[1] ?? 'Gold';
  const network = /network: (\S+)/.exec(text.slice(at))?.[1] ?? 'Net';
  const vm = typedVm(cloud, network);
  let current = text;
  let version = 1;
  const diag = [];
  const completion = [];
  const hover = [];
  for (let k = 0; k < vm.length; k++) {
    const spot = at + k;
    const pos = positionAt(current, spot);
    current = current.slice(0, spot) + vm[k] + current.slice(spot);
    version++;
    const t0 = now();
    const got = client.diagnostics(uri, version);
    client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end: pos }, text: vm[k] }] });
    const cursor = positionAt(current, spot + 1);
    const c0 = now();
    await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: cursor });
    completion.push(now() - c0);
    // The VM below the new one: its name.
    const below = current.indexOf('\n  - name: ', at + k + 1);
    const h0 = now();
    await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionAt(current, below + '\n  - name: '.length + 1) });
    hover.push(now() - h0);
    diag.push((await got) - t0);
  }
  await client.close();
  const q = (xs) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) });
  return { keys: vm.length, diagnostics: q(diag), completion: q(completion), hover: q(hover) };
}

if (!existsSync(join(root, 'dist', 'server.js'))) {
  console.error('bench-typing: dist/server.js is missing; run `npm run build` first.');
  process.exit(2);
}
const rows = [];
for (const vms of sizes) {
  const file = join(tmp, `bench-${vms}.topology.yaml`);
  if (!existsSync(file)) execFileSync(process.execPath, [join(root, 'scripts', 'gen-topology.mjs'), '--vms', String(vms), '--seed', '1', '--out', file]);
  process.stderr.write(`typing a new VM into ${vms} VMs: ours… `);
  const o = await typing('ours', () => ours(root), file);
  let p;
  if (withPeer) {
    process.stderr.write('yaml-language-server… ');
    p = await typing('peer', () => peer(root), file).catch((e) => { process.stderr.write(`(peer failed: ${e.message}) `); return undefined; });
  }
  process.stderr.write('done\n');
  rows.push({ vms, ours: o, peer: p });
}
const f = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const cell = (m) => (m ? `${f(m.p50)} / ${f(m.p95)}` : '-');
const table = [
  '| VMs | keys | diagnostics per key p50 / p95 ms | completion at the cursor | hover on the VM below | yaml-language-server diagnostics | its completion | its hover |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.vms.toLocaleString('en')} | ${r.ours.keys} | ${cell(r.ours.diagnostics)} | ${cell(r.ours.completion)} | ${cell(r.ours.hover)} | ${cell(r.peer?.diagnostics)} | ${cell(r.peer?.completion)} | ${cell(r.peer?.hover)} |`),
].join('\n');
console.log(table);
const date = new Date().toISOString().slice(0, 10);
writeFileSync(join(root, 'bench', 'results', 'typing.json'), `${JSON.stringify({ date, node: process.version, rows }, null, 2)}\n`);
writeFileSync(join(root, 'bench', 'results', 'typing.md'), `# Typing a new VM key by key into the middle of vms: (${date})\n\n${table}\n`);
