// A stream block as the readers hold it once checked (docs/export-format.md sections 3 and 11): apart from
// export-doc.ts so that the analysis section's reader shares it without an import cycle.

export type Row = (string | number | null)[];

export interface StreamBlock {
  count: number;
  /** The rows the stream holds; when the file did not say (`totalKnown` false), the rows in this block. */
  total_count: number;
  /** Whether the file gave `total_count` (a delta without it cannot be checked to follow on). */
  totalKnown: boolean;
  generated?: boolean;
  /** The row fields; this app's columns for the stream when the file names none. */
  columns: string[];
  data?: Row[];
  latest?: Record<string, string | number | null>;
}
