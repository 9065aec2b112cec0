/** Types of scripts/gen-topology.mjs, for the TypeScript tests that import it. */
export interface GenerateOptions {
  /** How many VMs. */
  vms: number;
  /** The PRNG's seed (default 1): the same options give the same text. */
  seed?: number;
  /** How many VMM sites (default: 2 for a few VMs, up to 6 for 10,000 and more). */
  sites?: number;
}
export function generateTopology(options: GenerateOptions): string;
export function defaultSiteCount(vms: number): number;
