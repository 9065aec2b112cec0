/**
 * Every semantic rule (TOP010-TOP062): cases that fire, on the exact node marked ⟦ ⟧ in the
 * text, and cases that must not fire.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/analysis';
import type { DiagnosticCode } from '../../src/core/types';
import { parseMarkers } from './helpers/markers';
import { NY_CHICAGO, NY_CHICAGO_SITES, withCode } from './helpers/topologies';

/** Asserts that `code` fires exactly on the marked spans (in order), and returns the diagnostics. */
function firesOn(marked: string, code: DiagnosticCode) {
  const m = parseMarkers(marked);
  const a = analyze(m.text);
  const found = withCode(a, code);
  assert.deepEqual(
    found.map((d) => m.text.slice(d.span.start, d.span.end)),
    m.spans.map((s) => m.text.slice(s.start, s.end)),
    `${code} texts: ${found.map((d) => d.message).join(' | ')}`,
  );
  assert.deepEqual(found.map((d) => ({ start: d.span.start, end: d.span.end })), m.spans, `${code} spans`);
  return found;
}

function silent(text: string, code: DiagnosticCode): void {
  const found = withCode(analyze(text), code);
  assert.deepEqual(found.map((d) => d.message), [], `${code} should not fire`);
}

const TWO_SITES = `version: 1
sites:
  - name: A
    vmmServer: VMM-A
    logicalNetworks: [{ name: LA }, { name: LA2 }]
    vmNetworks:
      - name: NetA
        logicalNetwork: LA
        subnets: [{ name: S1, addressPrefix: 10.0.0.0/24 }]
      - name: NetA2
        logicalNetwork: LA2
        subnets: [{ name: S1 }]
    clouds:
      - { name: CA, logicalNetworks: [LA] }
  - name: B
    vmmServer: VMM-B
    logicalNetworks: [{ name: LB }]
    vmNetworks:
      - name: NetB
        logicalNetwork: LB
        subnets: [{ name: S1 }]
    clouds:
      - { name: CB, logicalNetworks: [LB] }
`;

