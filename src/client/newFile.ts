/** ASR Topology: New Topology File — an untitled asr-topology document from a commented template. */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './constants';

export const NEW_TOPOLOGY_FILE_COMMAND = 'asrTopology.newTopologyFile';

/** Two VMM sites protecting each other's clouds, with both directions of network mapping. */
export const TOPOLOGY_TEMPLATE = `# ASR Topology: the disaster recovery plan of Hyper-V VMs in VMM clouds, for Azure Site
# Recovery. Save it as NAME.topology.yaml. Hover a VM to see where its replica lands on
# failover and where it comes back on failback; Ctrl+Space completes keys and names.
version: 1

# Your VMM servers, one site each, with their logical networks, VM networks and clouds.
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
    clouds:
      - name: GoldCloud1
        logicalNetworks: [LogicalNetwork1-NewYork]

  - name: Chicago
    vmmServer: VMM-Chicago
    logicalNetworks:
      - name: LogicalNetwork1-Chicago
    vmNetworks:
      - name: VMNetwork1-Chicago
        logicalNetwork: LogicalNetwork1-Chicago
        subnets:
          - name: Subnet-A
            addressPrefix: 10.2.0.0/24
    clouds:
      - name: GoldCloud2
        logicalNetworks: [LogicalNetwork1-Chicago]

# Which cloud protects which: a protecting cloud at the other site (or toAzure: true).
protection:
  - protected: GoldCloud1
    protecting: GoldCloud2

# Where a replica connects on failover (source -> target), and the way back for failback.
networkMappings:
  - source: VMNetwork1-NewYork
    target: VMNetwork1-Chicago
  - source: VMNetwork1-Chicago
    target: VMNetwork1-NewYork

# The VMs to protect: their cloud, network, subnet and address.
vms:
  - name: VM1
    cloud: GoldCloud1
    network: VMNetwork1-NewYork
    subnet: Subnet-A
    ipAddress: 10.1.0.5
`;

export function registerNewFile(): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_TOPOLOGY_FILE_COMMAND, async () => {
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: TOPOLOGY_TEMPLATE });
    return vscode.window.showTextDocument(doc);
  });
}
