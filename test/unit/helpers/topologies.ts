/**
 * Topologies for tests, written as an administrator would. `NY_CHICAGO` is the spec's §2
 * example: the article's New York / Chicago organisation.
 */
import { analyze, type Analysis } from '../../../src/core/analysis';
import type { Diagnostic, DiagnosticCode, Landing } from '../../../src/core/types';

export const NY_CHICAGO_SITES = `version: 1
sites:
  - name: New York
    vmmServer: VMM-NewYork
    logicalNetworks:
      - name: LogicalNetwork1-NewYork
    vmNetworks:
      - name: VMNetwork1-NewYork
        logicalNetwork: LogicalNetwork1-NewYork
        subnets:
          - name: Subnet-A
            addressPrefix: 10.1.0.0/24
      - name: VMNetwork2-NewYork
        logicalNetwork: LogicalNetwork1-NewYork
        subnets:
          - name: Subnet-A
    clouds:
      - name: GoldCloud1
        logicalNetworks: [LogicalNetwork1-NewYork]
      - name: SilverCloud1
        logicalNetworks: [LogicalNetwork1-NewYork]
  - name: Chicago
    vmmServer: VMM-Chicago
    logicalNetworks:
      - name: LogicalNetwork1-Chicago
      - name: LogicalNetwork2Chicago
    vmNetworks:
      - name: VMNetwork1-Chicago
        logicalNetwork: LogicalNetwork1-Chicago
        subnets:
          - name: Subnet-B
          - name: Subnet-A
      - name: VMNetwork2-Chicago
        logicalNetwork: LogicalNetwork2Chicago
        subnets:
          - name: Subnet-A
    clouds:
      - name: GoldCloud2
        logicalNetworks: [LogicalNetwork1-Chicago, LogicalNetwork2Chicago]
      - name: SilverCloud2
        logicalNetworks: [LogicalNetwork1-Chicago]
azure:
  virtualNetworks:
    - name: vnet-dr
      location: eastus
      subnets:
        - name: Subnet-A
          addressPrefix: 10.1.0.0/24
protection:
  - protected: GoldCloud1
    protecting: GoldCloud2
  - protected: SilverCloud1
    protecting: SilverCloud2
`;

export const NY_CHICAGO = `${NY_CHICAGO_SITES}networkMappings:
  - source: VMNetwork1-NewYork
    target: VMNetwork1-Chicago
  - source: VMNetwork1-Chicago
    target: VMNetwork1-NewYork
vms:
  - name: VM1
    cloud: GoldCloud1
    network: VMNetwork1-NewYork
    subnet: Subnet-A
    ipAddress: 10.1.0.5
  - name: VM3
    cloud: SilverCloud1
    nics:
      - network: VMNetwork2-NewYork
      - network: VMNetwork1-NewYork
        subnet: Subnet-A
`;

export function codes(a: Analysis | readonly Diagnostic[]): DiagnosticCode[] {
  const list = 'diagnostics' in a ? a.diagnostics : a;
  return list.map((d) => d.code);
}

export function withCode(a: Analysis, code: DiagnosticCode): Diagnostic[] {
  return a.diagnostics.filter((d) => d.code === code);
}

export function landingOf(a: Analysis, vm: string, nic = 0): Landing {
  const l = a.landings.find((x) => x.vm.name.value === vm && x.nic.index === nic);
  if (!l) throw new Error(`no landing for ${vm} NIC ${nic}`);
  return l;
}

/** Where a NIC lands, in a form that is easy to compare. */
export function where(l: Landing): { failover: string; failback: string } {
  const f = l.failover;
  const b = l.failback;
  const failover =
    f.status === 'connected'
      ? `${f.target?.name.value ?? '?'}/${f.subnet?.name.value ?? '-'} (${f.subnetRule ?? 'none'})${f.ipAddress ? ` ${f.ipAddress}` : ''}`
      : `${f.status}${f.reason ? `:${f.reason}` : ''}`;
  const failback = b.status === 'connected' ? `${b.network?.name.value ?? '?'}/${b.subnet?.name.value ?? '-'}` : b.status;
  return { failover, failback };
}

export { analyze };
