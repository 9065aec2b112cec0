<#
.SYNOPSIS
  Exports what one VMM server knows of its networks, clouds and VMs, for
  'asr-topology import --vmm FILE'.

.DESCRIPTION
  Run it once per VMM server, on that server (or where the VMM console and its
  PowerShell module are installed), in Windows PowerShell 5.1 or PowerShell 7.
  It only reads: Get-SCLogicalNetwork, Get-SCVMNetwork, Get-SCVMSubnet, Get-SCCloud,
  Get-SCVirtualMachine and Get-SCVirtualNetworkAdapter. It writes one JSON file in
  UTF-8, with VMM's own property names:

    { "VMMServer": NAME,
      "LogicalNetworks": [ { "Name" } ],
      "VMNetworks": [ { "Name", "LogicalNetwork": { "Name" },
                        "VMSubnet": [ { "Name", "SubnetVLans": [ { "Subnet", "VLanID" } ] } ] } ],
      "Clouds": [ { "Name", "LogicalNetworks": [ NAME ] } ],
      "VMs": [ { "Name", "Cloud": { "Name" },
                 "VirtualNetworkAdapters": [ { "VMNetwork": { "Name" }, "VMSubnet": { "Name" },
                                               "IPv4Addresses": [ ADDRESS ] } ] } ] }

.PARAMETER VMMServer
  The VMM server to connect to (default: this computer).

.PARAMETER Path
  The JSON file to write (default: vmm-<server>.json in the current folder).

.EXAMPLE
  .\collect-vmm.ps1 -VMMServer VMM-NewYork -Path .\vmm-newyork.json
  asr-topology import --vmm vmm-newyork.json --vmm vmm-chicago.json --asr vault.json -o estate.topology.yaml
#>
[CmdletBinding()]
param(
  [string]$VMMServer = $env:COMPUTERNAME,
  [string]$Path
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2

Import-Module VirtualMachineManager
$server = Get-SCVMMServer -ComputerName $VMMServer
if (-not $Path) { $Path = Join-Path (Get-Location) ('vmm-{0}.json' -f $server.Name) }

# A reference as the importer reads it: an object with Name, or null.
function Get-NameRef($Item) {
  if ($null -eq $Item) { return $null }
  return [ordered]@{ Name = [string]$Item.Name }
}

$logicalNetworks = @(Get-SCLogicalNetwork -VMMServer $server | ForEach-Object {
    [ordered]@{ Name = [string]$_.Name }
  })

$vmNetworks = @(Get-SCVMNetwork -VMMServer $server | ForEach-Object {
    $vmNetwork = $_
    $subnets = @(Get-SCVMSubnet -VMMServer $server -VMNetwork $vmNetwork | ForEach-Object {
        [ordered]@{
          Name        = [string]$_.Name
          SubnetVLans = @($_.SubnetVLans | ForEach-Object {
              [ordered]@{ Subnet = [string]$_.Subnet; VLanID = [int]$_.VLanID }
            })
        }
      })
    [ordered]@{
      Name           = [string]$vmNetwork.Name
      LogicalNetwork = Get-NameRef $vmNetwork.LogicalNetwork
      VMSubnet       = $subnets
    }
  })

$clouds = @(Get-SCCloud -VMMServer $server | ForEach-Object {
    $cloud = $_
    [ordered]@{
      Name            = [string]$cloud.Name
      LogicalNetworks = @(Get-SCLogicalNetwork -Cloud $cloud | ForEach-Object { [string]$_.Name })
    }
  })

$vms = @(Get-SCVirtualMachine -VMMServer $server | ForEach-Object {
    $vm = $_
    $adapters = @(Get-SCVirtualNetworkAdapter -VM $vm | ForEach-Object {
        [ordered]@{
          VMNetwork     = Get-NameRef $_.VMNetwork
          VMSubnet      = Get-NameRef $_.VMSubnet
          IPv4Addresses = @($_.IPv4Addresses | ForEach-Object { [string]$_ })
        }
      })
    [ordered]@{
      Name                   = [string]$vm.Name
      Cloud                  = Get-NameRef $vm.Cloud
      VirtualNetworkAdapters = $adapters
    }
  })

$export = [ordered]@{
  VMMServer       = [string]$server.Name
  LogicalNetworks = $logicalNetworks
  VMNetworks      = $vmNetworks
  Clouds          = $clouds
  VMs             = $vms
}

# UTF-8 whatever the PowerShell: Windows PowerShell 5.1's Out-File and '>' write UTF-16.
$json = ConvertTo-Json -InputObject $export -Depth 6
[System.IO.File]::WriteAllText($Path, $json, (New-Object System.Text.UTF8Encoding $false))
Write-Host ('Wrote {0}: {1} VM networks, {2} clouds, {3} VMs.' -f $Path, $vmNetworks.Count, $clouds.Count, $vms.Count)
