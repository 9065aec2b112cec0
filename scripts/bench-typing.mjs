// `npm run bench` (typing part): what a person does in a topology file, edit by edit, driven over
// LSP on our server (`node dist/server.js --stdio`) and on yaml-language-server (given our
// schema) in the same run, on the same generated file, with the same edits. After every edit
// (a key, a deletion, a paste): a completion at the cursor, a hover on a VM (the one below the
// cursor, or one in the middle of `vms:` for edits of the estate), then that version's
// diagnostics; p50 and p95 over every edit. The fast typist sends a key every 60 ms without
// waiting and measures the time from the last key to the diagnostics of the last version.
// Results: bench/results/typing.md and typing.json.
//
//   node scripts/bench-typing.mjs [--sizes 1000,10000,50000] [--no-peer] [--scenarios a,b]
//
// Environment (to iterate on one size): ASR_BENCH_SIZES=10000, ASR_BENCH_SCENARIOS=new-vm,...,
// ASR_BENCH_PEER=0 (no yaml-language-server), ASR_BENCH_PEER_EDITS=N (the peer is measured on
// the first N edits of each scenario at 10,000 VMs and more: at 50,000 VMs one of its keys
// takes seconds; default 12 at 10k, 4 at 50k, every edit below).
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
const sizes = (process.env.ASR_BENCH_SIZES ?? opt('sizes', '1000,10000,50000')).split(',').map(Number);
const withPeer = !args.includes('--no-peer') && process.env.ASR_BENCH_PEER !== '0';
const only = (process.env.ASR_BENCH_SCENARIOS ?? opt('scenarios', '')).split(',').filter(Boolean);
const tmp = join(root, 'bench', 'tmp');
mkdirSync(tmp, { recursive: true });

// --- the scenarios: edits computed on the text as it is ---------------------------------------

/** The start of the line of the `- name:` item nearest the middle of `vms:`. */
function middleVm(text) {
  const vms = text.indexOf('\nvms:\n');
  return text.indexOf('\n  - name: ', vms + Math.floor((text.length - vms) / 2)) + 1;
}

/** Where the hover goes: on the name of the first VM after `from`. */
function vmNameAfter(text, from) {
  const at = text.indexOf('\n  - name: ', from);
  return at < 0 ? undefined : at + '\n  - name: '.length + 1;
}

/** One edit: replace [start, end) with `text`; `cursor` is where the caret is after it. */
const edit = (start, end, text) => ({ start, end, text, cursor: start + text.length });

/** Typing `s` at `at`, one key per edit. */
function* typeAt(at, s) {
  for (let k = 0; k < s.length; k++) yield () => edit(at + k, at + k, s[k]);
}

/** Backspace `n` times, the caret after `end`. */
function* backspace(end, n) {
  for (let k = 0; k < n; k++) yield () => edit(end - k - 1, end - k, '');
}

/** The value of `key:` on the line at or after `from`: its [start, end). */
function valueAfter(text, from, key) {
  const k = text.indexOf(`${key}: `, from);
  const start = k + key.length + 2;
  return [start, text.indexOf('\n', start)];
}

