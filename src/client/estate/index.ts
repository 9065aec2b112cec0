/** The estate commands: Import Estate…, Compare with Vault Export…, Clear Vault Comparison. */
import * as vscode from 'vscode';
import type { ServerHandle } from '../serverHandle';
import { registerImportEstate } from './importEstate';
import { VaultComparisonCommands } from './vaultComparison';

export function registerEstateCommands(client: ServerHandle): vscode.Disposable {
  return vscode.Disposable.from(registerImportEstate(client), new VaultComparisonCommands(client));
}
