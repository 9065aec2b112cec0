// Generates the exports of a VMM-to-Azure estate of any size, in the shapes the importer
// reads: the collector's JSON (one VMM server), the vault's REST list and `az network vnet
// list`. For the tests (1,000 VMs) and the bench (10,000 VMs; 50 MB of exports).
//
//   node scripts/gen-estate.mjs --vms 10000 --out DIR     (writes vmm.json, asr.json, vnets.json)

/** @param {{ vms: number, clouds?: number, networks?: number, pad?: number }} o */
export function generateEstate({ vms, clouds = 4, networks = 8, pad = 0 }) {
  const server = 'VMM-GEN01';
  const vnetId = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-dr/providers/Microsoft.Network/virtualNetworks/vnet-dr';
  const net = (i) => `Net-${String(i).padStart(2, '0')}`;
  const cloud = (i) => `Cloud-${i}`;
  // Real exports carry much more than the importer reads: `pad` bytes of it per VM.
  const filler = pad > 0 ? 'x'.repeat(pad) : undefined;
  const vmm = {
    VMMServer: server,
    LogicalNetworks: [{ Name: 'LN-Corp' }],
    VMNetworks: Array.from({ length: networks }, (_, i) => ({
      Name: net(i), LogicalNetwork: { Name: 'LN-Corp' },
      VMSubnet: [{ Name: 'App', SubnetVLans: [{ Subnet: `10.${i}.0.0/16`, VLanID: 0 }] }],
    })),
    Clouds: Array.from({ length: clouds }, (_, i) => ({ Name: cloud(i), LogicalNetworks: ['LN-Corp'] })),
    VMs: Array.from({ length: vms }, (_, i) => ({
      Name: `vm-${String(i).padStart(5, '0')}`,
      Cloud: { Name: cloud(i % clouds) },
      VirtualNetworkAdapters: [{ VMNetwork: { Name: net(i % networks) }, VMSubnet: { Name: 'App' }, IPv4Addresses: [`10.${i % networks}.${Math.floor(i / 250) % 250}.${(i % 250) + 4}`] }],
      ...(filler ? { Description: filler } : {}),
    })),
  };
  const type = (t) => `Microsoft.RecoveryServices/vaults/replicationFabrics/${t}`;
  const value = [
    ...Array.from({ length: clouds }, (_, i) => ({
      name: `pair-${i}`, type: type('replicationProtectionContainers/replicationProtectionContainerMappings'),
      properties: { sourceFabricFriendlyName: server, sourceProtectionContainerFriendlyName: cloud(i), targetProtectionContainerFriendlyName: 'Microsoft Azure', targetFabricFriendlyName: 'Microsoft Azure', state: 'Paired' },
    })),
    ...Array.from({ length: networks }, (_, i) => ({
      name: `map-${i}`, type: type('replicationNetworks/replicationNetworkMappings'),
      properties: { state: 'Paired', primaryNetworkFriendlyName: net(i), primaryFabricFriendlyName: server, recoveryNetworkFriendlyName: 'vnet-dr', recoveryNetworkId: vnetId, recoveryFabricFriendlyName: 'Microsoft Azure' },
    })),
    ...vmm.VMs.map((vm, i) => ({
      name: `item-${i}`, type: type('replicationProtectionContainers/replicationProtectedItems'),
      properties: {
        friendlyName: vm.Name, protectedItemType: 'HyperVVirtualMachine', primaryProtectionContainerFriendlyName: vm.Cloud.Name, recoveryFabricFriendlyName: 'Microsoft Azure',
        providerSpecificDetails: { instanceType: 'HyperVReplicaAzure', vmNics: [{ vMNetworkName: net(i % networks), vMSubnetName: 'App', recoveryVMNetworkId: vnetId, recoveryVMSubnetName: 'App' }] },
        ...(filler ? { healthErrors: filler } : {}),
      },
    })),
  ];
  const vnets = [{ name: 'vnet-dr', id: vnetId, location: 'westeurope', resourceGroup: 'rg-dr', addressSpace: { addressPrefixes: ['10.200.0.0/16'] }, subnets: [{ name: 'App', addressPrefix: '10.200.0.0/16' }] }];
  return { vmm: JSON.stringify(vmm), asr: JSON.stringify({ value }), vnets: JSON.stringify(vnets) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const arg = (name, d) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : d; };
  const out = arg('--out', '.');
  mkdirSync(out, { recursive: true });
  const e = generateEstate({ vms: Number(arg('--vms', '1000')) });
  for (const [k, v] of Object.entries(e)) writeFileSync(`${out}/${k}.json`, v);
}