describe('rules', () => {
  it('the spec example has no errors', () => {
    const a = analyze(NY_CHICAGO);
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  });

  describe('TOP010 duplicate names', () => {
    it('flags the later name in each namespace', () => {
      firesOn(`${TWO_SITES}  - name: ⟦A⟧
    vmmServer: VMM-C
    clouds: [{ name: ⟦CA⟧, logicalNetworks: [] }]
    vmNetworks:
      - { name: ⟦NetB⟧, subnets: [{ name: X }, { name: ⟦X⟧ }] }
vms:
  - { name: V, cloud: CB }
  - { name: ⟦V⟧, cloud: CB }
`, 'TOP010');
    });

    it('shares logical networks between sites on one VMM server, and keeps separate servers apart', () => {
      firesOn(`version: 1
sites:
  - { name: A, vmmServer: VMM, logicalNetworks: [{ name: L }] }
  - { name: A2, vmmServer: VMM, logicalNetworks: [{ name: ⟦L⟧ }] }
  - { name: B, vmmServer: OTHER, logicalNetworks: [{ name: L }] }
`, 'TOP010');
    });

    it('puts VM networks and Azure virtual networks in one namespace', () => {
      firesOn(`${TWO_SITES}azure:
  virtualNetworks:
    - { name: ⟦NetA⟧ }
`, 'TOP010');
    });
  });

  describe('TOP011 unknown names', () => {
    it('flags each unknown reference with a did-you-mean', () => {
      const d = firesOn(`${TWO_SITES}protection:
  - { protected: CA, protecting: ⟦CBB⟧ }
networkMappings:
  - { source: ⟦NetAA⟧, target: NetB }
vms:
  - { name: V, cloud: CA, network: NetA, subnet: ⟦s1⟧ }
`, 'TOP011');
      assert.match(d[0]!.message, /did you mean 'CB'/);
      assert.deepEqual(d[1]!.fix, { kind: 'rename', suggestions: ['NetA', 'NetA2'] });
      assert.match(d[2]!.message, /subnet 's1' in network 'NetA'.*did you mean 'S1'/);
    });

    it("resolves a VM network's logical network on its own VMM server only", () => {
      firesOn(`version: 1
sites:
  - name: A
    vmmServer: VMM-A
    logicalNetworks: [{ name: LA }]
  - name: B
    vmmServer: VMM-B
    vmNetworks: [{ name: N, logicalNetwork: ⟦LA⟧ }]
    clouds: [{ name: C, logicalNetworks: [⟦LA⟧] }]
`, 'TOP011');
    });

    it('stays silent on the spec example', () => { silent(NY_CHICAGO, 'TOP011'); });
  });

  describe('TOP012 wrong kind of reference', () => {
    it('flags an Azure source, a NIC on an Azure network, a cloud protecting itself, a self-mapping', () => {
      firesOn(`${TWO_SITES}azure:
  virtualNetworks: [{ name: vnet, subnets: [{ name: S1 }] }]
protection:
  - { protected: CA, protecting: ⟦CA⟧ }
networkMappings:
  - { source: ⟦vnet⟧, target: NetB }
  - { source: NetA, target: ⟦NetA⟧ }
vms:
  - { name: V, cloud: CB, network: ⟦vnet⟧ }
`, 'TOP012');
    });

    it('flags Azure-only replica settings on a VMM-to-VMM pair', () => {
      firesOn(`${TWO_SITES}protection: [{ protected: CA, protecting: CB }]
networkMappings: [{ source: NetA, target: NetB }]
vms:
  - { name: V, cloud: CA, network: NetA, targetSubnet: ⟦S1⟧, targetIpAddress: ⟦10.0.0.9⟧ }
`, 'TOP012');
    });
  });

  describe('TOP020 unmapped network', () => {
    it("flags a protected NIC's network, with the targets a mapping could use", () => {
      const [d] = firesOn(`${TWO_SITES}protection: [{ protected: CA, protecting: CB }]
vms:
  - { name: V, cloud: CA, network: ⟦NetA⟧ }
`, 'TOP020');
      assert.deepEqual(d!.fix, { kind: 'addMapping', source: 'NetA', targets: ['NetB'] });
      assert.match(d!.message, /replica of VM 'V' in cloud 'CB' doesn't connect to any network/);
    });

    it('stays silent for a VM whose cloud is not protected', () => {
      silent(`${TWO_SITES}vms:\n  - { name: V, cloud: CA, network: NetA }\n`, 'TOP020');
    });

    it('asks for an Azure mapping when the pair replicates to Azure, even if a VMM mapping exists', () => {
      firesOn(`${TWO_SITES}protection: [{ protected: CA, toAzure: true }]
networkMappings: [{ source: NetA, target: NetB }]
vms:
  - { name: V, cloud: CA, network: ⟦NetA⟧ }
`, 'TOP020');
    });
  });

  describe('TOP022 second mapping', () => {
    it("flags the later mapping's source of the same kind, not one of another kind", () => {
      firesOn(`${TWO_SITES}  - name: C
    vmmServer: VMM-C
    logicalNetworks: [{ name: LC }]
    vmNetworks: [{ name: NetC, logicalNetwork: LC }]
azure:
  virtualNetworks: [{ name: vnet }]
networkMappings:
  - { source: NetA, target: NetB }
  - { source: NetA, target: vnet }
  - { source: ⟦NetA⟧, target: NetC }
`, 'TOP022');
    });
  });

  describe('TOP040 / TOP041 the way back', () => {
    const fwd = `${TWO_SITES}protection: [{ protected: CA, protecting: CB }]
networkMappings:
  - { source: NetA, target: ⟦NetB⟧ }
`;
    it('TOP040 when replicas land on a target that maps back nowhere', () => {
      firesOn(`${fwd}vms:\n  - { name: V, cloud: CA, network: NetA }\n`, 'TOP040');
    });
    it('no TOP040 while no replica lands there', () => { silent(parseMarkers(fwd).text, 'TOP040'); });
    it('TOP041 when the target maps back to another network', () => {
      firesOn(`${fwd}  - { source: NetB, target: NetA2 }\nvms:\n  - { name: V, cloud: CA, network: NetA }\n`, 'TOP041');
    });
    it('neither when it maps back to the source', () => {
      const t = parseMarkers(`${fwd}  - { source: NetB, target: NetA }\nvms:\n  - { name: V, cloud: CA, network: NetA }\n`).text;
      silent(t, 'TOP040');
      silent(t, 'TOP041');
    });
  });

  describe('TOP042 replica moved', () => {
    it('says where the VM lands on failback, on the replica value', () => {
      const [d] = firesOn(`${TWO_SITES}protection: [{ protected: CA, protecting: CB }]
networkMappings:
  - { source: NetA, target: NetB }
  - { source: NetB, target: NetA }
vms:
  - name: V
    cloud: CA
    network: NetA
    replica: ⟦{ network: NetB, subnet: S1 }⟧
`, 'TOP042');
      assert.match(d!.message, /on failback VM 'V' connects to 'NetA' \/ S1/);
    });
    it('stays silent without a replica setting', () => { silent(NY_CHICAGO, 'TOP042'); });
  });

  describe('TOP050 / TOP051 protection', () => {
    it("TOP050 on an unprotected VM's cloud", () => {
      firesOn(`${TWO_SITES}vms:\n  - { name: V, cloud: ⟦CA⟧, network: NetA }\n`, 'TOP050');
    });
    it('TOP051 on a cloud in a second pair, in either role', () => {
      firesOn(`${TWO_SITES}  - name: C
    vmmServer: VMM-C
    clouds: [{ name: CC, logicalNetworks: [] }]
protection:
  - { protected: CA, protecting: CB }
  - { protected: ⟦CA⟧, toAzure: true }
  - { protected: CC, protecting: ⟦CB⟧ }
`, 'TOP051');
    });
  });

  describe('TOP052 network outside the cloud', () => {
    it("flags a NIC whose network's logical network the cloud lacks", () => {
      firesOn(`${TWO_SITES}vms:\n  - name: V\n    cloud: CA\n    nics: [{ network: NetA }, { network: ⟦NetA2⟧ }]\n`, 'TOP052');
    });
  });

  describe('TOP060-TOP062 addresses', () => {
    it('TOP060 on an ipAddress outside its subnet', () => {
      firesOn(`${TWO_SITES}vms:
  - { name: V1, cloud: CA, network: NetA, subnet: S1, ipAddress: 10.0.0.7 }
  - { name: V2, cloud: CA, network: NetA, subnet: S1, ipAddress: ⟦10.0.1.7⟧ }
`, 'TOP060');
    });
    it('TOP061 on a second NIC with the same address in the same network only', () => {
      firesOn(`${TWO_SITES}vms:
  - { name: V1, cloud: CA, network: NetA, ipAddress: 10.0.0.7 }
  - { name: V2, cloud: CA, network: NetA, ipAddress: ⟦10.0.0.7⟧ }
  - { name: V3, cloud: CA, network: NetA2, ipAddress: 10.0.0.7 }
`, 'TOP061');
    });

    it('TOP061 compares IPv6 addresses by value, not by how they are written', () => {
      // As text these differ; as addresses they are one: 2001:db8::1.
      firesOn(`${TWO_SITES}vms:
  - { name: V1, cloud: CA, network: NetA, ipAddress: '2001:db8::1' }
  - { name: V2, cloud: CA, network: NetA, ipAddress: ⟦'2001:0db8:0::1'⟧ }
  - { name: V3, cloud: CA, network: NetA, ipAddress: '2001:db8::2' }
`, 'TOP061');
    });

    const azure = (vms: string): string => `${TWO_SITES}azure:
  virtualNetworks:
    - name: vnet
      subnets: [{ name: S1, addressPrefix: 10.9.0.0/24 }]
protection: [{ protected: CA, toAzure: true }]
networkMappings: [{ source: NetA, target: vnet }]
vms:
${vms}`;
    it('TOP061 on two replicas with one targetIpAddress', () => {
      firesOn(azure(`  - { name: V1, cloud: CA, network: NetA, targetIpAddress: 10.9.0.10 }
  - { name: V2, cloud: CA, network: NetA, targetIpAddress: ⟦10.9.0.10⟧ }
`), 'TOP061');
    });
    it('TOP062 on a targetIpAddress outside the target subnet or kept by Azure', () => {
      firesOn(azure(`  - { name: V1, cloud: CA, network: NetA, targetIpAddress: ⟦10.8.0.10⟧ }
  - { name: V2, cloud: CA, network: NetA, targetIpAddress: ⟦10.9.0.3⟧ }
  - { name: V3, cloud: CA, network: NetA, targetIpAddress: ⟦10.9.0.255⟧ }
  - { name: V4, cloud: CA, network: NetA, targetIpAddress: 10.9.0.4 }
`), 'TOP062');
    });
  });

  it("TOP020's quick fix offers no network of the protected cloud's own site (two sites on one VMM server)", () => {
    // Sites A and B share VMM-1, so B's cloud can use A's logical network LN1: NetX (site A)
    // would be 'available' to CA → CB, but a mapping NetX → NetX, or to another network of
    // site A, is no disaster recovery target. Only NetY, in site B, may be offered.
    const a = analyze(`version: 1
sites:
  - name: A
    vmmServer: VMM-1
    logicalNetworks: [{ name: LN1 }]
    vmNetworks:
      - { name: NetX, logicalNetwork: LN1 }
      - { name: NetX2, logicalNetwork: LN1 }
    clouds: [{ name: CA, logicalNetworks: [LN1] }]
  - name: B
    vmmServer: VMM-1
    vmNetworks:
      - { name: NetY, logicalNetwork: LN1 }
    clouds: [{ name: CB, logicalNetworks: [LN1] }]
protection: [{ protected: CA, protecting: CB }]
vms:
  - { name: V1, cloud: CA, network: NetX }
`);
    const top020 = withCode(a, 'TOP020');
    assert.equal(top020.length, 1, top020.map((d) => d.message).join(' | '));
    const fix = top020[0]?.fix;
    assert.ok(fix?.kind === 'addMapping', 'TOP020 carries an addMapping fix');
    assert.equal(fix.source, 'NetX');
    assert.deepEqual(fix.targets, ['NetY']);
  });

  it('TOP021 names the pair and the logical network in its message', () => {
    const a = analyze(`${NY_CHICAGO_SITES}networkMappings:\n  - { source: VMNetwork2-NewYork, target: VMNetwork2-Chicago }\n`);
    assert.match(withCode(a, 'TOP021')[0]?.message ?? '', /SilverCloud1 → SilverCloud2.*'LogicalNetwork2Chicago'/);
  });
});
