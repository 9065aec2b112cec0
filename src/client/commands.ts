/** The "ASR Topology" commands (package.json `contributes.commands`). */
import * as vscode from 'vscode';
import { Commands } from './constants';
import type { TopologyClient } from './languageClient';

export function registerCommands(client: TopologyClient): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.restartServer, () => client.restart()),
    vscode.commands.registerCommand(Commands.showOutput, () => { client.output.show(true); }),
  );
}
