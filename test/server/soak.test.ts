/**
 * A soak of the real language server: random small edits (typing, deleting, new lines,
 * renamed names) on a large generated topology, sent as incremental didChange, with a wait for
 * the diagnostics every few edits and a hover now and then. At the end the diagnostics
 * published for the final version are exactly `analyze(finalText)`'s (codes and ranges), and
 * the server's memory (VmRSS / VmHWM from /proc/PID/status) stayed within a bound.
 *
 * `npm test`: 1,500 edits on a 2,000-VM file. `npm run soak` (or SOAK_EDITS=N, SOAK_VMS=N,
 * SOAK_SEED=N): as long as you like.
 *
 * The memory bound: the server holds, per open document, the text, the incremental session's
 * chunks (one parsed YAML node tree per top-level item) and one analysis; for a 2,000-VM file
 * (about 220 KB) that is some tens of MB over Node's own ~50 MB. A leak of one analysis per
 * edit would add several MB per edit, 1,500 edits several GB. So: the peak (VmHWM) stays under
 * 400 MB + 20 KB per VM, and the resident size at the end under the resident size after the
 * first analysis + 150 MB (garbage not yet collected, V8's heap growth), whatever the edit count.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { analyze } from '../../src/core/analysis';
import { loadGenerator } from '../cli/helpers';
import { LspClient, ROOT } from './client';
import { positionAt } from './text';
import { prng } from '../prng';

const EDITS = Number(process.env.SOAK_EDITS ?? '') || 1500;
const VMS = Number(process.env.SOAK_VMS ?? '') || 2000;
const SEED = Number(process.env.SOAK_SEED ?? '') || 20_240_601;
/** Wait for the diagnostics of the current version every this many edits. */
const SYNC_EVERY = 25;
const MB = 1024 * 1024;

interface Memory { rss: number; hwm: number }

function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}


/** One small random edit, as a user makes them: [start, end, newText]. */
function randomEdit(text: string, rand: () => number): [number, number, string] {
  const at = Math.floor(rand() * (text.length + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  switch (Math.floor(rand() * 6)) {
    case 0: return [at, at, pick(['a', 'X', '1', '-', ' ', ':', '#', 'é'])]; // type a character
    case 1: return [at, Math.min(text.length, at + 1 + Math.floor(rand() * 3)), '']; // delete a few
    case 2: return [at, at, pick(['\n', '\n  ', '\n    - name: x\n'])]; // a new line
    case 3: { // undo-like: delete then retype the same text (no net change, but a new version)
      const end = Math.min(text.length, at + 4);
      return [at, end, text.slice(at, end)];
    }
    case 4: { // rename a name value in place
      const m = /name: ([^\n]+)/g;
      m.lastIndex = at;
      const hit = m.exec(text);
      if (!hit) return [at, at, ''];
      const s = hit.index + 'name: '.length;
      return [s, s + hit[1]!.length, `${hit[1]!}${pick(['2', '-b', ''])}`];
    }
    default: return [at, Math.min(text.length, at + 1), pick(['', 'z', '  '])]; // overwrite
  }
}

const key = (d: { code?: unknown; range: Diagnostic['range'] }): string =>
  `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

describe('soak: the language server under many random edits', function () {
  this.timeout(0);
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ settings: {} });
  });
  after(async () => {
    await client.stop();
  });

  it(`${EDITS} random edits on a ${VMS}-VM file: final diagnostics = analyze(final text), memory bounded`, async () => {
    const gen = await loadGenerator();
    let text = gen.generateTopology({ vms: VMS, seed: 1 });
    const uri = pathToFileURL(path.join(ROOT, 'test', 'fixtures', 'server', `soak-${VMS}.topology.yaml`)).href;
    const pid = client.proc.pid!;
    const t0 = Date.now();
    await client.openAndWait(uri, text, 1);
    const start = memoryOf(pid);
    let peakRss = start.rss;
    const rand = prng(SEED);
    let version = 1;
    let syncs = 0;
    let hovers = 0;
    for (let i = 0; i < EDITS; i++) {
      const [s, e, t] = randomEdit(text, rand);
      const range = { start: positionAt(text, s), end: positionAt(text, e) };
      text = text.slice(0, s) + t + text.slice(e);
      version++;
      await client.change(uri, version, [{ range, text: t }]);
      if (i % SYNC_EVERY === SYNC_EVERY - 1) {
        const v = version;
        await client.diagnostics(uri, (p: PublishDiagnosticsParams) => p.version === v, 60_000, true);
        syncs++;
        peakRss = Math.max(peakRss, memoryOf(pid).rss);
      }
      if (i % 100 === 50) {
        await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, Math.floor(rand() * text.length)) });
        hovers++;
      }
    }
    const final = await client.diagnostics(uri, (p) => p.version === version, 60_000, true);
    const seconds = (Date.now() - t0) / 1000;
    const end = memoryOf(pid);

    // Same codes and ranges as a fresh analysis of the final text (capped as the server caps them).
    const a = analyze(text);
    const want = a.diagnostics.slice(0, 1000).map((d) => key({ code: d.code, range: a.lines.rangeOf(d.span) }));
    assert.deepEqual(final.diagnostics.map(key), want, 'the final version\'s diagnostics are those of a fresh analysis');

    const figures = `${EDITS} edits, ${syncs} waits for diagnostics, ${hovers} hovers in ${seconds.toFixed(1)} s; server RSS start ${(start.rss / MB).toFixed(0)} MB, peak sampled ${(peakRss / MB).toFixed(0)} MB, VmHWM ${(end.hwm / MB).toFixed(0)} MB, end ${(end.rss / MB).toFixed(0)} MB`;
    console.log(`      ${figures}`);
    assert.ok(end.hwm < (400 + (20 * VMS) / 1024) * MB, `peak memory: ${figures}`);
    assert.ok(end.rss < start.rss + 150 * MB, `memory at the end: ${figures}`);
    assert.ok(client.alive);
  });
});
