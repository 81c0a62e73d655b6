// swing_low: the last low strictly below the lows of the `period` bars on each side (swing-point.ts).

import { swingPoint } from './swing-point';

export const swingLow = swingPoint(false);
