/**
 * The features every build of the extension has over its language client: the status bar, the
 * mapping panel with its export, the commands, New Topology File and the estate commands
 * (import, compare with the vault), the walkthrough on first start. The desktop entry
 * (extension.ts) and the browser entry (src/web/extension.ts) differ only in their client.
 */
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerEstateCommands } from './estate';
import { registerFirstStart } from './firstStart';
import { registerMappingPanel } from './panel';
import type { MappingPanel } from './panel/mappingPanel';
import { registerNewFile } from './newFile';
import type { ServerHandle } from './serverHandle';
import { registerStatusBar, type TopologyStatusBar } from './statusBar';

export function registerFeatures(context: vscode.ExtensionContext, client: ServerHandle): { status: TopologyStatusBar; panel: MappingPanel } {
  const status = registerStatusBar(client);
  const panel = registerMappingPanel(context, client);
  context.subscriptions.push(registerCommands(client), status, panel, registerNewFile(), registerEstateCommands(client), registerFirstStart(context));
  return { status, panel };
}
