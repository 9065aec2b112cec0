/**
 * `applyScript`: a PowerShell script (Az.RecoveryServices) that creates the plan's network
 * mappings the vault lacks. It finds fabrics (VMM servers) and networks by friendly name,
 * stops at the first failure, and changes nothing unless run with -Apply (it prints what it
 * would do). Every name from the plan is an inert single-quoted literal: PowerShell expands
 * nothing inside one, and its quotes (' and the typographic ‘ ’ ‚ ‛, which PowerShell also
 * reads as quotes) are doubled. No name is ever written in a comment.
 */
import type { Analysis } from '../analysis';
import type { AzureNetwork, VmNetwork } from '../types';
import { readJson, type EstateInput } from './input';
import { readVault, type VaultFacts } from './vault';

/** A single-quoted PowerShell string literal of `s`, inert whatever it holds. */
export function psLiteral(s: string): string {
  return `'${s.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

interface PlannedMapping {
  readonly source: VmNetwork;
  readonly target: VmNetwork | AzureNetwork;
}

export function applyScript(analysis: Analysis, vault: readonly EstateInput[]): string {
  return applyScriptAgainst(analysis, vault.length ? readVault(vault.map((input) => ({ input, value: readJson(input) }))) : undefined);
}

export function applyScriptAgainst(analysis: Analysis, vault: VaultFacts | undefined): string {
  const res = analysis.resolution;
  const have = new Set((vault?.mappings ?? []).map((m) => `${m.source}\0${m.toAzure ? 'azure' : 'vmm'}`));
  const planned: PlannedMapping[] = [];
  const seen = new Set<string>();
  for (const m of analysis.model.mappings) {
    const source = m.source ? res.networks.get(m.source.value) : undefined;
    const target = m.target ? res.networks.get(m.target.value) : undefined;
    if (source?.kind !== 'vmNetwork' || !target || target === source) continue;
    const key = `${source.name.value}\0${target.kind === 'azureNetwork' ? 'azure' : 'vmm'}`;
    if (seen.has(key) || have.has(key)) continue;
    seen.add(key);
    planned.push({ source, target });
  }
  // Azure targets by ARM id: the vault's own id for that network where it has one.
  const azureIds = new Map<string, string>();
  for (const m of vault?.mappings ?? []) if (m.toAzure && m.targetId) azureIds.set(m.target, m.targetId);
  const rows = planned.map((p, i) => {
    const fabric = p.source.site.vmmServer?.value ?? '';
    const common = [`Name = ${psLiteral(`asr-topology-${i + 1}`)}`, `PrimaryFabric = ${psLiteral(fabric)}`, `PrimaryNetwork = ${psLiteral(p.source.name.value)}`];
    if (p.target.kind === 'vmNetwork') {
      return `  @{ ${[...common, `RecoveryFabric = ${psLiteral(p.target.site.vmmServer?.value ?? '')}`, `RecoveryNetwork = ${psLiteral(p.target.name.value)}`].join('; ')} }`;
    }
    const id = azureIds.get(p.target.name.value);
    const azure = id
      ? [`RecoveryAzureNetworkId = ${psLiteral(id)}`]
      : [`RecoveryResourceGroup = ${psLiteral(p.target.resourceGroup?.value ?? '')}`, `RecoveryAzureNetwork = ${psLiteral(p.target.name.value)}`];
    return `  @{ ${[...common, ...azure].join('; ')} }`;
  });
  return `${[
    '#Requires -Modules Az.RecoveryServices',
    '<#',
    '.SYNOPSIS',
    '  Creates the network mappings of the plan that the Recovery Services vault lacks.',
    '.DESCRIPTION',
    '  Written by asr-topology apply-script. Select the vault first:',
    '    Set-AzRecoveryServicesAsrVaultContext -Vault (Get-AzRecoveryServicesVault -Name NAME -ResourceGroupName GROUP)',
    '  Without -Apply it only prints what it would do. It stops at the first failure.',
    '  Fabrics (VMM servers) and networks are found by their friendly names.',
    '#>',
    '[CmdletBinding()]',
    'param(',
    '  # Create the mappings (without it: print what would be done, change nothing).',
    '  [switch]$Apply,',
    '  # The subscription of the Azure virtual networks that have no ARM id in the vault exports.',
    '  [string]$SubscriptionId',
    ')',
    "$ErrorActionPreference = 'Stop'",
    'Set-StrictMode -Version 3',
    '',
    'function Get-AsrFabricByName([string]$FriendlyName) {',
    '  $fabric = Get-AzRecoveryServicesAsrFabric | Where-Object { $_.FriendlyName -eq $FriendlyName }',
    "  if (-not $fabric) { throw (\"No Site Recovery fabric (VMM server) is named '{0}' in this vault.\" -f $FriendlyName) }",
    '  return $fabric',
    '}',
    '',
    'function Get-AsrNetworkByName($Fabric, [string]$FriendlyName) {',
    '  $network = Get-AzRecoveryServicesAsrNetwork -Fabric $Fabric | Where-Object { $_.FriendlyName -eq $FriendlyName }',
    "  if (-not $network) { throw (\"No network is named '{0}' on fabric '{1}'.\" -f $FriendlyName, $Fabric.FriendlyName) }",
    '  return $network',
    '}',
    '',
    '$mappings = @(',
    rows.join(',\n'),
    ')',
    '',
    "if ($mappings.Count -eq 0) { Write-Host 'The vault has every network mapping of the plan: nothing to do.'; return }",
    'foreach ($m in $mappings) {',
    "  if ($m.ContainsKey('RecoveryNetwork')) { $target = $m.RecoveryNetwork }",
    "  elseif ($m.ContainsKey('RecoveryAzureNetworkId')) { $target = $m.RecoveryAzureNetworkId }",
    "  else {",
    "    if (-not $SubscriptionId) { $SubscriptionId = (Get-AzContext).Subscription.Id }",
    "    $target = '/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Network/virtualNetworks/{2}' -f $SubscriptionId, $m.RecoveryResourceGroup, $m.RecoveryAzureNetwork",
    "    $m['RecoveryAzureNetworkId'] = $target",
    '  }',
    '  if (-not $Apply) {',
    "    Write-Host (\"Would map '{0}' ({1}) to '{2}'\" -f $m.PrimaryNetwork, $m.PrimaryFabric, $target)",
    '    continue',
    '  }',
    '  $primaryFabric = Get-AsrFabricByName $m.PrimaryFabric',
    '  $primaryNetwork = Get-AsrNetworkByName $primaryFabric $m.PrimaryNetwork',
    "  if ($m.ContainsKey('RecoveryNetwork')) {",
    '    $recoveryFabric = Get-AsrFabricByName $m.RecoveryFabric',
    '    $recoveryNetwork = Get-AsrNetworkByName $recoveryFabric $m.RecoveryNetwork',
    '    $job = New-AzRecoveryServicesAsrNetworkMapping -Name $m.Name -PrimaryNetwork $primaryNetwork -RecoveryNetwork $recoveryNetwork',
    '  } else {',
    '    $job = New-AzRecoveryServicesAsrNetworkMapping -Name $m.Name -PrimaryNetwork $primaryNetwork -RecoveryAzureNetworkId $m.RecoveryAzureNetworkId',
    '  }',
    "  Write-Host (\"Mapping '{0}' to '{1}': job {2}\" -f $m.PrimaryNetwork, $target, $job.Name)",
    '}',
    "if (-not $Apply) { Write-Host 'Nothing was changed: run again with -Apply to create these mappings.' }",
  ].join('\n')}\n`;
}
