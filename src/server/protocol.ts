/**
 * The server's custom requests. `asrTopology/landings` answers the landings of spec §5 (one
 * row per NIC, the CLI's JSON shape) and, for the mapping panel, the article's tables.
 * See docs/lsp.md.
 */
import type { LandingRow } from '../core/features';
import type { AvailabilityRow, DefinitionRow, MappingRow } from '../core/features';

export const LandingsRequestMethod = 'asrTopology/landings';

export interface LandingsParams {
  readonly uri: string;
}

export interface LandingsResponse {
  /** The document version the rows are for (null: read from disk, not open). */
  readonly version: number | null;
  readonly landings: LandingRow[];
  readonly mappings: MappingRow[];
  readonly availability: AvailabilityRow[];
  /** Where every named thing, pair, mapping and NIC is in the text (offsets), for the mapping panel. */
  readonly definitions: DefinitionRow[];
}
