// Real tapes for the player's tests and scripts/dev-demo.ts: the built-in session replayed by the engine,
// with a complete export at the start of each trading day and a delta every N market minutes after it,
// laid out and compressed as a demo file holds them (workers/export/contract/demo-tape.ts).

import { toBase64 } from '../common/base64';
import { concatBytes } from '../common/bytes';
import { gzip } from '../common/gzip';
import { type DemoTapeFile, defaultFileName, encodeDemoTape } from '../export/contract';
import { backtestOf } from '../export/export.test-support';
import { Exporter } from '../export/exporter';

export interface TapeOptions {
  /** One step every this many market minutes (default 30). */
  everyMinutes?: number;
  /** Trading days of the built-in session to record (default 2; it has 3). */
  days?: number;
}

export interface MadeTape {
  header: Parameters<typeof encodeDemoTape>[0];
  files: DemoTapeFile[];
}

const CONSUMER = 'demo';

/** The exports of a demo of the built-in session, with the header a writer would give them. */
export function recordTape({ everyMinutes = 30, days = 2 }: TapeOptions = {}): MadeTape {
  const backtest = backtestOf();
  let clock = Date.UTC(2025, 6, 4, 18, 0, 0);
  // Each export a second after the last, so that no two files share a name.
  const exporter = new Exporter(backtest, () => (clock += 1000));
  const started = backtest.start();
  if (!started.ok) throw new Error(started.error);
  const files: DemoTapeFile[] = [];
  const times: string[] = [];
  const take = (complete: boolean) => {
    const result = exporter.export({ complete, consumer: CONSUMER });
    if (!result.ok) throw new Error(result.error);
    const { metadata, chunks } = result.value;
    const name = defaultFileName(backtest.config.sessionName, metadata.mode, metadata.fileTimestamp);
    files.push({ name, bytes: concatBytes(chunks), mode: metadata.mode, marketTime: metadata.marketTime });
    times.push(metadata.marketTime ?? '');
  };
  for (let day = 0; day < days; day++) {
    // The first minute of the next day opens its session.
    if (day > 0) backtest.advance(1);
    take(true);
    while (backtest.minute < backtest.sessionMinutes) {
      backtest.advance(Math.min(everyMinutes, backtest.sessionMinutes - backtest.minute));
      take(false);
    }
  }
  const header = {
    format: 'session-tape-demo' as const,
    version: 1,
    session_name: backtest.config.sessionName,
    first_market_time: times[0] ?? '',
    last_market_time: times.at(-1) ?? '',
    every_minutes: everyMinutes,
    excluded: [],
    written_at: new Date(clock).toISOString(),
  };
  return { header, files };
}

/** The tape as the page holds it: base64 of the gzip of header and files. */
export async function packTape({ header, files }: MadeTape): Promise<string> {
  return toBase64(await gzip(encodeDemoTape(header, files)));
}