const SCENARIOS = {
  /** Typing a new five-line VM key by key into the middle of `vms:`. */
  'new-vm': (text) => {
    const at = middleVm(text);
    const cloud = /cloud: (\S+)/.exec(text.slice(at))?.[1] ?? 'Gold';
    const network = /network: (\S+)/.exec(text.slice(at))?.[1] ?? 'Net';
    const vm = `  - name: vm-new-01\n    cloud: ${cloud}\n    network: ${network}\n    subnet: App\n    ipAddress: 10.1.0.250\n`;
    return { edits: [...typeAt(at, vm)], hover: (t, cursor) => vmNameAfter(t, cursor) };
  },
  /** Typing a new VM network with two subnets into the first site. */
  'new-network': (text) => {
    const first = text.indexOf('    vmNetworks:\n') + '    vmNetworks:\n'.length;
    const ln = /logicalNetwork: (\S+)/.exec(text.slice(first))?.[1] ?? 'LN';
    const net = `      - name: Corp-New-01\n        logicalNetwork: ${ln}\n        subnets:\n          - name: App\n            addressPrefix: 10.250.0.0/24\n          - name: Data\n            addressPrefix: 10.250.1.0/24\n`;
    return { edits: [...typeAt(first, net)], hover: (t) => vmNameAfter(t, middleVm(t)) };
  },
  /** Deleting a VM (its five lines at once), twenty times along `vms:`. */
  'delete-vm': (text) => {
    const edits = [];
    for (let i = 0; i < 20; i++) {
      edits.push((t) => {
        const vms = t.indexOf('\nvms:\n');
        const at = t.indexOf('\n  - name: ', vms + Math.floor(((t.length - vms) * (i + 1)) / 22)) + 1;
        const end = t.indexOf('\n  - name: ', at + 1) + 1;
        return edit(at, end, '');
      });
    }
    return { edits, hover: (t, cursor) => vmNameAfter(t, cursor) };
  },
  /** Pasting 100 VMs (copied from the start of `vms:`) into the middle, five times. */
  'paste-100': (text) => {
    const vms = text.indexOf('\nvms:\n') + '\nvms:\n'.length;
    let end = vms;
    for (let i = 0; i < 100; i++) end = text.indexOf('\n  - name: ', end + 1) + 1;
    const block = text.slice(vms, end).replace(/name: (\S+)/g, 'name: $1-copy');
    const edits = [];
    for (let i = 0; i < 5; i++) edits.push((t) => { const at = middleVm(t); return edit(at, at, block.replace(/-copy/g, `-copy${i}`)); });
    return { edits, hover: (t, cursor) => vmNameAfter(t, cursor) };
  },
  /** Changing a mapping's target to the source's other mapped network (every landing through it changes), ten times. */
  'mapping-target': (text) => {
    const maps = text.indexOf('\nnetworkMappings:\n');
    const [start, end] = valueAfter(text, maps, 'target');
    const targets = [text.slice(start, end), text.slice(...valueAfter(text, end, 'target'))];
    const edits = [];
    for (let i = 0; i < 10; i++) {
      edits.push((t) => {
        const [s, e] = valueAfter(t, t.indexOf('\nnetworkMappings:\n'), 'target');
        return edit(s, e, targets[(i + 1) % 2]);
      });
    }
    return { edits, hover: (t) => vmNameAfter(t, middleVm(t)) };
  },
  /** Renaming a VM network by typing: `-old` after its name, key by key, then deleting it. */
  'rename-network': (text) => {
    const site = text.indexOf('    vmNetworks:\n');
    const [, end] = valueAfter(text, site, 'name');
    return { edits: [...typeAt(end, '-old'), ...backspace(end + 4, 4)], hover: (t) => vmNameAfter(t, middleVm(t)) };
  },
  /** Typing a line that is not YAML (`note this`) after the name of a VM in the middle, then deleting it key by key. */
  'syntax-error': (text) => {
    const at = middleVm(text);
    const line = text.indexOf('\n', at);
    const typed = '\n    note this';
    return { edits: [...typeAt(line, typed), ...backspace(line + typed.length, typed.length)], hover: (t, cursor) => vmNameAfter(t, cursor) };
  },
};

/** The fast typist: the new VM, a key every 60 ms; the time from the last key to its diagnostics. */
const FAST_TYPIST_MS = 60;

// --- driving one server -------------------------------------------------------------------------

async function open(name, makeClient, file) {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const client = makeClient();
  await client.init(pathToFileURL(tmp).href);
  const opened = client.diagnostics(uri, 1, 600000);
  client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: name === 'ours' ? 'asr-topology' : 'yaml', version: 1, text } });
  await opened;
  return { client, uri, text, version: 1 };
}

function send(s, e) {
  const range = { start: positionAt(s.text, e.start), end: positionAt(s.text, e.end) };
  s.text = s.text.slice(0, e.start) + e.text + s.text.slice(e.end);
  s.version++;
  s.client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: s.uri, version: s.version }, contentChanges: [{ range, text: e.text }] });
}

