/**
 * The VS Code side of the estate, its pure parts: recognising an export's kind from its first
 * bytes (UTF-8 and UTF-16 with a BOM), base64 of the files' bytes (Node and browser paths),
 * where a drift without a plan node is shown, and the panel's drift rows and their guards.
 */
import * as assert from 'node:assert/strict';
import { recognizeKind, peekText } from '../../src/client/estate/recognize';
import { toPanelData } from '../../src/client/panel/locate';
import { base64ToBytes, bytesToBase64, type DriftRow } from '../../src/protocol';
import { isLandingsResponse, isPanelData, isWebviewMessage } from '../../src/protocol';
import { NY_TEXT, panelDataFor, responseFor } from './helpers/panel';
import { analyze } from '../../src/core/analysis';
import { driftShownAt, type Drift, type DriftKind } from '../../src/core/estate';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
function utf16(s: string, be = false): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = be ? 0xfe : 0xff;
  out[1] = be ? 0xff : 0xfe;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 + i * 2] = be ? c >> 8 : c & 0xff;
    out[3 + i * 2] = be ? c & 0xff : c >> 8;
  }
  return out;
}

const VMM = JSON.stringify({ VMMServer: 'VMM-SEA01', LogicalNetworks: [{ Name: 'Corp' }], VMs: [{ Name: 'vm1', VirtualNetworkAdapters: [] }] }, null, 2);
const ASR_REST = JSON.stringify({ value: [{ id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/replicationFabrics/f/replicationNetworks/n/replicationNetworkMappings/m', type: 'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationNetworks/replicationNetworkMappings', properties: { primaryNetworkFriendlyName: 'A', recoveryNetworkId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet' } }] });
const ASR_PS = JSON.stringify([{ Name: 'm1', PrimaryNetworkFriendlyName: 'A', RecoveryNetworkFriendlyName: 'B', RecoveryNetworkId: '/x' }]);
const VNETS_ARM = JSON.stringify({ value: [{ name: 'vnet', type: 'Microsoft.Network/virtualNetworks', properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [] } }] });
const VNETS_AZ = JSON.stringify([{ name: 'vnet', resourceGroup: 'rg', addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'a', addressPrefix: '10.0.1.0/24' }] }]);

describe('estate: recognising an export', () => {
  const cases: [string, string, string | undefined][] = [
    ['vmm.json', VMM, 'vmm'],
    ['export.json', ASR_REST, 'asr'],
    ['mappings.json', ASR_PS, 'asr'],
    ['fabrics.json', JSON.stringify([{ Name: 'f', FriendlyName: 'VMM-SEA01', FabricType: 'VMM', FabricSpecificDetails: {} }]), 'asr'],
    ['containers.json', JSON.stringify([{ Name: 'c', PrimaryProtectionContainerFriendlyName: 'Prod-SEA', RecoveryProtectionContainerFriendlyName: 'Microsoft Azure' }]), 'asr'],
    ['networks.json', VNETS_ARM, 'vnets'],
    ['networks.json', VNETS_AZ, 'vnets'],
    ['data.json', '{"value": []}', undefined],
    ['data.json', '{ "VMMServer": "x", "addressSpace": {} }', undefined],
    ['vnets.json', '{ "VMMServer": "x", "addressSpace": {} }', 'vnets'],
    ['notes.json', 'not json at all', undefined],
  ];
  for (const [name, text, kind] of cases) {
    it(`${name} ${text.slice(0, 40).replace(/\s+/g, ' ')}… is ${kind ?? 'unclear'}`, () => {
      assert.equal(recognizeKind(name, utf8(text)), kind);
    });
  }

  it('reads UTF-8 with a BOM and UTF-16 LE and BE with a BOM (Windows PowerShell 5.1 writes UTF-16 LE)', () => {
    assert.equal(recognizeKind('a.json', utf8(`\ufeff${VMM}`)), 'vmm');
    assert.equal(recognizeKind('a.json', utf16(VMM)), 'vmm');
    assert.equal(recognizeKind('a.json', utf16(ASR_PS, true)), 'asr');
    assert.equal(peekText(utf16('{"a": 1}')), '{"a": 1}');
  });

  it('an empty file is unclear', () => {
    assert.equal(recognizeKind('x.json', new Uint8Array()), undefined);
  });
});

