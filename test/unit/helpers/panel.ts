/** The mapping panel's data for a topology text, as the host builds it (server rows + diagnostics). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { landingRow } from '../../../src/core/features';
import { analyze } from '../../../src/core/analysis';
import { availabilityRows, definitionRows, mappingRows } from '../../../src/core/features';
import { toPanelData, type OffsetDiagnostic } from '../../../src/client/panel/locate';
import type { LandingsResponse } from '../../../src/protocol';
import type { PanelData } from '../../../src/protocol';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const NY_TEXT = fs.readFileSync(path.join(ROOT, 'examples', 'new-york-chicago.topology.yaml'), 'utf8');

export function responseFor(text: string): { response: LandingsResponse; diagnostics: OffsetDiagnostic[] } {
  const a = analyze(text);
  const response: LandingsResponse = {
    version: 1,
    landings: a.landings.map(landingRow),
    mappings: mappingRows(a),
    availability: availabilityRows(a),
    definitions: definitionRows(a),
  };
  const diagnostics = a.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, start: d.span.start, end: d.span.end }));
  return { response, diagnostics };
}

export function panelDataFor(text: string, fileName = 'test.topology.yaml'): PanelData {
  const { response, diagnostics } = responseFor(text);
  return toPanelData(response, diagnostics, `file:///tmp/${fileName}`, fileName);
}

/** The example with one more mapping, VMNetwork2-NewYork → VMNetwork2-Chicago (the article's "Not available" row). */
export const NY_WITH_VMNETWORK2 = NY_TEXT.replace(
  '  - source: VMNetwork1-Chicago        # the way back: used on failback\n',
  '  - source: VMNetwork2-NewYork\n    target: VMNetwork2-Chicago\n  - source: VMNetwork1-Chicago        # the way back: used on failback\n',
);
