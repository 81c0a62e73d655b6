// Which of a session's indicators a chart draws. The person's own choices are kept by key (`sma_20_5m`),
// so they hold across symbols and intervals; a key never chosen follows the default: every overlay on the
// candles, and the first two indicators that need a pane of their own (more panes would squash the price).
// Pure: the app's store and the demo player both keep a choice and read it through these.

/** Keys the person turned on (true) or off (false); a key not here follows the default. */
export type IndicatorChoice = Readonly<Record<string, boolean>>;

/** The app's session views, each with a choice of its own (the demo player keeps its own on its page). */
export type IndicatorView = 'live' | 'offline';

/** What the default rule needs of an indicator. */
export interface ChoosableIndicator {
  key: string;
  placement: 'price' | 'pane';
}

/** Panes shown by default: a chart stays mostly candles. */
export const DEFAULT_PANES = 2;

/** Keys shown when nothing was chosen: every 'price' indicator, and the first DEFAULT_PANES 'pane' ones. */
export function defaultShown(indicators: readonly ChoosableIndicator[]): Set<string> {
  const shown = new Set<string>();
  let panes = 0;
  for (const { key, placement } of indicators) {
    if (placement === 'price') shown.add(key);
    else if (panes++ < DEFAULT_PANES) shown.add(key);
  }
  return shown;
}

/** Keys to draw: the person's choice where there is one, the default elsewhere. */
export function shownIndicators(
  choice: IndicatorChoice,
  indicators: readonly ChoosableIndicator[],
): Set<string> {
  const fallback = defaultShown(indicators);
  return new Set(indicators.map((i) => i.key).filter((key) => choice[key] ?? fallback.has(key)));
}

/** The choice after the person turned `key` on or off. */
export function choose(choice: IndicatorChoice, key: string, shown: boolean): IndicatorChoice {
  return { ...choice, [key]: shown };
}

/**
 * The equity pane's chip is kept in the same choice as the indicators (the store and the demo player keep
 * one for each view), under a key no indicator has (theirs are `<name>_..._<interval>`).
 */
export const EQUITY_KEY = 'equity_pane';

/** Whether the equity pane is drawn: the person's choice, else on whenever a strategy runs. */
export const equityShown = (choice: IndicatorChoice, strategyRuns: boolean): boolean =>
  choice[EQUITY_KEY] ?? strategyRuns;
