/**
 * Custom requests between this client and the language server (spec §5, landings JSON).
 * The wire types are the server's (src/server/protocol.ts); this adds the client's reading of them.
 */

import type { LandingsResponse } from '../server/protocol';

export { LandingsRequestMethod, type LandingsParams } from '../server/protocol';

/** The part of the server's answer the client reads (see src/server/protocol.ts). */
export type LandingsResult = Pick<LandingsResponse, 'landings'>;

/** Counts shown to the user: how many replicas connect, and how many don't. */
export interface ReplicaSummary {
  readonly nics: number;
  readonly protectedNics: number;
  readonly connected: number;
  readonly notConnected: number;
  readonly failbackDisconnected: number;
}

export function summarizeLandings(result: LandingsResult): ReplicaSummary {
  let protectedNics = 0;
  let connected = 0;
  let notConnected = 0;
  let failbackDisconnected = 0;
  for (const l of result.landings) {
    if (l.failover.status === 'not-protected') continue;
    protectedNics++;
    if (l.failover.status === 'connected') connected++;
    else notConnected++;
    if (l.failback.status === 'disconnected') failbackDisconnected++;
  }
  return { nics: result.landings.length, protectedNics, connected, notConnected, failbackDisconnected };
}

/** A runtime check of the server's answer: the client never trusts the shape blindly. */
export function isLandingsResult(value: unknown): value is LandingsResult {
  if (typeof value !== 'object' || value === null) return false;
  const landings = (value as { landings?: unknown }).landings;
  return Array.isArray(landings) && landings.every((l: unknown) => {
    if (typeof l !== 'object' || l === null) return false;
    const { failover, failback } = l as { failover?: unknown; failback?: unknown };
    return typeof failover === 'object' && failover !== null && typeof (failover as { status?: unknown }).status === 'string'
      && typeof failback === 'object' && failback !== null && typeof (failback as { status?: unknown }).status === 'string';
  });
}
