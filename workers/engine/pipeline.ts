// The four pipeline stages of the original system, with per-stage timing and what they processed.

export const PIPELINE_STAGES = [
  'session_coordinator',
  'data_processor',
  'data_quality_manager',
  'analysis_engine',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export interface TimingStats {
  min: number;
  max: number;
  avg: number;
  count: number;
}

/** Running min/max/mean of durations in milliseconds, O(1) memory. */
export class Timing {
  private min = Number.POSITIVE_INFINITY;
  private max = 0;
  private total = 0;
  private count = 0;

  record(ms: number): void {
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    this.total += ms;
    this.count++;
  }

  stats(): TimingStats {
    if (this.count === 0) return { min: 0, max: 0, avg: 0, count: 0 };
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return {
      min: round(this.min),
      max: round(this.max),
      avg: round(this.total / this.count),
      count: this.count,
    };
  }
}

export interface PipelineCounters {
  barsProcessed: number;
  derivedBarsProcessed: number;
  ticksProcessed: number;
  quotesProcessed: number;
  minutesProcessed: number;
  sessionsOpened: number;
}

export class Pipeline {
  readonly timings = new Map<PipelineStage, Timing>(PIPELINE_STAGES.map((s) => [s, new Timing()]));
  readonly counters: PipelineCounters = {
    barsProcessed: 0,
    derivedBarsProcessed: 0,
    ticksProcessed: 0,
    quotesProcessed: 0,
    minutesProcessed: 0,
    sessionsOpened: 0,
  };

  /** Runs one stage's work and records how long it took. */
  time<T>(stage: PipelineStage, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.timings.get(stage)?.record(performance.now() - started);
    }
  }
}
