/**
 * ASR Topology: New Topology File — an untitled asr-topology document from a commented
 * template. A quick pick asks the scenario: to Azure (first: what most estates run today) or
 * to a secondary VMM site. Argument (tests, automation; no quick pick then): 'azure' or 'vmm'.
 * Returns the editor.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './constants';
import { TEMPLATES, type Scenario } from './templates';

export const NEW_TOPOLOGY_FILE_COMMAND = 'asrTopology.newTopologyFile';

function isScenario(v: unknown): v is Scenario {
  return v === 'azure' || v === 'vmm';
}

export function registerNewFile(): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_TOPOLOGY_FILE_COMMAND, async (arg?: unknown) => {
    let scenario = isScenario(arg) ? arg : undefined;
    if (!scenario) {
      const items = (Object.keys(TEMPLATES) as Scenario[]).map((s) => ({ label: TEMPLATES[s].label, detail: TEMPLATES[s].detail, scenario: s }));
      // ignoreFocusOut: run from the walkthrough's button, the page takes the focus back as it marks the step
      // done, which closed the pick before a person could choose (seen in the UI test).
      const pick = await vscode.window.showQuickPick(items, { title: 'New Topology File', placeHolder: 'Where do the protected clouds replicate to?', ignoreFocusOut: true });
      if (!pick) return undefined;
      scenario = pick.scenario;
    }
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: TEMPLATES[scenario].text });
    return vscode.window.showTextDocument(doc);
  });
}
