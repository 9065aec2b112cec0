/**
 * The estate (src/core/estate): readers of VMM's, the vault's and Azure's exports, the
 * merge into a plan, drift and the apply script, on the fixtures (test/fixtures/estate) and
 * on generated and hostile inputs.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type * as GenEstate from '../../scripts/gen-estate.mjs' with { 'resolution-mode': 'import' };
import { analyze } from '../../src/core/analysis';
import { applyScript, decodeInput, driftDiagnostics, driftOf, EstateInputError, importEstate, readVault, type DriftKind, type EstateInput, type InputKind } from '../../src/core/estate';
import { params } from './helpers/mutations';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'estate');
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

const file = (rel: string, kind: InputKind): EstateInput => ({ name: rel, bytes: readFileSync(path.join(FIX, rel)), kind });
const json = (name: string, value: unknown, kind: InputKind): EstateInput => ({ name, bytes: new TextEncoder().encode(JSON.stringify(value)), kind });
const AZURE = (): EstateInput[] => [file('azure/vmm.json', 'vmm'), file('azure/asr.json', 'asr'), file('azure/vnets.json', 'vnets')];
const VMM_TO_VMM = (): EstateInput[] => [file('vmm-to-vmm/vmm-newyork.json', 'vmm'), file('vmm-to-vmm/vmm-chicago.json', 'vmm'), file('vmm-to-vmm/asr.json', 'asr')];
const vaultOf = (inputs: EstateInput[]): EstateInput[] => inputs.filter((i) => i.kind === 'asr');

function errors(text: string): string[] {
  return analyze(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
}

function refusal(f: () => unknown): EstateInputError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof EstateInputError, `not an EstateInputError: ${String(e)}`);
    return e;
  }
  assert.fail('no error');
}

describe('estate: import', () => {
  it('a VMM-to-Azure estate: sites, clouds, VMs from VMM; the pair, the mapping and target settings from the vault; no errors', () => {
    const r = importEstate(AZURE(), { vaultLocation: 'westeurope' });
    assert.deepEqual(errors(r.text), []);
    const a = analyze(r.text);
    assert.deepEqual(a.model.sites.map((s) => s.vmmServer?.value), ['VMM-SEA01']);
    assert.deepEqual(a.model.vms.map((v) => v.name.value), ['sea-web01', 'sea-sql01', 'sea-build01']);
    assert.deepEqual(a.model.pairs.map((p) => [p.protected?.value, p.toAzure]), [['Gold-SEA', true]]);
    assert.deepEqual(a.model.mappings.map((m) => [m.source?.value, m.target?.value]), [['Corp-SEA', 'vnet-dr-weu']]);
    // Both SubnetVLans forms, and the link-local address passed over.
    assert.deepEqual(a.model.vmNetworks[0]?.subnets.map((s) => [s.name.value, s.addressPrefix?.value]), [['App', '10.20.1.0/24'], ['Data', '10.20.2.0/24']]);
    const sql = a.model.vms[1];
    assert.equal(sql?.nics[0]?.ipAddress?.value, '10.20.2.21');
    // The newer ipConfigs and the older fields both give target settings.
    assert.equal(sql?.nics[0]?.targetIpAddress?.value, '10.120.2.21');
    assert.equal(sql?.nics[1]?.targetSubnet?.value, 'App');
    assert.equal(a.model.vms[0]?.nics[0]?.targetIpAddress?.value, '10.120.1.11');
    assert.equal(r.summary.vms, 3);
    assert.equal(r.summary.todos, 0);
    assert.match(r.text, /2 VM\(s\) of the VMM exports left out/);
  });

  it('the article\'s VMM-to-VMM estate imports to the plan of docs/format.md (its one TOP020 included)', () => {
    const r = importEstate(VMM_TO_VMM());
    const a = analyze(r.text);
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['TOP020']);
    assert.deepEqual(a.model.pairs.map((p) => `${p.protected?.value}→${p.protecting?.value}`), ['GoldCloud1→GoldCloud2', 'SilverCloud1→SilverCloud2']);
    assert.deepEqual(a.model.vmNetworks.find((n) => n.name.value === 'VMNetwork1-Chicago')?.subnets.map((s) => s.name.value), ['Subnet-B', 'Subnet-A']);
  });

  it('what no input says is left out with a TODO where it belongs', () => {
    const r = importEstate([file('vmm-to-vmm/asr.json', 'asr')]);
    assert.ok(r.summary.todos >= 4, `${r.summary.todos} TODOs`);
    assert.match(r.text, /vmmServer: VMM-NewYork\n {4}# TODO: logicalNetworks/);
    assert.match(r.text, /- name: VMNetwork1-NewYork\n {8}# TODO: logicalNetwork/);
    const azure = importEstate([file('azure/vmm.json', 'vmm'), file('azure/asr.json', 'asr')]);
    assert.match(azure.text, /azure:\n {2}# TODO: vaultLocation/);
    assert.match(azure.text, /- name: vnet-dr-weu {2}# a mapping target of the vault\n(?: {6}.*\n)* {6}# TODO: subnets/);
  });

  it('without --vnets, a target lists the subnets the vault\'s replica settings name: no error, no drift', () => {
    const inputs = AZURE().filter((i) => i.kind !== 'vnets');
    const r = importEstate(inputs);
    assert.deepEqual(errors(r.text), []);
    assert.match(r.text, /# TODO: subnets: only those the vault's replica settings name[^\n]*\n {6}subnets:\n {8}- name: App\n {8}- name: Data\n/);
    assert.deepEqual(driftOf(analyze(r.text), vaultOf(inputs)), []);
  });

  it('names that join nothing are kept, with a comment', () => {
    const asr = JSON.parse(readFileSync(path.join(FIX, 'azure/asr.json'), 'utf8')) as { value: { properties: Record<string, unknown> }[] };
    const m = asr.value.find((r) => 'primaryNetworkFriendlyName' in r.properties);
    assert.ok(m);
    m.properties.primaryNetworkFriendlyName = 'Corp-Nowhere';
    const r = importEstate([file('azure/vmm.json', 'vmm'), json('asr.json', asr, 'asr')]);
    assert.match(r.text, /- source: Corp-Nowhere {2}# not a VM network of the exports/);
  });

  it('reads UTF-16 LE and BE with a BOM, and UTF-8 with one, as Windows PowerShell writes them', () => {
    const text = readFileSync(path.join(FIX, 'azure/vmm.json'), 'utf8');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] ?? 0, be[i] ?? 0];
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    for (const bytes of [le, be, bom8]) assert.equal(decodeInput('x', bytes).replace(/^\uFEFF/, ''), text);
    const plain = importEstate([{ name: 'a', bytes: Buffer.from(text), kind: 'vmm' }]).text;
    assert.equal(importEstate([{ name: 'a', bytes: le, kind: 'vmm' }]).text, plain);
  });

  it('Azure virtual networks as ARM returns them (one resource or a {"value": [...]} list) import like az network vnet list', () => {
    type AzVnet = { name: string; id: string; location: string; type: string; addressSpace: unknown; subnets: { name: string; addressPrefix: string }[] };
    const az = JSON.parse(readFileSync(path.join(FIX, 'azure/vnets.json'), 'utf8')) as AzVnet[];
    // The REST shape (Microsoft.Network virtualNetworks GET/List): no resourceGroup field, every
    // setting under properties, each subnet's prefix under its own properties.
    const arm = az.map((v) => ({
      name: v.name, id: v.id, location: v.location, type: v.type,
      properties: { provisioningState: 'Succeeded', addressSpace: v.addressSpace, subnets: v.subnets.map((s) => ({ name: s.name, id: `${v.id}/subnets/${s.name}`, properties: { addressPrefix: s.addressPrefix } })) },
    }));
    const [vmm, asr] = AZURE();
    const expected = importEstate(AZURE()).text;
    assert.match(expected, /10\.120\.1\.0\/24/, 'the fixture\'s prefixes are in the plan');
    for (const value of [arm.length === 1 ? arm[0] : arm, { value: arm }]) {
      assert.equal(importEstate([vmm!, asr!, json('vnets-arm.json', value, 'vnets')]).text, expected);
    }
  });

  it('refuses bad inputs with one line naming the file and why', () => {
    const bytes = readFileSync(path.join(FIX, 'azure/vmm.json'));
    const cases: [EstateInput, RegExp][] = [
      [{ name: 'cut.json', bytes: bytes.subarray(0, 200), kind: 'vmm' }, /not JSON \(the file looks cut short\)/],
      [{ name: 'empty.json', bytes: new Uint8Array(), kind: 'vmm' }, /empty/],
      [file('azure/vmm.json', 'asr'), /not a vault export.*give it with --vmm/],
      [file('azure/asr.json', 'vmm'), /not a VMM export.*give it with --asr/],
      [file('azure/asr.json', 'vnets'), /not an Azure virtual network export/],
      [json('list.json', { value: [] }, 'asr'), /not a vault export.*empty list/],
      [json('list.json', [], 'vnets'), /empty list/],
      [{ name: 'latin1.json', bytes: Uint8Array.from([0x7b, 0xe9, 0x7d]), kind: 'vmm' }, /not UTF-8/],
    ];
    for (const [input, why] of cases) {
      const e = refusal(() => importEstate([input]));
      assert.equal(e.file, input.name);
      assert.match(e.message, why);
      assert.ok(!e.message.includes('\n'), 'one line');
    }
    assert.match(refusal(() => importEstate([])).message, /nothing to import/);
  });

  it('duplicate names in an export: the first is kept, and a comment says so', () => {
    const vmm = JSON.parse(readFileSync(path.join(FIX, 'azure/vmm.json'), 'utf8')) as { VMNetworks: unknown[]; VMs: unknown[] };
    vmm.VMNetworks.push(vmm.VMNetworks[0]);
    vmm.VMs.push(vmm.VMs[0]);
    const r = importEstate([json('dup.json', vmm, 'vmm')]);
    assert.deepEqual(errors(r.text).filter((e) => e.startsWith('TOP010')), []);
    assert.match(r.text, /1 duplicate name\(s\) in the VMM exports/);
  });

  it('every name comes back as written, whatever it holds (property)', () => {
    const name = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'Z', '9', ' ', ':', '#', "'", '"', '-', '[', '{', '*', '&', '!', '%', '@', '`', '\\', ',', '?', '|', '>', '\t', '\n', 'é', '✓') })
      .filter((s) => s.trim() !== '');
    fc.assert(fc.property(fc.uniqueArray(name, { minLength: 4, maxLength: 4 }), ([server, network, cloud, vm]) => {
      const vmm = { VMMServer: server, LogicalNetworks: [{ Name: 'LN' }], VMNetworks: [{ Name: network, LogicalNetwork: 'LN', VMSubnet: [] }], Clouds: [{ Name: cloud, LogicalNetworks: ['LN'] }], VMs: [{ Name: vm, Cloud: cloud, VirtualNetworkAdapters: [{ VMNetwork: network }] }] };
      const a = analyze(importEstate([json('v.json', vmm, 'vmm')]).text);
      assert.deepEqual(a.diagnostics.filter((d) => d.code === 'TOP001' || d.code === 'TOP002').map((d) => d.message), []);
      assert.equal(a.model.sites[0]?.vmmServer?.value, server);
      assert.equal(a.model.vmNetworks[0]?.name.value, network);
      assert.equal(a.model.clouds[0]?.name.value, cloud);
      assert.equal(a.model.vms[0]?.name.value, vm);
      assert.equal(a.model.vms[0]?.nics[0]?.network?.value, network);
    }), params(300));
  });

  it('a generated 1,000-VM estate imports without errors and drifts from nothing', async () => {
    const gen = (await importEsm(pathToFileURL(path.join(ROOT, 'scripts', 'gen-estate.mjs')).href)) as typeof GenEstate;
    const e = gen.generateEstate({ vms: 1000 });
    const inputs = [json('vmm.json', JSON.parse(e.vmm), 'vmm'), json('asr.json', JSON.parse(e.asr), 'asr'), json('vnets.json', JSON.parse(e.vnets), 'vnets')];
    const r = importEstate(inputs, { vaultLocation: 'westeurope' });
    assert.equal(r.summary.vms, 1000);
    assert.deepEqual(errors(r.text), []);
    assert.deepEqual(driftOf(analyze(r.text), vaultOf(inputs)), []);
  });
});

describe('estate: drift', () => {
  it('round trip: an estate imported, then compared with the same exports: no drift', () => {
    for (const inputs of [AZURE(), VMM_TO_VMM()]) {
      assert.deepEqual(driftOf(analyze(importEstate(inputs).text), vaultOf(inputs)), []);
    }
  });

  /** The VMM-to-VMM plan, changed by `edit`, against the unchanged vault: exactly `kind`. */
  const cases: [DriftKind, (plan: string) => string, string][] = [
    ['pair-missing', (t) => t.replace('protecting: SilverCloud2', 'protecting: GoldCloud2'), 'SilverCloud1'],
    ['pair-extra', (t) => t.replace(/ {2}- protected: SilverCloud1\n {4}protecting: SilverCloud2\n/, ''), 'SilverCloud1'],
    ['mapping-missing', (t) => t.replace('networkMappings:\n', 'networkMappings:\n  - source: VMNetwork2-NewYork\n    target: VMNetwork2-Chicago\n'), 'VMNetwork2-NewYork'],
    ['mapping-extra', (t) => t.replace(/ {2}- source: VMNetwork1-Chicago\n {4}target: VMNetwork1-NewYork\n/, ''), 'VMNetwork1-Chicago'],
    ['mapping-target', (t) => t.replace('target: VMNetwork1-NewYork', 'target: VMNetwork2-NewYork'), 'VMNetwork1-Chicago'],
  ];
  for (const [kind, edit, subject] of cases) {
    it(`${kind}: produced by one change of the plan`, () => {
      const inputs = VMM_TO_VMM();
      const plan = importEstate(inputs).text;
      const changed = edit(plan);
      assert.notEqual(changed, plan, 'the edit applies');
      const drift = driftOf(analyze(changed), vaultOf(inputs));
      assert.deepEqual(drift.map((d) => [d.kind, d.subject]), [[kind, subject]]);
    });
  }

  it('mapping-state: a mapping of the vault that is not Paired', () => {
    const asr = JSON.parse(readFileSync(path.join(FIX, 'vmm-to-vmm/asr.json'), 'utf8')) as Record<string, unknown>[];
    const first = asr[0];
    assert.ok(first);
    first.State = 'PairingFailed';
    const plan = importEstate(VMM_TO_VMM()).text;
    const drift = driftOf(analyze(plan), [json('asr.json', asr, 'asr')]);
    assert.deepEqual(drift.map((d) => [d.kind, d.vault]), [['mapping-state', 'PairingFailed']]);
  });

  for (const [kind, edit] of [
    ['nic-network', (t: string) => t.replace(/network: Corp-SEA\n {4}subnet: App/, 'network: Dev-SEA\n    subnet: App')],
    ['nic-subnet', (t: string) => t.replace(/targetSubnet: App\n {4}targetIpAddress: 10\.120\.1\.11/, 'targetSubnet: Data\n    targetIpAddress: 10.120.1.11')],
    ['nic-ip', (t: string) => t.replace('targetIpAddress: 10.120.1.11', 'targetIpAddress: 10.120.1.12')],
  ] as const) {
    it(`${kind}: produced by one change of a NIC in the plan (VMM to Azure)`, () => {
      const inputs = AZURE();
      const plan = importEstate(inputs).text;
      const changed = edit(plan);
      assert.notEqual(changed, plan, 'the edit applies');
      const drift = driftOf(analyze(changed), vaultOf(inputs));
      assert.deepEqual(drift.filter((d) => d.kind.startsWith('nic-')).map((d) => [d.kind, d.subject]), [[kind, 'sea-web01 (NIC 0)']]);
    });
  }

  it('drift as diagnostics: on the plan\'s node, or on the top-level key for what the plan lacks', () => {
    const inputs = VMM_TO_VMM();
    const plan = importEstate(inputs).text.replace(/ {2}- source: VMNetwork1-Chicago\n {4}target: VMNetwork1-NewYork\n/, '').replace('target: VMNetwork1-Chicago', 'target: VMNetwork2-Chicago');
    const a = analyze(plan);
    const ds = driftDiagnostics(a, driftOf(a, vaultOf(inputs)));
    // The changed target moves VM1's replica too: the vault still lands it on VMNetwork1-Chicago.
    assert.deepEqual(ds.map((d) => [d.code, plan.slice(d.span.start, d.span.end)]), [['TOP074', 'VMNetwork2-Chicago'], ['TOP073', 'networkMappings'], ['TOP076', 'VMNetwork1-NewYork']]);
  });

  it('the vault in every form: REST list, single resource, PowerShell objects, arrays of them', () => {
    const list = JSON.parse(readFileSync(path.join(FIX, 'azure/asr.json'), 'utf8')) as { value: unknown[] };
    const forms: EstateInput[][] = [
      [json('list.json', list, 'asr')],
      list.value.map((r, i) => json(`single-${i}.json`, r, 'asr')),
      [json('array.json', [list, { value: [] }], 'asr')],
    ];
    const reference = readVault(forms[0]!.map((input) => ({ input, value: JSON.parse(new TextDecoder().decode(input.bytes)) as unknown })));
    for (const f of forms.slice(1)) {
      assert.deepEqual(readVault(f.map((input) => ({ input, value: JSON.parse(new TextDecoder().decode(input.bytes)) as unknown }))).mappings, reference.mappings);
    }
    assert.equal(reference.items.length, 2);
    assert.equal(reference.pairs[0]?.toAzure, true);
  });
});

