// An exponential moving average with alpha = 2 / (period + 1), seeded with the simple mean of its first
// `period` values.

import { SeededAverage } from './seeded-average';

export class EmaSmoother extends SeededAverage {
  private readonly alpha = 2 / (this.period + 1);

  // The textbook update: prev + alpha * (x - prev).
  protected smooth(previous: number, x: number): number {
    return previous + this.alpha * (x - previous);
  }
}
