// What the exporter remembers about its own work, reported in `performance_metrics`: how many exports were
// made, and the duration and size of the last complete and the last delta export.

export interface ExportSummary {
  duration_ms: number;
  bytes: number;
  rows: number;
}

export class ExportStats {
  exportsMade = 0;
  lastComplete: ExportSummary | null = null;
  lastDelta: ExportSummary | null = null;

  record(complete: boolean, summary: ExportSummary): void {
    this.exportsMade++;
    if (complete) this.lastComplete = summary;
    else this.lastDelta = summary;
  }
}
