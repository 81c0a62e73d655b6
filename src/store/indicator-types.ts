// The indicator slice's shape: which indicators each session view draws (see indicator-choice.ts).
import type { IndicatorChoice, IndicatorView } from './indicator-choice';

export interface IndicatorSlice {
  /** Per view (the live charts, the offline replay): the person's choices by key. */
  indicatorChoices: Readonly<Record<IndicatorView, IndicatorChoice>>;
  chooseIndicator(view: IndicatorView, key: string, shown: boolean): void;
}