describe('estate: base64 of the files', () => {
  const sample = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256);

  it('round-trips every byte value through the Node path', () => {
    assert.deepEqual(base64ToBytes(bytesToBase64(sample)), sample);
    assert.equal(bytesToBase64(utf8('Man')), 'TWFu');
  });

  it('the browser path (no Buffer) gives the same text and bytes', () => {
    const g = globalThis as { Buffer?: unknown };
    const saved = g.Buffer;
    const node = bytesToBase64(sample);
    const short = [0, 1, 2, 3, 4, 5].map((n) => ({ bytes: sample.subarray(100, 100 + n), text: Buffer.from(sample.subarray(100, 100 + n)).toString('base64') }));
    try {
      g.Buffer = undefined;
      assert.equal(bytesToBase64(sample), node);
      assert.deepEqual(base64ToBytes(node), sample);
      for (const { bytes, text } of short) {
        assert.equal(bytesToBase64(bytes), text, `${bytes.length} bytes`);
        assert.deepEqual(base64ToBytes(text), bytes);
      }
    } finally {
      g.Buffer = saved;
    }
  });

  it('refuses what is not base64', () => {
    assert.throws(() => base64ToBytes('a*b='), /not base64/);
    assert.throws(() => base64ToBytes('abcde'), /not base64/);
  });
});

describe('estate: where a drift without a plan node is shown', () => {
  const text = '# plan\nversion: 1\nprotection:\n  - protected: A\n    toAzure: true\nnetworkMappings: []\n';
  const drift = (kind: DriftKind): Drift => ({ kind, subject: 's', plan: null, vault: 'v', message: 'm', code: 'TOP071' });
  const shown = (t: string, kind: DriftKind): string => {
    const s = driftShownAt(analyze(t), drift(kind));
    return t.slice(s.start, s.end);
  };

  it('on its top-level key', () => {
    assert.equal(shown(text, 'mapping-extra'), 'networkMappings');
    assert.equal(shown(text, 'pair-extra'), 'protection');
  });

  it('on the first key when its own is missing, at 0 in an empty file', () => {
    assert.equal(shown(text, 'nic-ip'), 'version');
    assert.deepEqual(driftShownAt(analyze(''), drift('nic-ip')), { start: 0, end: 0 });
  });

  it('never on a nested key of the same name', () => {
    const nested = 'version: 1\nsites:\n  - name: x\n    vms: 1\nvms:\n  - name: a\n';
    const s = driftShownAt(analyze(nested), drift('nic-ip'));
    assert.equal(s.start, nested.indexOf('\nvms:') + 1);
  });
});

describe('estate: the panel\'s drift section data', () => {
  const row = (over: Partial<DriftRow> = {}): DriftRow => ({
    kind: 'mapping-target', subject: 'Servers-SEA', plan: 'vnet-a', vault: 'vnet-b', message: 'differs', code: 'TOP071',
    node: { start: 10, end: 20 }, shownAt: { start: 10, end: 20 }, ...over,
  });

  it('maps the server\'s rows to the webview\'s, a row without a plan node not revealable; none when not compared', () => {
    const { response, diagnostics } = responseFor(NY_TEXT);
    const compared = toPanelData({ ...response, drift: [row(), row({ kind: 'mapping-extra', plan: null, node: null, shownAt: { start: 0, end: 5 } })] },
      diagnostics, 'file:///x.topology.yaml', 'x.topology.yaml');
    assert.deepEqual(compared.drift?.map((d) => [d.kind, d.inPlan, d.plan]), [['mapping-target', true, 'vnet-a'], ['mapping-extra', false, null]]);
    assert.ok(isPanelData(compared));
    assert.equal(toPanelData({ ...response, drift: null }, diagnostics, 'file:///x', 'x').drift, null);
    assert.equal(toPanelData(response, diagnostics, 'file:///x', 'x').drift, null);
  });

  it('the guards refuse a malformed drift row, and check the drift messages', () => {
    const { response } = responseFor(NY_TEXT);
    assert.ok(isLandingsResponse({ ...response, drift: [row()] }));
    assert.ok(!isLandingsResponse({ ...response, drift: [{ ...row(), shownAt: null }] }));
    assert.ok(!isLandingsResponse({ ...response, drift: 'x' }));
    const data = panelDataFor(NY_TEXT);
    assert.ok(!isPanelData({ ...data, drift: [{ kind: 'x' }] }));
    assert.ok(isWebviewMessage({ type: 'revealDrift', index: 0, version: 3 }));
    assert.ok(isWebviewMessage({ type: 'clearDrift' }));
    assert.ok(!isWebviewMessage({ type: 'revealDrift', index: -1, version: 3 }));
    assert.ok(!isWebviewMessage({ type: 'revealDrift', index: 0 }));
  });
});
