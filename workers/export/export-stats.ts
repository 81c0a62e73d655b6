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
  private readonly listeners = new Set<() => void>();

  record(complete: boolean, summary: ExportSummary): void {
    this.exportsMade++;
    if (complete) this.lastComplete = summary;
    else this.lastDelta = summary;
    for (const listener of this.listeners) listener();
  }

  /**
   * Calls `listener` after every export recorded: `performance_metrics` changed, so whoever shows it (the
   * live feed) has something new even when the session did not move. Returns the unsubscribe.
   */
  onRecord(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
