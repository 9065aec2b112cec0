/** Every semantic rule of spec §4 after name resolution, each in its own module. */
import type { Diagnostic } from '../types';
import type { Rule, RuleContext } from './context';
import { mappingRules } from './mappings';
import { failbackRules } from './failback';
import { subnetRules } from './subnets';
import { protectionRules } from './protection';
import { addressRules } from './addresses';

export type { RuleContext } from './context';
export { candidateTargets } from './mappings';
export * from './landing';

const RULES: readonly Rule[] = [...mappingRules, ...subnetRules, ...failbackRules, ...protectionRules, ...addressRules];

export function runRules(ctx: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [...ctx.landings.diagnostics];
  for (const rule of RULES) rule(ctx, out);
  return out;
}
