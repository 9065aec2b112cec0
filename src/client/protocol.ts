/**
 * Custom requests between this client and the language server (spec §5, landings JSON).
 * Plain types only: both sides can import this file.
 */

export const LandingsRequestMethod = 'asrTopology/landings';

export interface LandingsParams {
  /** The document's URI, as the client sends it in textDocument notifications. */
  readonly uri: string;
}

export interface Failover {
  readonly status: 'connected' | 'not-connected' | 'not-protected';
  readonly reason: null | 'unmapped' | 'unavailable';
  /** The protecting cloud, or null (to Azure, or not protected). */
  readonly cloud: string | null;
  readonly azure: boolean;
  readonly network: string | null;
  readonly subnet: string | null;
  readonly subnetRule: 'name-match' | 'first-subnet' | 'target-setting' | null;
  readonly ipAddress: string | null;
}

export interface Failback {
  readonly status: 'connected' | 'disconnected' | 'not-applicable';
  readonly network: string | null;
  readonly subnet: string | null;
}

/** Where one NIC's replica lands. */
export interface Landing {
  readonly vm: string;
  /** 0-based NIC index. */
  readonly nic: number;
  readonly cloud: string | null;
  readonly network: string | null;
  readonly subnet: string | null;
  readonly failover: Failover;
  readonly failback: Failback;
}

export interface LandingsResult {
  readonly landings: readonly Landing[];
}

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
