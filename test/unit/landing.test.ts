/**
 * Where replicas land (spec §3), with the article's tables encoded as tests: the mapping
 * example, target network availability per cloud pair, and the four failback scenarios.
 */
import * as assert from 'node:assert/strict';
import { NY_CHICAGO, NY_CHICAGO_SITES, analyze, landingOf, where, withCode } from './helpers/topologies';

describe('landings: the spec example (New York / Chicago)', () => {
  const a = analyze(NY_CHICAGO);

  it('VM1 fails over to VMNetwork1-Chicago / Subnet-A by name and fails back to VMNetwork1-NewYork', () => {
    assert.deepEqual(where(landingOf(a, 'VM1')), {
      failover: 'VMNetwork1-Chicago/Subnet-A (name-match)',
      failback: 'VMNetwork1-NewYork/Subnet-A',
    });
    assert.equal(landingOf(a, 'VM1').failover.pair?.protectingCloud?.name.value, 'GoldCloud2');
  });

  it("VM3's first NIC doesn't connect: VMNetwork2-NewYork is not mapped", () => {
    const l = landingOf(a, 'VM3', 0);
    assert.deepEqual(where(l), { failover: 'not-connected:unmapped', failback: 'disconnected' });
  });

  it("VM3's second NIC lands on VMNetwork1-Chicago / Subnet-A (available to SilverCloud1 → SilverCloud2)", () => {
    assert.equal(where(landingOf(a, 'VM3', 1)).failover, 'VMNetwork1-Chicago/Subnet-A (name-match)');
  });

  it('gives one landing per NIC, in document order', () => {
    assert.deepEqual(
      a.landings.map((l) => `${l.vm.name.value}#${l.nic.index}`),
      ['VM1#0', 'VM3#0', 'VM3#1'],
    );
  });

  it('predicts no IP address for a VMM target (pool or DHCP)', () => {
    assert.equal(landingOf(a, 'VM1').failover.ipAddress, null);
  });
});

