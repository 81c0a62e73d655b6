// How the analysis section's rows are written (docs/export-format.md section 10.1): one compact array per
// line in the pretty layout, as the streams' rows are. Signals and orders are few (one per decision) and
// hold text, so each is written as a small JSON value; equity samples come once a minute for the whole run,
// so they are written straight from their columns, like the bars.

import type { SeriesColumns } from '../engine/columns';
import type { ByteSink } from './byte-sink';
import { type JsonValue, writeValue } from './json-value';
import type { RowWriter } from './streams';
import { seriesRows } from './streams';
import type { TimestampWriter } from './timestamps';

const COMPACT = { pretty: false };

/** Rows made one at a time from `row(i)`: few, and holding text that needs JSON escaping. */
export function valueRows(row: (i: number) => JsonValue): RowWriter {
  return (sink: ByteSink, from: number, to: number, indent: number | null) => {
    for (let i = from; i < to; i++) {
      if (i > from) sink.char(0x2c);
      if (indent !== null) sink.newline(indent);
      writeValue(sink, row(i), COMPACT, 0);
    }
  };
}

/** Equity samples: the local date-time of each, then the money columns (rounded as they were sampled). */
export function equityRows(equity: SeriesColumns, times: TimestampWriter): RowWriter {
  return seriesRows(equity, times, 'dateTime');
}
