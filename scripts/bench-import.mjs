// `npm run bench` (import part): the time and memory of `asr-topology import` on generated
// VMM-to-Azure estates (scripts/gen-estate.mjs), as a pipeline runs it: the real CLI process
// (node dist/cli.js), medians of 5 runs. Results: bench/results/import.md and import.json.
// Target (issue "Start from the estate"): 10,000 VMs imported in under 2 s.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEstate } from './gen-estate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 5);
const sizes = [[1000, 0], [10000, 0], [10000, 2400]];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tmp = mkdtempSync(path.join(tmpdir(), 'asr-bench-import-'));
const rows = [];
try {
  for (const [vms, pad] of sizes) {
    const e = generateEstate({ vms, pad });
    const files = ['vmm', 'asr', 'vnets'].map((k) => {
      const f = path.join(tmp, `${vms}-${pad}-${k}.json`);
      writeFileSync(f, e[k]);
      return f;
    });
    const mb = (e.vmm.length + e.asr.length + e.vnets.length) / 1e6;
    const times = [];
    const rss = [];
    for (let i = 0; i < RUNS; i++) {
      const started = process.hrtime.bigint();
      // GNU time gives the peak RSS; without it, the time alone.
      const [cmd, pre] = existsSync('/usr/bin/time') ? ['/usr/bin/time', ['-f', '%M', process.execPath]] : [process.execPath, []];
      const r = spawnSync(cmd, [...pre, path.join(ROOT, 'dist', 'cli.js'), 'import', '--vmm', files[0], '--asr', files[1], '--vnets', files[2], '-o', path.join(tmp, 'out.topology.yaml')], { encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
      times.push(ms);
      const kb = Number(r.stderr.trim().split('\n').pop());
      if (Number.isFinite(kb)) rss.push(kb / 1024);
    }
    rows.push({ vms, mb: Number(mb.toFixed(1)), ms: Math.round(median(times)), peakMb: rss.length ? Math.round(median(rss)) : null });
    console.log(`import: ${vms} VMs, ${mb.toFixed(1)} MB of exports: ${Math.round(median(times))} ms (median of ${RUNS}), peak ${rss.length ? Math.round(median(rss)) : '?'} MB`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench', 'results', 'import.json'), `${JSON.stringify({ date: new Date().toISOString().slice(0, 10), runs: RUNS, rows }, null, 2)}\n`);
const md = ['| VMs | exports MB | import ms (whole process) | peak MB |', '| ---: | ---: | ---: | ---: |', ...rows.map((r) => `| ${r.vms.toLocaleString('en')} | ${r.mb} | ${r.ms} | ${r.peakMb ?? '?'} |`)].join('\n');
writeFileSync(path.join(ROOT, 'bench', 'results', 'import.md'), `# asr-topology import (${new Date().toISOString().slice(0, 10)}, medians of ${RUNS})\n\n${md}\n`);
