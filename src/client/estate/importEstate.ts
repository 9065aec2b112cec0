/**
 * ASR Topology: Import Estate… (`asrTopology.importEstate`): VMM, vault and Azure virtual
 * network exports in, a new untitled topology document out. The files are read here and sent
 * as bytes to the language server (`asrTopology/importEstate`), which runs the core's import:
 * a large estate never blocks the extension host, and the browser build works the same.
 * Each file's kind is recognised from its content; a file whose content is unclear is asked
 * about with a quick pick. A bad input: an error naming the file and why, nothing opened.
 *
 * Argument (tests, automation; no dialog then): a list of file URIs (or `{ uri, kind }`), or
 * `{ files: [...], vaultLocation?: string }`. Returns the opened document.
 */
import * as vscode from 'vscode';
import {
  ImportEstateRequest, type EstateFileKind, type ImportEstateParams, type ImportEstateResult,
} from '../../protocol';
import { Commands, LANGUAGE_ID } from '../constants';
import type { ServerHandle } from '../serverHandle';
import { errorText, parseFileList, pickFiles, plural, readFiles, toWire, type PickedFile } from './files';
import { wasCancelled } from '../typedRequests';
import { KIND_LABELS, recognizeKind } from './recognize';

interface ImportArg {
  readonly files: PickedFile[];
  readonly vaultLocation: string | undefined;
}

export function parseImportArg(arg: unknown): ImportArg | undefined {
  const list = parseFileList(arg);
  if (list) return { files: list, vaultLocation: undefined };
  if (typeof arg !== 'object' || arg === null) return undefined;
  const o = arg as Record<string, unknown>;
  const files = parseFileList(o.files);
  if (!files) return undefined;
  return { files, vaultLocation: typeof o.vaultLocation === 'string' ? o.vaultLocation : undefined };
}

/** Asks what a file is (its content said nothing clear). */
async function askKind(name: string): Promise<EstateFileKind | undefined> {
  const items = (Object.keys(KIND_LABELS) as EstateFileKind[]).map((fileKind) => ({ label: KIND_LABELS[fileKind], fileKind }));
  const pick = await vscode.window.showQuickPick(items, {
    title: `Import Estate: what is ${name}?`,
    placeHolder: `The content of ${name} doesn't say which export it is`,
    ignoreFocusOut: true,
  });
  return pick?.fileKind;
}

function isValid(r: unknown): r is ImportEstateResult {
  if (typeof r !== 'object' || r === null) return false;
  const { text, summary } = r as Partial<ImportEstateResult>;
  return typeof text === 'string' && typeof summary === 'object' && summary !== null
    && (['sites', 'clouds', 'vms', 'mappings', 'todos'] as const).every((k) => typeof summary[k] === 'number');
}

export function summaryText(s: ImportEstateResult['summary']): string {
  const what = `${plural(s.sites, 'site')}, ${plural(s.clouds, 'cloud')}, ${plural(s.vms, 'VM')} and ${plural(s.mappings, 'network mapping')}`;
  const todo = s.todos === 0 ? 'Nothing is left to fill in.'
    : `${plural(s.todos, '# TODO comment')} ${s.todos === 1 ? 'marks' : 'mark'} what the exports don't say.`;
  return `ASR Topology: imported ${what}. ${todo}`;
}

export function registerImportEstate(client: ServerHandle): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.importEstate, async (arg?: unknown): Promise<vscode.TextDocument | undefined> => {
    const given = parseImportArg(arg);
    const picked = given?.files ?? await pickFiles('Import Estate: the VMM, vault and Azure virtual network exports', 'Import');
    if (!picked) return undefined;
    const files = await readFiles(picked);
    if (!files) return undefined;

    const kinds: EstateFileKind[] = [];
    for (const [i, f] of files.entries()) {
      const kind = picked[i]?.kind ?? recognizeKind(f.name, f.bytes) ?? (given ? undefined : await askKind(f.name));
      if (!kind) {
        if (given) void vscode.window.showErrorMessage(`ASR Topology: cannot import ${f.name}: it is not a VMM export, a vault export or a list of Azure virtual networks.`);
        return undefined;
      }
      kinds.push(kind);
    }

    let vaultLocation = given?.vaultLocation;
    if (!given) {
      vaultLocation = await vscode.window.showInputBox({
        title: 'Import Estate: the vault\'s Azure region (optional)',
        prompt: 'azure.vaultLocation, e.g. westus2. Leave it empty to take it from the exports or fill it in later.',
        placeHolder: 'westus2',
        ignoreFocusOut: true,
      });
      if (vaultLocation === undefined) return undefined;
    }

    const lc = client.running;
    if (!lc) {
      void vscode.window.showErrorMessage(`ASR Topology: cannot import: the language server is ${client.serverState}.`);
      return undefined;
    }
    const params: ImportEstateParams = {
      files: files.map((f, i) => ({ ...toWire(f), kind: kinds[i]! })),
      ...(vaultLocation?.trim() ? { vaultLocation: vaultLocation.trim() } : {}),
    };
    const bytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
    let result: ImportEstateResult;
    let cancelled = false;
    try {
      const answer: unknown = await vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification,
        title: `ASR Topology: importing ${plural(files.length, 'file')} (${bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`})`,
        cancellable: true,
      }, (_progress, token) => {
        token.onCancellationRequested(() => { cancelled = true; });
        return lc.sendRequest(ImportEstateRequest, params, token);
      });
      if (cancelled) return undefined;
      if (!isValid(answer)) {
        void vscode.window.showErrorMessage('ASR Topology: the language server gave an answer the import does not understand.');
        return undefined;
      }
      result = answer;
    } catch (err: unknown) {
      if (!cancelled && !wasCancelled(err)) void vscode.window.showErrorMessage(`ASR Topology: cannot import ${errorText(err)}`);
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: result.text });
    await vscode.window.showTextDocument(doc, { preview: false });
    void vscode.window.showInformationMessage(summaryText(result.summary));
    return doc;
  });
}
