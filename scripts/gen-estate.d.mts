// Types of scripts/gen-estate.mjs, for the tests that import it.
export declare function generateEstate(o: { vms: number; clouds?: number; networks?: number; pad?: number }): { vmm: string; asr: string; vnets: string };
