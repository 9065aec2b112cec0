/** Identifiers shared by the client's features and its package.json contributions. */

export const LANGUAGE_ID = 'asr-topology';
export const CONFIG_SECTION = 'asrTopology';
export const CLIENT_ID = 'asrTopology';
export const DISPLAY_NAME = 'ASR Topology';

export const Commands = {
  restartServer: 'asrTopology.restartServer',
  showOutput: 'asrTopology.showOutput',
  showMappings: 'asrTopology.showMappings',
  exportMappings: 'asrTopology.exportMappings',
  importEstate: 'asrTopology.importEstate',
  compareWithVault: 'asrTopology.compareWithVault',
  clearVaultComparison: 'asrTopology.clearVaultComparison',
} as const;
