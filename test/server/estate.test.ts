/**
 * The estate's requests on the real server over stdio (docs/lsp.md): importEstate on the
 * exports of test/fixtures/estate-vscode/, compareWithVault making the drift part of every version's diagnostics
 * (on the plan's nodes, or on the top-level key for what only the vault has), cleared by
 * clearVaultComparison and by closing the document; bad inputs answered with an error naming
 * the file, and the server still serving after each.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { analyze } from '../../src/core/analysis';
import {
  bytesToBase64, ClearVaultComparisonRequest, CompareWithVaultRequest, ImportEstateRequest, LandingsRequest,
  type EstateFile, type EstateFileKind, type ImportEstateParams, type ImportEstateResult,
} from '../../src/protocol';
import { LspClient, ROOT } from './client';
import { positionAt } from './text';

/**
 * A small VMM-to-Azure estate of this suite: a VMM dump, the vault's network mapping (Az
 * PowerShell), two Azure virtual networks (the tests move a mapping to the second).
 */
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'estate-vscode');

type Wire = ImportEstateParams['files'][number];

/** A file as the client sends it, without a kind (the server must refuse it for an import). */
function kindless(name: string, bytes: Uint8Array | string): EstateFile {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return { name, data: bytesToBase64(b) };
}

function wire(name: string, bytes: Uint8Array | string, kind: EstateFileKind): Wire {
  return { ...kindless(name, bytes), kind };
}

function fixture(rel: string, kind: EstateFileKind): Wire {
  return wire(path.basename(rel), fs.readFileSync(path.join(FIXTURES, rel)), kind);
}

const AZURE_ESTATE: readonly [string, EstateFileKind][] = [
  ['vmm.json', 'vmm'],
  ['vault.json', 'asr'],
  ['vnets.json', 'vnets'],
];

const drift = (p: PublishDiagnosticsParams): Diagnostic[] => p.diagnostics.filter((d) => /^TOP07\d$/.test(String(d.code)));

interface RpcError { code: number; message: string; data?: { file?: string; reason?: string } }

async function refused(p: Promise<unknown>): Promise<RpcError> {
  try {
    await p;
  } catch (err: unknown) {
    return err as RpcError;
  }
  throw new Error('the request was answered, not refused');
}

/** The text without its first network mapping's item (its lines). */
function withoutFirstMapping(text: string): string {
  const m = analyze(text).model.mappings[0];
  assert.ok(m, 'a mapping in the text');
  const from = text.lastIndexOf('\n', m.span.start) + 1;
  const to = text.indexOf('\n', m.span.end - 1) + 1;
  return text.slice(0, from) + text.slice(to);
}

let counter = 0;
const uriFor = (name: string): string => `untitled:estate-${name}-${++counter}.topology.yaml`;

