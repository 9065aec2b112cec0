/**
 * A landing as the spec's JSON row (section 5, `landings --format json`): plain names,
 * nothing else. Pure, no Node imports: the language server can reuse it.
 *
 * Choices where the spec is silent:
 * - `cloud`, `network`, `subnet` of the NIC: the resolved entity's name, else the name as
 *   written in the file (an unresolved reference, which TOP011 reports), else null.
 * - `failover.network` / `failover.subnet`: where the replica lands, so null unless the
 *   failover status is `connected` (an unavailable target is not where the replica lands;
 *   `reason` says why).
 * - `failover.cloud`: the pair's protecting cloud (null for Azure and for an unprotected VM).
 */
import type { Landing, SubnetRule } from '../types';

export type FailoverStatus = Landing['failover']['status'];
export type FailbackStatus = Landing['failback']['status'];

export interface LandingRow {
  readonly vm: string;
  readonly nic: number;
  readonly cloud: string | null;
  readonly network: string | null;
  readonly subnet: string | null;
  readonly failover: {
    readonly status: FailoverStatus;
    readonly reason: null | 'unmapped' | 'unavailable';
    readonly cloud: string | null;
    readonly azure: boolean;
    readonly network: string | null;
    readonly subnet: string | null;
    readonly subnetRule: SubnetRule | null;
    readonly ipAddress: string | null;
  };
  readonly failback: {
    readonly status: FailbackStatus;
    readonly network: string | null;
    readonly subnet: string | null;
  };
}

/** The spec's keys, in the spec's order (for tests and for anyone checking a row's shape). */
export const LANDING_ROW_KEYS = ['vm', 'nic', 'cloud', 'network', 'subnet', 'failover', 'failback'] as const;
export const FAILOVER_KEYS = ['status', 'reason', 'cloud', 'azure', 'network', 'subnet', 'subnetRule', 'ipAddress'] as const;
export const FAILBACK_KEYS = ['status', 'network', 'subnet'] as const;

export function landingRow(landing: Landing): LandingRow {
  const { vm, nic, failover: fo, failback: fb } = landing;
  const connected = fo.status === 'connected';
  const pair = fo.pair;
  return {
    vm: vm.name.value,
    nic: nic.index,
    cloud: landing.cloud?.name.value ?? vm.cloud?.value ?? null,
    network: landing.network?.name.value ?? nic.network?.value ?? null,
    subnet: landing.subnet?.name.value ?? nic.subnet?.value ?? null,
    failover: {
      status: fo.status,
      reason: fo.reason,
      cloud: pair && !pair.toAzure ? (pair.protectingCloud?.name.value ?? pair.pair.protecting?.value ?? null) : null,
      azure: pair?.toAzure ?? false,
      network: connected ? (fo.target?.name.value ?? null) : null,
      subnet: connected ? (fo.subnet?.name.value ?? null) : null,
      subnetRule: connected ? fo.subnetRule : null,
      ipAddress: connected ? fo.ipAddress : null,
    },
    failback: {
      status: fb.status,
      network: fb.status === 'connected' ? (fb.network?.name.value ?? null) : null,
      subnet: fb.status === 'connected' ? (fb.subnet?.name.value ?? null) : null,
    },
  };
}