describe('estate: apply-script', () => {
  it('writes the plan\'s mappings the vault lacks, VMM to VMM and VMM to Azure, and nothing else', () => {
    const plan = analyze(importEstate(VMM_TO_VMM()).text.replace('networkMappings:\n', 'networkMappings:\n  - source: VMNetwork2-NewYork\n    target: VMNetwork2-Chicago\n'));
    const script = applyScript(plan, vaultOf(VMM_TO_VMM()));
    const rows = script.split('\n').filter((l) => l.trimStart().startsWith('@{'));
    assert.deepEqual(rows, ["  @{ Name = 'asr-topology-1'; PrimaryFabric = 'VMM-NewYork'; PrimaryNetwork = 'VMNetwork2-NewYork'; RecoveryFabric = 'VMM-Chicago'; RecoveryNetwork = 'VMNetwork2-Chicago' }"]);
    const azure = applyScript(analyze(readFileSync(path.join(ROOT, 'examples', 'azure.topology.yaml'), 'utf8')), []);
    assert.match(azure, /RecoveryResourceGroup = '[^']+'; RecoveryAzureNetwork = '[^']+'/);
    assert.match(azure, /New-AzRecoveryServicesAsrNetworkMapping -Name \$m\.Name -PrimaryNetwork \$primaryNetwork -RecoveryAzureNetworkId/);
    assert.match(script, /\$ErrorActionPreference = 'Stop'/);
    assert.match(script, /if \(-not \$Apply\) \{/);
  });
});
