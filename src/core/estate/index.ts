/**
 * The estate: what VMM and the Recovery Services vault already know, read from their exports
 * (input, vmm, vault, vnets), merged into a plan (merge, yamlText), compared with a plan
 * (drift), and the PowerShell that creates the plan's missing mappings (applyScript).
 */
export { decodeInput, EstateInputError, readJson, type EstateInput, type InputKind } from './input';
export { readVmm, type VmmEstate } from './vmm';
export { readVault, AZURE_FABRIC, type VaultFacts, type VaultMapping, type VaultPair, type VaultItem, type VaultNic } from './vault';
export { readVnets, type AzureVnetFact } from './vnets';
export { importEstate, readEstate, writePlan, type ImportOptions, type ImportResult, type ImportSummary, type ReadEstate } from './merge';
export { driftOf, driftAgainst, driftDiagnostics, driftShownAt, DRIFT_CODES, type Drift, type DriftKind } from './drift';
export { applyScript, applyScriptAgainst, psLiteral } from './applyScript';
