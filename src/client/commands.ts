/** The "ASR Topology" commands (package.json `contributes.commands`). */
import * as vscode from 'vscode';
import { Commands } from './constants';
import type { ServerHandle } from './serverHandle';

export function registerCommands(client: ServerHandle): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.restartServer, () => client.restart()),
    vscode.commands.registerCommand(Commands.showOutput, () => { client.output.show(true); }),
  );
}
