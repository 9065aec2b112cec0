/** The network mapping panel and its export command, as one Disposable feature. */
import * as vscode from 'vscode';
import type { ServerHandle } from '../serverHandle';
import { registerExportCommand } from './exportCommand';
import { MappingPanel } from './mappingPanel';

export type { PanelSnapshot } from './mappingPanel';

export function registerMappingPanel(context: vscode.ExtensionContext, client: ServerHandle): MappingPanel {
  const panel = new MappingPanel(context.extensionUri, client);
  context.subscriptions.push(registerExportCommand(client, panel));
  return panel;
}
