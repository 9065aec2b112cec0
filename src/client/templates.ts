/**
 * The templates of New Topology File, one per scenario (pure text: the unit tests analyse them).
 * To Azure first: what most estates run today.
 */

export type Scenario = 'azure' | 'vmm';

/** One VMM site whose production cloud replicates to Azure: what most estates run today. */
export const AZURE_TEMPLATE = `# ASR Topology: the disaster recovery plan of Hyper-V VMs in VMM clouds, for Azure Site
# Recovery. Save it as NAME.topology.yaml. Hover a VM to see where its replica lands in Azure;
# Ctrl+Space completes keys and names. ASR Topology: Import Estate… writes this from your exports.
version: 1

# Your VMM servers, one site each, with their logical networks, VM networks and clouds.
sites:
  - name: Seattle
    vmmServer: VMM-Seattle
    logicalNetworks:
      - name: Corp-Seattle
    vmNetworks:
      - name: Servers-Seattle
        logicalNetwork: Corp-Seattle
        subnets:
          - name: App
            addressPrefix: 10.10.1.0/24
    clouds:
      - name: Prod-Seattle
        logicalNetworks: [Corp-Seattle]

# The Recovery Services vault's region, and the Azure virtual networks replicas connect to
# (in the vault's region). A replica lands on the subnet of its source subnet's name.
azure:
  vaultLocation: westus2
  virtualNetworks:
    - name: vnet-dr-seattle
      location: westus2
      resourceGroup: rg-asr-network
      addressSpace: [10.10.0.0/16]
      subnets:
        - name: App
          addressPrefix: 10.10.1.0/24

# Which clouds replicate to Azure.
protection:
  - protected: Prod-Seattle
    toAzure: true

# Where a replica connects on failover: a VM network -> an Azure virtual network.
networkMappings:
  - source: Servers-Seattle
    target: vnet-dr-seattle

# The VMs to protect: their cloud, network, subnet and address.
vms:
  - name: app01
    cloud: Prod-Seattle
    network: Servers-Seattle
    subnet: App
    ipAddress: 10.10.1.5
`;

/** Two VMM sites protecting each other's clouds, with both directions of network mapping. */
export const VMM_TEMPLATE = `# ASR Topology: the disaster recovery plan of Hyper-V VMs in VMM clouds, for Azure Site
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

export const TEMPLATES: Readonly<Record<Scenario, { readonly label: string; readonly detail: string; readonly text: string }>> = {
  azure: {
    label: 'To Azure',
    detail: 'VMM clouds replicating to Azure virtual networks in the vault\'s region',
    text: AZURE_TEMPLATE,
  },
  vmm: {
    label: 'To a secondary VMM site',
    detail: 'Two VMM sites protecting each other\'s clouds, with network mappings both ways',
    text: VMM_TEMPLATE,
  },
};
