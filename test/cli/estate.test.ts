/**
 * `asr-topology import`, `drift` and `apply-script` as a pipeline runs them: the real
 * process (node dist/cli.js), its exit codes, stdout, stderr and files.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as GenEstate from '../../scripts/gen-estate.mjs' with { 'resolution-mode': 'import' };
import { ROOT, cli } from './helpers';

const FIX = path.join(ROOT, 'test', 'fixtures', 'estate');
const AZ = ['--vmm', path.join(FIX, 'azure/vmm.json'), '--asr', path.join(FIX, 'azure/asr.json'), '--vnets', path.join(FIX, 'azure/vnets.json')];
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

describe('asr-topology import, drift, apply-script', function () {
  this.timeout(120_000);
  let tmp = '';
  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'asr-estate-cli-'));
  });
  after(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('import to stdout: a plan that check accepts, and the check\'s summary on stderr', () => {
    const r = cli(['import', ...AZ, '--vault-location', 'westeurope']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Imported by 'asr-topology import'/);
    assert.match(r.stderr, /imported 1 site\(s\), 2 cloud\(s\), 3 VM\(s\), 1 mapping\(s\) to stdout; 0 TODO\(s\)/);
    assert.match(r.stderr, /check: 1 file checked: 0 errors/);
    const file = path.join(tmp, 'stdout.topology.yaml');
    writeFileSync(file, r.stdout);
    assert.equal(cli(['check', file]).status, 0);
  });

  it('import -o writes the file; drift against the same exports finds nothing (exit 0)', () => {
    const out = path.join(tmp, 'plan.topology.yaml');
    const r = cli(['import', ...AZ, '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const d = cli(['drift', out, '--asr', path.join(FIX, 'azure/asr.json'), '--format', 'json']);
    assert.equal(d.status, 0, d.stdout + d.stderr);
    assert.deepEqual(JSON.parse(d.stdout), { drift: [] });
  });

  it('drift: exit 1 with each difference, in text, JSON and SARIF', () => {
    const plan = path.join(ROOT, 'examples', 'new-york-chicago.topology.yaml');
    const vault = path.join(tmp, 'vault.json');
    const asr = JSON.parse(readFileSync(path.join(FIX, 'vmm-to-vmm/asr.json'), 'utf8')) as Record<string, unknown>[];
    writeFileSync(vault, JSON.stringify(asr.map((r) => (r.RecoveryNetworkFriendlyName === 'VMNetwork1-NewYork' ? { ...r, RecoveryNetworkFriendlyName: 'VMNetwork2-NewYork' } : r))));
    const json = cli(['drift', plan, '--asr', vault, '--format', 'json']);
    assert.equal(json.status, 1);
    const drift = (JSON.parse(json.stdout) as { drift: Record<string, unknown>[] }).drift;
    assert.deepEqual(drift.map((d) => Object.keys(d)), drift.map(() => ['kind', 'subject', 'plan', 'vault', 'message']));
    assert.deepEqual(drift.map((d) => [d.kind, d.subject, d.plan, d.vault]), [['mapping-target', 'VMNetwork1-Chicago', 'VMNetwork1-NewYork', 'VMNetwork2-NewYork']]);
    const text = cli(['drift', plan, '--asr', vault]);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /new-york-chicago\.topology\.yaml:\d+:\d+: warning TOP074 The vault maps 'VMNetwork1-Chicago' to 'VMNetwork2-NewYork'/);
    assert.match(text.stdout, /1 difference between .* and the vault\.\n$/);
    const sarif = cli(['drift', plan, '--asr', vault, '--format', 'sarif']);
    assert.equal(sarif.status, 1);
    assert.equal((JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] }).runs[0]?.results[0]?.ruleId, 'TOP074');
  });

  it('apply-script prints a script that creates the missing mappings, and does nothing without -Apply', () => {
    const r = cli(['apply-script', path.join(ROOT, 'examples', 'new-york-chicago.topology.yaml')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^#Requires -Modules Az\.RecoveryServices/);
    assert.equal((r.stdout.match(/^ {2}@\{ /gm) ?? []).length, 2);
    const none = cli(['apply-script', path.join(ROOT, 'examples', 'new-york-chicago.topology.yaml'), '--asr', path.join(FIX, 'vmm-to-vmm/asr.json')]);
    assert.equal((none.stdout.match(/^ {2}@\{ /gm) ?? []).length, 0);
    assert.match(none.stdout, /nothing to do/);
  });

  it('UTF-16 LE (Windows PowerShell 5.1\'s Out-File) and BE input with a BOM import like UTF-8, in every command', () => {
    const utf16 = (rel: string, endian: 'le' | 'be'): string => {
      const le = Buffer.from(readFileSync(path.join(FIX, rel), 'utf8'), 'utf16le');
      const out = path.join(tmp, `${endian}-${path.basename(rel)}`);
      writeFileSync(out, Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
      if (endian === 'be') writeFileSync(out, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]));
      return out;
    };
    const b = cli(['import', '--vmm', path.join(FIX, 'azure/vmm.json'), '--asr', path.join(FIX, 'azure/asr.json')]);
    assert.equal(b.status, 0, b.stderr);
    for (const endian of ['le', 'be'] as const) {
      const a = cli(['import', '--vmm', utf16('azure/vmm.json', endian), '--asr', utf16('azure/asr.json', endian)]);
      assert.equal(a.status, 0, a.stderr);
      assert.equal(a.stdout, b.stdout, endian);
      const plan = path.join(tmp, `${endian}.topology.yaml`);
      writeFileSync(plan, a.stdout);
      const d = cli(['drift', plan, '--asr', utf16('azure/asr.json', endian)]);
      assert.equal(d.status, 0, `${endian}: ${d.stdout}${d.stderr}`);
    }
  });

  it('bad input: exit 2, one line naming the file and why, and no file written (nor an old one replaced)', () => {
    const out = path.join(tmp, 'kept.topology.yaml');
    writeFileSync(out, 'version: 1\n');
    const cut = path.join(tmp, 'cut.json');
    writeFileSync(cut, readFileSync(path.join(FIX, 'azure/asr.json'), 'utf8').slice(0, 300));
    for (const [args, why] of [
      [['--asr', cut], /cannot read '.*cut\.json': not JSON \(the file looks cut short\)/],
      [['--vmm', path.join(FIX, 'azure/asr.json')], /cannot read '.*asr\.json': not a VMM export.*--asr/],
      [['--vmm', path.join(tmp, 'missing.json')], /cannot read '.*missing\.json': no such file/],
    ] as const) {
      const r = cli(['import', ...args, '-o', out]);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, why);
      assert.equal(readFileSync(out, 'utf8'), 'version: 1\n', 'the old file is untouched');
    }
    const fresh = path.join(tmp, 'fresh.topology.yaml');
    assert.equal(cli(['import', '--asr', cut, '-o', fresh]).status, 2);
    assert.ok(!existsSync(fresh), 'no partial file');
  });

  it('usage errors: exit 2', () => {
    for (const args of [['import'], ['import', 'x.json'], ['drift', 'plan.yaml'], ['drift', '--asr', 'a.json'], ['import', '--vmm'], ['apply-script'], ['drift', 'p', '--asr', 'a', '--format', 'csv']]) {
      const r = cli(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^asr-topology: /);
    }
  });

  it('50 MB of exports of a 10,000-VM estate import in one go', async () => {
    const gen = (await importEsm(pathToFileURL(path.join(ROOT, 'scripts', 'gen-estate.mjs')).href)) as typeof GenEstate;
    const e = gen.generateEstate({ vms: 10_000, pad: 2400 });
    const files = { vmm: path.join(tmp, 'big-vmm.json'), asr: path.join(tmp, 'big-asr.json'), vnets: path.join(tmp, 'big-vnets.json') };
    writeFileSync(files.vmm, e.vmm);
    writeFileSync(files.asr, e.asr);
    writeFileSync(files.vnets, e.vnets);
    const mb = (e.vmm.length + e.asr.length + e.vnets.length) / 1e6;
    assert.ok(mb >= 50, `${mb.toFixed(1)} MB`);
    const started = Date.now();
    const r = cli(['import', '--vmm', files.vmm, '--asr', files.asr, '--vnets', files.vnets, '-o', path.join(tmp, 'big.topology.yaml')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /10000 VM\(s\)/);
    assert.match(r.stderr, /check: 1 file checked: (no problems found|0 errors)/);
    console.log(`      (${mb.toFixed(0)} MB imported in ${Date.now() - started} ms; the bench measures it)`);
  });
});
