/** The network mapping panel and its export command, as one Disposable feature. */
import * as vscode from 'vscode';
import type { TopologyClient } from '../languageClient';
import { registerExportCommand } from './exportCommand';
import { MappingPanel } from './mappingPanel';

export type { PanelSnapshot } from './mappingPanel';

export function registerMappingPanel(context: vscode.ExtensionContext, client: TopologyClient): MappingPanel {
  const panel = new MappingPanel(context.extensionUri, client);
  context.subscriptions.push(registerExportCommand(client, panel));
  return panel;
}
