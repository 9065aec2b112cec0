// `npm run bench`: our language server against the parse floor and yaml-language-server,
// in one run, on the same generated files, driven over stdio as an editor drives them.
//
//   node scripts/bench.mjs [--sizes 1000,10000,50000] [--runs 7] [--no-peer]
//
// Prints a table of medians and ratios and writes it to bench/results/latest.json.
// Needs `npm run build` first (dist/server.js).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { Client, median, now, ours, peer, positionAt } from './bench-lsp.mjs';
import YAML from 'yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt('sizes', '1000,10000,50000').split(',').map(Number);
const runs = Number(opt('runs', '7'));
const withPeer = !args.includes('--no-peer');
const tmp = join(root, 'bench', 'tmp');
mkdirSync(tmp, { recursive: true });
mkdirSync(join(root, 'bench', 'results'), { recursive: true });


// --- the floor: yaml parse + ajv with our schema, in this process ---------------------------
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'topology.schema.json'), 'utf8'));
function floor(text) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // The schema's own formats, as the core checks them (compiled by `npm test` / `tsc -p .`).
  const coreSchema = join(root, 'out', 'src', 'core', 'schema', 'index.js');
  const core = existsSync(coreSchema) ? require(coreSchema) : undefined;
  ajv.addFormat('cidr', core ? { validate: core.isCidr } : true);
  ajv.addFormat('ip-address', core ? { validate: core.isIpAddress } : true);
  const validate = ajv.compile(schema);
  const times = [];
  for (let i = 0; i < Math.max(3, Math.min(runs, 5)); i++) {
    const t0 = now();
    const doc = YAML.parseDocument(text);
    validate(doc.toJS({ maxAliasCount: 100 }));
    times.push(now() - t0);
  }
  return median(times);
}

/** Drives one server on one file: cold open, edits, hovers and completions. */
async function drive(name, makeClient, file) {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const result = { cold: [], change: [], hoverAfterEdit: [], hover: [], completion: [], completionAfterEdit: [], memoryMb: NaN };
  const coldRuns = Math.max(1, Math.min(3, runs));
  let client;
  for (let c = 0; c < coldRuns; c++) {
    client = makeClient();
    await client.init(pathToFileURL(tmp).href);
    const t0 = now();
    const got = client.diagnostics(uri, 1);
    client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: name === 'ours' ? 'asr-topology' : 'yaml', version: 1, text } });
    result.cold.push((await got) - t0);
    if (c < coldRuns - 1) await client.close();
  }
  // Edits at the start, middle and end: toggle an 'x' at the start of a VM's name. The file
  // stays valid YAML (a text with a syntax error is parsed whole: see docs/performance.md).
  let current = text;
  let version = 1;
  for (let i = 0; i < runs; i++) {
    for (const f of [0.02, 0.5, 0.98]) {
      const spot = current.indexOf('name: ', Math.floor(current.length * f)) + 'name: '.length;
      const pos = positionAt(current, spot);
      const adding = !current.startsWith('x', spot);
      const change = adding
        ? { range: { start: pos, end: pos }, text: 'x' }
        : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
      current = adding ? current.slice(0, spot) + 'x' + current.slice(spot) : current.slice(0, spot) + current.slice(spot + 1);
      version++;
      const t0 = now();
      const got = client.diagnostics(uri, version);
      client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      // A hover right after the edit, while the analysis of the new version runs.
      const hoverAt = positionAt(current, spot + 1);
      const h0 = now();
      await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt });
      result.hoverAfterEdit.push(now() - h0);
      // And a completion, still before the new version's diagnostics (typing triggers completion).
      const netAfter = current.indexOf('network: ', spot);
      if (netAfter > 0) {
        const c0 = now();
        await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionAt(current, netAfter + 'network: '.length) });
        result.completionAfterEdit.push(now() - c0);
      }
      result.change.push((await got) - t0);
      const h1 = now();
      await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt });
      result.hover.push(now() - h1);
      const netAt = current.indexOf('network: ', spot);
      if (netAt > 0) {
        const c0 = now();
        await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionAt(current, netAt + 'network: '.length) });
        result.completion.push(now() - c0);
      }
    }
  }
  result.memoryMb = client.peakMemoryMb();
  await client.close();
  return {
    cold: median(result.cold),
    change: median(result.change),
    hoverAfterEdit: median(result.hoverAfterEdit),
    hover: median(result.hover),
    completion: median(result.completion),
    completionAfterEdit: median(result.completionAfterEdit),
    memoryMb: result.memoryMb,
  };
}

// --- run -------------------------------------------------------------------------------------
if (!existsSync(join(root, 'dist', 'server.js'))) {
  console.error('bench: dist/server.js is missing; run `npm run build` first.');
  process.exit(2);
}

const rows = [];
for (const vms of sizes) {
  const file = join(tmp, `bench-${vms}.topology.yaml`);
  if (!existsSync(file)) execFileSync(process.execPath, [join(root, 'scripts', 'gen-topology.mjs'), '--vms', String(vms), '--seed', '1', '--out', file]);
  const text = readFileSync(file, 'utf8');
  process.stderr.write(`${vms} VMs (${(text.length / 1e6).toFixed(2)} MB): floor… `);
  const floorMs = floor(text);
  process.stderr.write('ours… ');
  const o = await drive('ours', () => ours(root), file);
  let p;
  if (withPeer && vms <= 50000) {
    process.stderr.write('yaml-language-server… ');
    try {
      p = await drive('peer', () => peer(root), file);
    } catch (e) {
      process.stderr.write(`(peer failed: ${e.message}) `);
    }
  }
  process.stderr.write('done\n');
  rows.push({ vms, bytes: text.length, floorMs, ours: o, peer: p });
}

const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const lines = [];
lines.push(`Medians on ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${runs} runs of 3 edits each; ratios: ours ÷ floor for cold open, peer ÷ ours otherwise.`);
lines.push('');
lines.push('| VMs | MB | parse floor ms | cold open ms (× floor) | change → diagnostics ms | hover ms | hover after edit ms | completion ms | completion after edit ms | peak MB |');
lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  const o = r.ours;
  const p = r.peer;
  const vs = (a, b) => (p && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? ` (peer ${fmt(a)}, ×${fmt(a / b, 1)})` : '');
  lines.push(
    `| ${r.vms} | ${fmt(r.bytes / 1e6, 2)} | ${fmt(r.floorMs)} | ${fmt(o.cold)} (×${fmt(o.cold / r.floorMs, 2)})${vs(p?.cold, o.cold)} | ` +
      `${fmt(o.change)}${vs(p?.change, o.change)} | ${fmt(o.hover, 1)}${vs(p?.hover, o.hover)} | ${fmt(o.hoverAfterEdit, 1)}${vs(p?.hoverAfterEdit, o.hoverAfterEdit)} | ` +
      `${fmt(o.completion, 1)}${vs(p?.completion, o.completion)} | ${fmt(o.completionAfterEdit, 1)}${vs(p?.completionAfterEdit, o.completionAfterEdit)} | ${fmt(o.memoryMb)}${p ? ` (peer ${fmt(p.memoryMb)})` : ''} |`,
  );
}
const table = lines.join('\n');
console.log(table);
const out = { date: new Date().toISOString(), node: process.version, runs, rows, table };
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(out, null, 2) + '\n');
writeFileSync(join(root, 'bench', 'results', 'latest.md'), table + '\n');
process.exit(0);