describe("landings: the article's mapping example", () => {
  // VMNetwork1-NewYork ↔ VMNetwork1-Chicago are mapped; VMNetwork2-NewYork and VMNetwork2-Chicago are not.
  const text = `${NY_CHICAGO_SITES}networkMappings:
  - source: VMNetwork1-NewYork
    target: VMNetwork1-Chicago
  - source: VMNetwork1-Chicago
    target: VMNetwork1-NewYork
vms:
  - name: OnNet1
    cloud: GoldCloud1
    network: VMNetwork1-NewYork
  - name: OnNet2
    cloud: GoldCloud1
    network: VMNetwork2-NewYork
`;
  const a = analyze(text);

  it('a replica of a VM on VMNetwork1-NewYork connects to VMNetwork1-Chicago', () => {
    assert.equal(landingOf(a, 'OnNet1').failover.target?.name.value, 'VMNetwork1-Chicago');
  });

  it("a replica of a VM on VMNetwork2-NewYork doesn't connect to any network, and TOP020 says so", () => {
    assert.equal(landingOf(a, 'OnNet2').failover.status, 'not-connected');
    const top020 = withCode(a, 'TOP020');
    assert.equal(top020.length, 1);
    assert.match(top020[0]!.message, /VMNetwork2-NewYork.*doesn't connect to any network/);
  });
});

describe("landings: the article's target network availability table", () => {
  const text = `${NY_CHICAGO_SITES}networkMappings:
  - source: VMNetwork1-NewYork
    target: VMNetwork1-Chicago
  - source: VMNetwork2-NewYork
    target: VMNetwork2-Chicago
`;
  const a = analyze(text);
  const table = a.availability.map(
    (r) => `${r.target.name.value} | ${r.pair.protectedCloud.name.value} | ${r.pair.protectingCloud?.name.value ?? '?'} | ${r.available ? 'Available' : 'Not available'}`,
  );

  it('matches the article row for row', () => {
    assert.deepEqual(new Set(table), new Set([
      'VMNetwork1-Chicago | GoldCloud1 | GoldCloud2 | Available',
      'VMNetwork1-Chicago | SilverCloud1 | SilverCloud2 | Available',
      'VMNetwork2-Chicago | GoldCloud1 | GoldCloud2 | Available',
      'VMNetwork2-Chicago | SilverCloud1 | SilverCloud2 | Not available',
    ]));
    assert.equal(table.length, 4);
  });

  it('names the logical network SilverCloud2 lacks', () => {
    const row = a.availability.find((r) => !r.available);
    assert.equal(row?.missingLogicalNetwork, 'LogicalNetwork2Chicago');
  });

  it('flags the unavailable target once, as a warning while no VM of SilverCloud1 is on the source', () => {
    const top021 = withCode(a, 'TOP021');
    assert.equal(top021.length, 1);
    assert.equal(top021[0]!.severity, 'warning');
    assert.equal(text.slice(top021[0]!.span.start, top021[0]!.span.end), 'VMNetwork2-Chicago');
  });

  it('makes it an error once a VM of SilverCloud1 is on the source, and that replica does not connect', () => {
    const b = analyze(`${text}vms:
  - name: Silver
    cloud: SilverCloud1
    network: VMNetwork2-NewYork
  - name: Gold
    cloud: GoldCloud1
    network: VMNetwork2-NewYork
`);
    assert.deepEqual(withCode(b, 'TOP021').map((d) => d.severity), ['error']);
    assert.equal(where(landingOf(b, 'Silver')).failover, 'not-connected:unavailable');
    assert.equal(where(landingOf(b, 'Gold')).failover, 'VMNetwork2-Chicago/Subnet-A (first-subnet)');
  });
});

describe("landings: the article's failback scenarios", () => {
  // VMNetwork1-NewYork maps to VMNetwork1-Chicago; VM1 is on VMNetwork1-NewYork.
  const base = (mappingBack: string, replica = ''): string => `${NY_CHICAGO_SITES}networkMappings:
  - source: VMNetwork1-NewYork
    target: VMNetwork1-Chicago
${mappingBack}vms:
  - name: VM1
    cloud: GoldCloud1
    network: VMNetwork1-NewYork
    subnet: Subnet-A
${replica}`;
  const back = '  - source: VMNetwork1-Chicago\n    target: VMNetwork1-NewYork\n';

  it('no change in the replica after failover: VM1 stays connected to the source network', () => {
    assert.equal(where(landingOf(analyze(base(back)), 'VM1')).failback, 'VMNetwork1-NewYork/Subnet-A');
  });

  it('the replica is disconnected after failover: VM1 disconnects', () => {
    const a = analyze(base(back, '    replica:\n      network: null\n'));
    assert.equal(where(landingOf(a, 'VM1')).failback, 'disconnected');
    assert.match(withCode(a, 'TOP042')[0]?.message ?? '', /disconnects/);
  });

  it('the replica moves to VMNetwork2-Chicago, which is not mapped: VM1 disconnects', () => {
    const a = analyze(base(back, '    replica:\n      network: VMNetwork2-Chicago\n'));
    assert.equal(where(landingOf(a, 'VM1')).failback, 'disconnected');
    assert.equal(landingOf(a, 'VM1').failback.why, 'replica-unmapped');
  });

  it('the mapping of VMNetwork1-Chicago changes: VM1 connects to the network now mapped', () => {
    const changed = '  - source: VMNetwork1-Chicago\n    target: VMNetwork2-NewYork\n';
    const a = analyze(base(changed));
    assert.equal(where(landingOf(a, 'VM1')).failback, 'VMNetwork2-NewYork/Subnet-A');
    assert.equal(withCode(a, 'TOP041').length, 1);
  });

  it('no mapping back at all: VM1 disconnects on failback and TOP040 offers the reverse mapping', () => {
    const a = analyze(base(''));
    assert.equal(where(landingOf(a, 'VM1')).failback, 'disconnected');
    const d = withCode(a, 'TOP040');
    assert.equal(d.length, 1);
    assert.deepEqual(d[0]!.fix, { kind: 'addMapping', source: 'VMNetwork1-Chicago', targets: ['VMNetwork1-NewYork'] });
  });
});

describe('landings: subnets', () => {
  const vmnet = (subnets: string): string => `version: 1
sites:
  - name: A
    vmmServer: VMM-A
    logicalNetworks: [{ name: LA }]
    vmNetworks:
      - name: NetA
        logicalNetwork: LA
        subnets: [{ name: Front }, { name: Back }]
    clouds: [{ name: CA, logicalNetworks: [LA] }]
  - name: B
    vmmServer: VMM-B
    logicalNetworks: [{ name: LB }]
    vmNetworks:
      - name: NetB
        logicalNetwork: LB
        subnets: ${subnets}
    clouds: [{ name: CB, logicalNetworks: [LB] }]
protection:
  - { protected: CA, protecting: CB }
networkMappings:
  - { source: NetA, target: NetB }
vms:
  - { name: V, cloud: CA, network: NetA, subnet: Back }
`;

  it('matches subnet names without regard to case', () => {
    assert.equal(where(landingOf(analyze(vmnet('[{ name: front }, { name: BACK }]')), 'V')).failover, 'NetB/BACK (name-match)');
  });

  it('falls back to the first listed subnet of a VM network, with TOP030 on the subnet value', () => {
    const a = analyze(vmnet('[{ name: Zeta }, { name: Alpha }]'));
    assert.equal(where(landingOf(a, 'V')).failover, 'NetB/Zeta (first-subnet)');
    const d = withCode(a, 'TOP030');
    assert.equal(d.length, 1);
    assert.equal(a.text.slice(d[0]!.span.start, d[0]!.span.end), 'Back');
  });

  it('connects with no subnet when the target has none, and TOP031 warns on the mapping', () => {
    const a = analyze(vmnet('[]'));
    assert.equal(where(landingOf(a, 'V')).failover, 'NetB/- (none)');
    assert.equal(withCode(a, 'TOP031').length, 1);
    assert.equal(withCode(a, 'TOP030').length, 0);
  });
});

describe('landings: to Azure', () => {
  const azure = (vms: string, extra = ''): string => `version: 1
sites:
  - name: A
    vmmServer: VMM-A
    logicalNetworks: [{ name: LA }]
    vmNetworks:
      - name: NetA
        logicalNetwork: LA
        subnets: [{ name: Web, addressPrefix: 192.168.1.0/24 }]
      - name: NetA2
        logicalNetwork: LA
        subnets: [{ name: Db }]
    clouds: [{ name: CA, logicalNetworks: [LA] }]
azure:
  vaultLocation: eastus
  virtualNetworks:
    - name: vnet
      location: eastus
      subnets:
        - { name: zeta, addressPrefix: 10.0.9.0/24 }
        - { name: Web, addressPrefix: 10.0.1.0/29 }
        - { name: apps, addressPrefix: 10.0.2.0/24 }
    - name: vnet2
      location: ${extra || 'eastus'}
      subnets: [{ name: only, addressPrefix: 10.5.0.0/24 }]
protection:
  - { protected: CA, toAzure: true }
networkMappings:
  - { source: NetA, target: vnet }
  - { source: NetA2, target: vnet2 }
vms:
${vms}`;

  it('predicts the next free address after the four Azure keeps, in document order', () => {
    const a = analyze(azure(`  - { name: V1, cloud: CA, network: NetA, subnet: Web }
  - { name: V2, cloud: CA, network: NetA, subnet: Web }
`));
    assert.equal(where(landingOf(a, 'V1')).failover, 'vnet/Web (name-match) 10.0.1.4');
    assert.equal(where(landingOf(a, 'V2')).failover, 'vnet/Web (name-match) 10.0.1.5');
    assert.equal(landingOf(a, 'V1').failover.ipSource, 'predicted');
  });

  it('skips every targetIpAddress first, even one written later in the file', () => {
    const a = analyze(azure(`  - { name: V1, cloud: CA, network: NetA, subnet: Web }
  - { name: V2, cloud: CA, network: NetA, subnet: Web, targetIpAddress: 10.0.1.4 }
`));
    assert.equal(landingOf(a, 'V1').failover.ipAddress, '10.0.1.5');
    assert.equal(landingOf(a, 'V2').failover.ipAddress, '10.0.1.4');
    assert.equal(landingOf(a, 'V2').failover.ipSource, 'target-setting');
  });

  it('stops predicting when the subnet is full (Azure keeps the last address too)', () => {
    // A /29 has 8 addresses: .0-.3 and .7 are kept, so .4, .5 and .6 are free.
    const vms = [1, 2, 3, 4].map((i) => `  - { name: V${i}, cloud: CA, network: NetA, subnet: Web }\n`).join('');
    const a = analyze(azure(vms));
    assert.deepEqual(a.landings.map((l) => l.failover.ipAddress), ['10.0.1.4', '10.0.1.5', '10.0.1.6', null]);
  });

  it('uses the first subnet in alphabetical order of an Azure network when no name matches', () => {
    const a = analyze(azure('  - { name: V, cloud: CA, network: NetA, subnet: Other }\n'));
    assert.equal(where(landingOf(a, 'V')).failover, 'vnet/apps (first-subnet) 10.0.2.4');
  });

  it('lets targetSubnet override the subnet rule', () => {
    const a = analyze(azure('  - { name: V, cloud: CA, network: NetA, subnet: Web, targetSubnet: zeta }\n'));
    assert.equal(where(landingOf(a, 'V')).failover, 'vnet/zeta (target-setting) 10.0.9.4');
  });

  it('reports a targetSubnet that the target network lacks (TOP011) and falls back to the rules', () => {
    const a = analyze(azure('  - { name: V, cloud: CA, network: NetA, subnet: Web, targetSubnet: Webb }\n'));
    assert.equal(where(landingOf(a, 'V')).failover, 'vnet/Web (name-match) 10.0.1.4');
    const d = withCode(a, 'TOP011');
    assert.equal(d.length, 1);
    assert.match(d[0]!.message, /did you mean 'Web'/);
  });

  it('returns the VM to its original network and subnet on failback from Azure', () => {
    const a = analyze(azure('  - { name: V, cloud: CA, network: NetA, subnet: Web }\n'));
    assert.equal(where(landingOf(a, 'V')).failback, 'NetA/Web');
    assert.equal(landingOf(a, 'V').failover.pair?.protectingCloud, undefined);
  });

  it('flags NICs of one VM that would land in different virtual networks (TOP023)', () => {
    const a = analyze(azure(`  - name: V
    cloud: CA
    nics:
      - { network: NetA }
      - { network: NetA2 }
`));
    const d = withCode(a, 'TOP023');
    assert.equal(d.length, 1);
    assert.equal(a.text.slice(d[0]!.span.start, d[0]!.span.end), 'NetA2');
  });

  it('flags a target outside the vault region (TOP032), ignoring case and spaces', () => {
    assert.equal(withCode(analyze(azure('  - { name: V, cloud: CA, network: NetA }\n', 'westus')), 'TOP032').length, 1);
    assert.equal(withCode(analyze(azure('  - { name: V, cloud: CA, network: NetA }\n', 'East US')), 'TOP032').length, 0);
  });
});
