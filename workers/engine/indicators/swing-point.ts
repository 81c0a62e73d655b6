// Swing points, shared by swing_high and swing_low. With p bars on each side, bar i is a swing high when its
// high is strictly greater than the highs of the p bars before it and of the p bars after it; that is known
// only at bar i + p. The output is the price of the most recently confirmed swing, valid once one is
// confirmed (at the earliest bar 2p + 1, the first bar with p bars on both sides of a candidate).
//
// One monotonic deque over the 2p + 1 bars [i - p, i + p] (ties kept): i is strictly the extreme exactly
// when the deque's front is i (no earlier bar in the window is as extreme) and the next entry is strictly
// less extreme (no later one equals it). Amortized O(1) per bar, O(p) memory.

import { MonotonicDeque } from './monotonic-deque';
import type { CalcFactory } from './types';

export function swingPoint(highs: boolean): CalcFactory {
  return (period) => {
    const width = 2 * period + 1;
    const window = new MonotonicDeque(width, highs);
    let index = 0;
    let last = Number.NaN;
    return {
      update(_newDay, _open, high, low, _close, _volume, out) {
        const price = highs ? high : low;
        window.push(index, price, index - width + 1);
        const candidate = index - period;
        index++;
        if (candidate >= period && window.frontIndex === candidate) {
          const next = window.second;
          if (Number.isNaN(next) || (highs ? next < window.front : next > window.front)) last = window.front;
        }
        if (Number.isNaN(last)) return false;
        out[0] = last;
        return true;
      },
    };
  };
}