async function scenario(name, makeClient, file, key, maxEdits) {
  const s = await open(name, makeClient, file);
  const { edits, hover } = SCENARIOS[key](s.text);
  const diag = [];
  const completion = [];
  const hovers = [];
  for (const make of edits.slice(0, maxEdits)) {
    const e = make(s.text);
    const t0 = now();
    const got = s.client.diagnostics(s.uri, s.version + 1, 600000);
    send(s, e);
    const c0 = now();
    await s.client.conn.sendRequest('textDocument/completion', { textDocument: { uri: s.uri }, position: positionAt(s.text, e.cursor) });
    completion.push(now() - c0);
    const h = hover(s.text, e.cursor);
    if (h !== undefined) {
      const h0 = now();
      await s.client.conn.sendRequest('textDocument/hover', { textDocument: { uri: s.uri }, position: positionAt(s.text, h) });
      hovers.push(now() - h0);
    }
    diag.push((await got) - t0);
  }
  await s.client.close();
  const q = (xs) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) });
  return { edits: diag.length, diagnostics: q(diag), completion: q(completion), hover: q(hovers) };
}

async function fastTypist(name, makeClient, file, rounds) {
  const s = await open(name, makeClient, file);
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const { edits } = SCENARIOS['new-vm'](s.text);
    // Resolves with the diagnostics of the last key's version (earlier ones are skipped).
    const got = s.client.diagnostics(s.uri, s.version + edits.length, 600000);
    let last = 0;
    for (const [k, make] of edits.entries()) {
      send(s, make(s.text));
      last = now();
      if (k < edits.length - 1) await new Promise((res) => setTimeout(res, FAST_TYPIST_MS));
    }
    times.push((await got) - last);
    await new Promise((res) => setTimeout(res, 300));
  }
  await s.client.close();
  return { edits: rounds, diagnostics: { p50: quantile(times, 0.5), p95: quantile(times, 0.95) } };
}

if (!existsSync(join(root, 'dist', 'server.js'))) {
  console.error('bench-typing: dist/server.js is missing; run `npm run build` first.');
  process.exit(2);
}
const peerEdits = (vms) => Number(process.env.ASR_BENCH_PEER_EDITS ?? (vms >= 50000 ? 4 : vms >= 10000 ? 12 : Infinity));
const keys = [...Object.keys(SCENARIOS), 'fast-typist'].filter((k) => only.length === 0 || only.includes(k));
const rows = [];
for (const vms of sizes) {
  const file = join(tmp, `bench-${vms}.topology.yaml`);
  if (!existsSync(file)) execFileSync(process.execPath, [join(root, 'scripts', 'gen-topology.mjs'), '--vms', String(vms), '--seed', '1', '--out', file]);
  for (const key of keys) {
    process.stderr.write(`${vms} VMs, ${key}: ours… `);
    const run = (who, make, max) => (key === 'fast-typist' ? fastTypist(who, make, file, max === Infinity ? 3 : 1) : scenario(who, make, file, key, max));
    const o = await run('ours', () => ours(root), Infinity);
    let p;
    if (withPeer) {
      process.stderr.write('yaml-language-server… ');
      p = await run('peer', () => peer(root), peerEdits(vms)).catch((e) => { process.stderr.write(`(peer failed: ${e.message}) `); return undefined; });
    }
    process.stderr.write(`${o.diagnostics.p50.toFixed(0)} / ${o.diagnostics.p95.toFixed(0)} ms\n`);
    rows.push({ vms, scenario: key, ours: o, peer: p });
  }
}
const f = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const cell = (m) => (m && Number.isFinite(m.p50) ? `${f(m.p50)} / ${f(m.p95)}` : '-');
const table = [
  '| VMs | scenario | edits | diagnostics p50 / p95 ms | completion | hover | yaml-language-server: edits | diagnostics | completion | hover |',
  '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.vms.toLocaleString('en')} | ${r.scenario} | ${r.ours.edits} | ${cell(r.ours.diagnostics)} | ${cell(r.ours.completion)} | ${cell(r.ours.hover)} | ${r.peer?.edits ?? '-'} | ${cell(r.peer?.diagnostics)} | ${cell(r.peer?.completion)} | ${cell(r.peer?.hover)} |`),
].join('\n');
console.log(table);
const date = new Date().toISOString().slice(0, 10);
const out = process.env.ASR_BENCH_OUT ?? 'typing';
writeFileSync(join(root, 'bench', 'results', `${out}.json`), `${JSON.stringify({ date, node: process.version, rows }, null, 2)}\n`);
writeFileSync(join(root, 'bench', 'results', `${out}.md`), `# Typing and editing, over LSP, p50 / p95 per edit (${date})\n\nfast-typist: a key every ${FAST_TYPIST_MS} ms; the time from the last key to its version's diagnostics.\n\n${table}\n`);
