// Commodity channel index of the typical price tp = (h + l + c) / 3:
// (tp - SMA(tp, n)) / (0.015 * mean absolute deviation of the last n tp from that SMA).
//
// The one indicator here with O(period) work per bar: the mean absolute deviation has no O(1) update (every
// |tp_i - mean| changes when the mean moves), so it is a pass over the ring. The mean is taken in the same
// pass (not from a running sum) so that a running sum's drift cannot shift tp - mean when the window is
// nearly flat. Edge: a flat window (all tp equal, found in O(1) by monotonic deques) gives 0 instead of
// 0 / 0, even where rounding would leave a tiny deviation. Valid from bar n.

import { MonotonicDeque } from './monotonic-deque';
import { RingBuffer } from './ring-buffer';
import type { CalcFactory } from './types';

export const cci: CalcFactory = (period) => {
  const ring = new RingBuffer(period);
  const maxTp = new MonotonicDeque(period, true);
  const minTp = new MonotonicDeque(period, false);
  let index = 0;
  return {
    update(_newDay, _open, high, low, close, _volume, out) {
      const tp = (high + low + close) / 3;
      ring.push(tp);
      maxTp.push(index, tp, index - period + 1);
      minTp.push(index, tp, index - period + 1);
      index++;
      if (!ring.full) return false;
      if (maxTp.front === minTp.front) {
        out[0] = 0;
        return true;
      }
      let sum = 0;
      for (let i = 0; i < period; i++) sum += ring.at(i);
      const mean = sum / period;
      let deviation = 0;
      for (let i = 0; i < period; i++) deviation += Math.abs(ring.at(i) - mean);
      deviation /= period;
      out[0] = (tp - mean) / (0.015 * deviation);
      return true;
    },
  };
};
