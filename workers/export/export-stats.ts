// What the exporter remembers about its own work, reported in `performance_metrics`.

import { Timing } from '../engine/pipeline';

export interface ExportSummary {
  generated_at: string;
  consumer: string;
  sequence: number;
  duration_ms: number;
  bytes: number;
  lines: number;
  rows: number;
}

export class ExportStats {
  exportsMade = 0;
  failedExports = 0;
  readonly timing = new Timing();
  lastComplete: ExportSummary | null = null;
  lastDelta: ExportSummary | null = null;

  record(complete: boolean, summary: ExportSummary): void {
    this.exportsMade++;
    this.timing.record(summary.duration_ms);
    if (complete) this.lastComplete = summary;
    else this.lastDelta = summary;
  }
}
