// The strategy modules by name. A new strategy is one file beside these, added to the list below
// (docs/strategies.md).

import { rsiStrategy } from './rsi-strategy';
import { simpleMaCross } from './simple-ma-cross';
import type { StrategyModule } from './strategy';

export const STRATEGY_MODULES: readonly StrategyModule[] = [simpleMaCross, rsiStrategy];

/** The module configured as `name` (its own name or an alias) among `modules`, or undefined. */
export function strategyModule(
  name: string,
  modules: readonly StrategyModule[] = STRATEGY_MODULES,
): StrategyModule | undefined {
  return modules.find((m) => m.module === name || (m.aliases ?? []).includes(name));
}

/** Every name a configuration may use, for messages. */
export function strategyNames(modules: readonly StrategyModule[] = STRATEGY_MODULES): string[] {
  return modules.flatMap((m) => [m.module, ...(m.aliases ?? [])]);
}
