// swing_high: the last high strictly above the highs of the `period` bars on each side (swing-point.ts).

import { swingPoint } from './swing-point';

export const swingHigh = swingPoint(true);
