/**
 * The getting-started walkthrough, shown once per VS Code profile the first time the installed
 * extension starts. VS Code opens an extension's walkthrough itself only after an install from
 * the Extensions view; installed from a .vsix (`npm start`, `code --install-extension`), the
 * extension opens it. Not when the user turned walkthroughs on install off
 * (`workbench.welcomePage.walkthroughs.openOnInstall`), and not when the extension runs from
 * its sources (F5, the end-to-end suite): extensionMode Development or Test.
 */
import * as vscode from 'vscode';

export const WALKTHROUGH = 'asrTopology.gettingStarted';
/** globalState key: the walkthrough was opened once in this profile. */
const SHOWN = 'asrTopology.walkthroughShown';

export function registerFirstStart(context: vscode.ExtensionContext): vscode.Disposable {
  if (context.extensionMode !== vscode.ExtensionMode.Production || context.globalState.get<boolean>(SHOWN)) return new vscode.Disposable(() => undefined);
  if (!vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true)) return new vscode.Disposable(() => undefined);
  void context.globalState.update(SHOWN, true);
  // Beside the topology file that started the extension (npm start opens one), else in its place.
  const toSide = vscode.window.visibleTextEditors.length > 0;
  void vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH}`, toSide)
    .then(undefined, () => undefined); // a workbench without walkthroughs: nothing to show
  return new vscode.Disposable(() => undefined);
}
