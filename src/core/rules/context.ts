import type { LandingResult } from './landing';
import type { Resolution } from '../model';
import type { Diagnostic, Model } from '../types';

/** What every rule reads: one model, one resolution, one set of landings. */
export interface RuleContext {
  readonly model: Model;
  readonly resolution: Resolution;
  readonly landings: LandingResult;
}

export type Rule = (ctx: RuleContext, out: Diagnostic[]) => void;
