/**
 * `asrTopology.exportMappings`: the panel's tables as Markdown or CSV, or its diagram as
 * SVG, opened as a new untitled document (the user saves it where they like; nothing is
 * written behind their back, and it works in virtual and remote workspaces alike).
 * Argument (optional; without it a quick pick asks): `{ format: 'markdown'|'csv'|'svg',
 * table?: 'mappings'|'availability'|'landings' (CSV; default landings), uri?: string }`.
 * Returns the opened document.
 */
import * as vscode from 'vscode';
import { buildDiagram, diagramToSvg } from '../../webview/diagramModel';
import { isExportFormat, isTableId, type ExportFormat, type TableId } from '../../protocol';
import { dataToMarkdown, tableById, tableToCsv } from '../../webview/tableModel';
import { Commands, LANGUAGE_ID } from '../constants';
import type { ServerHandle } from '../serverHandle';
import { loadPanelData } from './dataSource';
import type { MappingPanel } from './mappingPanel';

export interface ExportRequest {
  readonly format: ExportFormat;
  readonly table: TableId;
  readonly uri: string | undefined;
}

/** Reads the command's argument; anything malformed is treated as no argument. */
export function parseExportArg(arg: unknown): Partial<ExportRequest> {
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  return {
    format: isExportFormat(a.format) ? a.format : undefined,
    table: isTableId(a.table) ? a.table : undefined,
    uri: typeof a.uri === 'string' ? a.uri : undefined,
  };
}

const PICKS: readonly (vscode.QuickPickItem & { format: ExportFormat; table: TableId })[] = [
  { label: 'Markdown', description: 'all three tables', format: 'markdown', table: 'landings' },
  { label: 'CSV', description: 'replica landings', format: 'csv', table: 'landings' },
  { label: 'CSV', description: 'network mapping', format: 'csv', table: 'mappings' },
  { label: 'CSV', description: 'target network availability', format: 'csv', table: 'availability' },
  { label: 'SVG', description: 'the diagram', format: 'svg', table: 'landings' },
];

export function registerExportCommand(client: ServerHandle, panel: MappingPanel): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.exportMappings, async (arg?: unknown): Promise<vscode.TextDocument | undefined> => {
    const req = parseExportArg(arg);
    let format = req.format;
    let table = req.table ?? 'landings';
    if (!format) {
      const pick = await vscode.window.showQuickPick(PICKS, { title: 'Export the network mapping', placeHolder: 'Format' });
      if (!pick) return undefined;
      format = pick.format;
      table = pick.table;
    }
    const active = vscode.window.activeTextEditor?.document;
    const uri = req.uri !== undefined ? vscode.Uri.parse(req.uri, true)
      : panel.documentUri ?? (active?.languageId === LANGUAGE_ID ? active.uri : undefined);
    if (!uri) {
      void vscode.window.showInformationMessage('ASR Topology: open a *.topology.yaml file to export its network mapping.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    let result = await loadPanelData(client, doc);
    for (let i = 0; result.kind === 'stale' && i < 5; i++) result = await loadPanelData(client, doc);
    if (result.kind !== 'ok') {
      void vscode.window.showWarningMessage(`ASR Topology: nothing to export. ${result.kind === 'unavailable' ? result.message : 'The document kept changing.'}`);
      return undefined;
    }
    const data = result.loaded.data;
    const content = format === 'markdown' ? dataToMarkdown(data)
      : format === 'csv' ? tableToCsv(tableById(data, table))
        : diagramToSvg(buildDiagram(data), `Network mapping: ${data.fileName}`);
    const wanted = format === 'markdown' ? 'markdown' : format === 'csv' ? 'csv' : 'xml';
    const language = (await vscode.languages.getLanguages()).includes(wanted) ? wanted : 'plaintext';
    // A new untitled document. Right after an earlier export was closed, VS Code can hand that
    // one back ("Untitled-1", with its old text): then it is asked again for a new one.
    let out = await vscode.workspace.openTextDocument({ language, content });
    for (let i = 0; out.getText() !== content && i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      out = await vscode.workspace.openTextDocument({ language, content });
    }
    if (out.getText() !== content) {
      void vscode.window.showWarningMessage('ASR Topology: VS Code did not open a new document for the export; try again.');
      return undefined;
    }
    await vscode.window.showTextDocument(out, { preview: false, viewColumn: vscode.ViewColumn.Active });
    return out;
  });
}
