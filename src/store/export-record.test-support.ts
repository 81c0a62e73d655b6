// An export of the history for the store's tests: every field filled with a neutral value, `id` and
// `sequence` given, anything else overridable.
import type { ExportRecord } from '../export-record';

export const exportRecord = (
  over: Partial<ExportRecord> & Pick<ExportRecord, 'id' | 'sequence'>,
): ExportRecord => ({
  fileName: `${over.id}.json`,
  downloadName: `${over.id}.json`,
  gzip: false,
  createdAt: 0,
  source: 'panel',
  mode: 'delta',
  consumer: 'default',
  previousSequence: over.sequence - 1,
  sessionId: 1,
  generatedAt: '',
  marketTime: null,
  bytes: 0,
  lines: 0,
  rows: 0,
  durationMs: 0,
  changedPaths: [],
  excluded: [],
  blob: new Blob([over.id]),
  ...over,
});