describe('estate requests over stdio', function () {
  this.timeout(60_000);
  let client: LspClient;
  let imported: ImportEstateResult;
  const vault = (): Wire[] => AZURE_ESTATE.filter(([, k]) => k === 'asr').map(([f]) => fixture(f, 'asr'));

  before(async () => {
    client = await LspClient.start({ settings: {} });
  });
  after(async () => {
    await client.stop();
  });

  /** The server still answers (a landings request on a fresh document). */
  async function stillServes(): Promise<void> {
    const uri = uriFor('alive');
    await client.openAndWait(uri, 'version: 1\nsites: []\n');
    const r = await client.send(LandingsRequest, { uri });
    assert.equal(r.version, 1);
    assert.ok(client.alive);
  }

  describe('asrTopology/importEstate', () => {
    it('imports the small estate: a topology text naming its VMs that checks with no error, and its summary', async () => {
      imported = await client.send(ImportEstateRequest, {
        files: AZURE_ESTATE.map(([f, k]) => fixture(f, k)),
      });
      const vmm = JSON.parse(fs.readFileSync(path.join(FIXTURES, AZURE_ESTATE[0]![0]), 'utf8').replace(/^\ufeff/, '')) as { VMs: { Name: string }[] };
      for (const vm of vmm.VMs) assert.ok(imported.text.includes(vm.Name), `VM ${vm.Name} is in the imported text`);
      assert.equal(imported.summary.vms, vmm.VMs.length);
      const a = analyze(imported.text);
      assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
      assert.ok(a.model.mappings.length > 0, 'the vault\'s mappings are in the plan');
      assert.equal(imported.summary.mappings, a.model.mappings.length);
    });

    // The estate branch's fixtures: a VMM-to-Azure estate (the vault as REST lists) and the
    // article's VMM-to-VMM one (two VMM servers, the vault as Az PowerShell objects).
    const ESTATES: Record<string, readonly [string, EstateFileKind][]> = {
      'VMM-to-Azure': [['azure/vmm.json', 'vmm'], ['azure/asr.json', 'asr'], ['azure/vnets.json', 'vnets']],
      'VMM-to-VMM': [['vmm-to-vmm/vmm-newyork.json', 'vmm'], ['vmm-to-vmm/vmm-chicago.json', 'vmm'], ['vmm-to-vmm/asr.json', 'asr']],
    };
    for (const [name, files] of Object.entries(ESTATES)) {
      it(`imports the ${name} estate of test/fixtures/estate, which then has no drift from its vault export`, async () => {
        const read = (rel: string, kind: EstateFileKind): Wire => wire(path.basename(rel), fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'estate', rel)), kind);
        const r = await client.send(ImportEstateRequest, { files: files.map(([f, k]) => read(f, k)) });
        assert.ok(r.summary.vms > 0 && r.summary.mappings > 0, JSON.stringify(r.summary));
        assert.deepEqual(analyze(r.text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
        const uri = uriFor(name);
        await client.openAndWait(uri, r.text);
        const compared = await client.send(CompareWithVaultRequest, {
          uri, files: files.filter(([, k]) => k === 'asr').map(([f]) => read(f, 'asr')),
        });
        assert.deepEqual(compared.drift, []);
      });
    }

    it('takes the vault location given', async () => {
      const r = await client.send(ImportEstateRequest, {
        files: AZURE_ESTATE.map(([f, k]) => fixture(f, k)), vaultLocation: 'northeurope',
      });
      assert.equal(analyze(r.text).model.vaultLocation?.value, 'northeurope');
    });

    it('refuses a truncated file with InvalidParams naming it, and keeps serving', async () => {
      const full = fs.readFileSync(path.join(FIXTURES, AZURE_ESTATE[0]![0]));
      const err = await refused(client.request(ImportEstateRequest.method, {
        files: [wire('cut-short.json', full.subarray(0, Math.floor(full.length / 2)), 'vmm')],
      }));
      assert.equal(err.code, -32602);
      assert.equal(err.data?.file, 'cut-short.json');
      assert.match(err.message, /^cut-short\.json: /);
      await stillServes();
    });

    it('refuses the wrong kind of file for the kind given, naming it', async () => {
      const err = await refused(client.request(ImportEstateRequest.method, {
        files: [fixture(AZURE_ESTATE[0]![0], 'asr')],
      }));
      assert.equal(err.code, -32602);
      assert.equal(err.data?.file, path.basename(AZURE_ESTATE[0]![0]));
      await stillServes();
    });

    it('refuses data that is not base64, a missing or unknown kind, no files, no params', async () => {
      const bad: [unknown, RegExp][] = [
        [{ files: [{ name: 'a.json', data: '***', kind: 'vmm' }] }, /^a\.json: its data is not base64/],
        [{ files: [kindless('b.json', '{}')] }, /^b\.json: its kind must be/],
        [{ files: [wire('c.json', '{}', 'vmm'), { ...kindless('d.json', '{}'), kind: 'disk' }] }, /^d\.json: its kind must be/],
        [{ files: [] }, /No files/],
        [null, /Expected/],
      ];
      for (const [params, message] of bad) {
        const err = await refused(client.request(ImportEstateRequest.method, params));
        assert.equal(err.code, -32602, JSON.stringify(params));
        assert.match(err.message, message);
      }
      await stillServes();
    });

    it('reads UTF-16 LE with a BOM, as Windows PowerShell 5.1 writes it', async () => {
      const text = fs.readFileSync(path.join(FIXTURES, AZURE_ESTATE[0]![0]), 'utf8').replace(/^\ufeff/, '');
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const r = await client.send(ImportEstateRequest, { files: [wire('utf16.json', le, 'vmm')] });
      assert.equal(r.summary.vms, imported.summary.vms);
    });
  });

  describe('asrTopology/compareWithVault', () => {
    it('finds no drift between the imported plan and the exports it came from (round trip)', async () => {
      const uri = uriFor('round-trip');
      await client.openAndWait(uri, imported.text);
      const next = client.diagnostics(uri, (p) => p.version === 1);
      const r = await client.send(CompareWithVaultRequest, { uri, files: vault() });
      assert.equal(r.version, 1);
      assert.deepEqual(r.drift, []);
      assert.deepEqual(drift(await next), []);
      const l = await client.send(LandingsRequest, { uri });
      assert.deepEqual(l.drift, [], 'compared, no drift: an empty list, not null');
    });

    it('puts a changed mapping target on the mapping\'s node in the next version, and in the landings answer', async () => {
      const uri = uriFor('target');
      await client.openAndWait(uri, imported.text);
      await client.request(CompareWithVaultRequest.method, { uri, files: vault() });
      const m = analyze(imported.text).model.mappings[0]!;
      const target = m.target!;
      const got = client.diagnostics(uri, (p) => p.version === 2);
      await client.change(uri, 2, [{ range: { start: positionAt(imported.text, target.span.start), end: positionAt(imported.text, target.span.end) }, text: 'vnet-dr-test' }]);
      const ds = drift(await got);
      assert.ok(ds.length > 0, 'a TOP07x diagnostic');
      // The edit is within one line: the mapping's item keeps its lines.
      const item = { start: positionAt(imported.text, m.span.start), end: positionAt(imported.text, m.span.end) };
      assert.ok(ds.some((d) => d.range.start.line >= item.start.line && d.range.end.line <= item.end.line), `a drift diagnostic within the mapping's lines ${item.start.line}-${item.end.line}: ${JSON.stringify(ds)}`);
      assert.ok(ds.every((d) => d.source === 'asr-topology' && d.codeDescription?.href.endsWith(`#${String(d.code).toLowerCase()}`)));
      const l = await client.send(LandingsRequest, { uri });
      assert.equal(l.version, 2);
      assert.ok(l.drift?.some((r) => r.kind === 'mapping-target' && r.node !== null && r.plan === 'vnet-dr-test'), JSON.stringify(l.drift));
    });

    it('shows a mapping only the vault has on the networkMappings key', async () => {
      const uri = uriFor('extra');
      const text = withoutFirstMapping(imported.text);
      await client.openAndWait(uri, text);
      const got = client.diagnostics(uri, (p) => drift(p).length > 0);
      const r = await client.send(CompareWithVaultRequest, { uri, files: vault() });
      const extra = r.drift.find((d) => d.kind === 'mapping-extra');
      assert.ok(extra, JSON.stringify(r.drift));
      assert.equal(extra.node, null);
      assert.equal(text.slice(extra.shownAt.start, extra.shownAt.end), 'networkMappings');
      const key = positionAt(text, text.search(/^networkMappings:/m));
      assert.ok(drift(await got).some((d) => d.range.start.line === key.line && d.code === extra.code));
    });

    it('is cleared by clearVaultComparison (republished without drift) and by closing the document', async () => {
      const uri = uriFor('clear');
      const text = withoutFirstMapping(imported.text);
      await client.openAndWait(uri, text);
      const withDrift = client.diagnostics(uri, (p) => drift(p).length > 0);
      await client.request(CompareWithVaultRequest.method, { uri, files: vault() });
      await withDrift;
      const without = client.diagnostics(uri, (p) => drift(p).length === 0);
      assert.deepEqual(await client.request(ClearVaultComparisonRequest.method, { uri }), { cleared: true });
      await without;
      assert.equal((await client.send(LandingsRequest, { uri })).drift, null);
      assert.deepEqual(await client.request(ClearVaultComparisonRequest.method, { uri }), { cleared: false });

      // Compared again, closed, reopened: not compared any more.
      await client.request(CompareWithVaultRequest.method, { uri, files: vault() });
      await client.close(uri);
      const reopened = await client.openAndWait(uri, text, 5);
      assert.deepEqual(drift(reopened), []);
      assert.equal((await client.send(LandingsRequest, { uri })).drift, null);
    });

    it('applies the user\'s severity to the drift codes ("off" hides them) and counts them in maxProblems, in file order', async () => {
      const uri = uriFor('settings');
      const text = withoutFirstMapping(imported.text);
      await client.openAndWait(uri, text);
      const withDrift = client.diagnostics(uri, (p) => drift(p).length > 0);
      const r = await client.send(CompareWithVaultRequest, { uri, files: vault() });
      const all = await withDrift;
      const codes = [...new Set(r.drift.map((d) => d.code))];
      const starts = all.diagnostics.map((d) => d.range.start.line * 1e6 + d.range.start.character);
      assert.deepEqual(starts, [...starts].sort((x, y) => x - y), 'drift merged in file order');
      try {
        client.settings = { diagnostics: { severity: Object.fromEntries(codes.map((c) => [c, 'hint'])) } };
        let next = client.diagnostics(uri, (p) => drift(p).length > 0 && drift(p).every((d) => d.severity === 4));
        await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
        await next;
        client.settings = { diagnostics: { severity: Object.fromEntries(codes.map((c) => [c, 'off'])) } };
        next = client.diagnostics(uri, (p) => drift(p).length === 0 && p.diagnostics.length === all.diagnostics.length - drift(all).length);
        await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
        await next;
        client.settings = { diagnostics: { maxProblems: 1 } };
        next = client.diagnostics(uri, (p) => p.diagnostics.length === 1);
        await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
        assert.deepEqual((await next).diagnostics[0], all.diagnostics[0], 'the first in file order is kept');
      } finally {
        client.settings = {};
        await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      }
    });

    it('refuses a document that is not open, and a bad vault export (naming it, keeping no comparison)', async () => {
      const closed = await refused(client.request(CompareWithVaultRequest.method, { uri: uriFor('never-opened'), files: vault() }));
      assert.equal(closed.code, -32602);
      assert.match(closed.message, /is not open/);

      const uri = uriFor('bad-vault');
      await client.openAndWait(uri, imported.text);
      const err = await refused(client.request(CompareWithVaultRequest.method, { uri, files: [wire('broken-vault.json', '{"value": [', 'asr')] }));
      assert.equal(err.code, -32602);
      assert.equal(err.data?.file, 'broken-vault.json');
      assert.equal((await client.send(LandingsRequest, { uri })).drift, null);
      assert.deepEqual(await client.request(ClearVaultComparisonRequest.method, { uri }), { cleared: false });
      await stillServes();
    });
  });
});
