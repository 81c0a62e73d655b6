import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64 } from '../common/base64';
import { gzip } from '../common/gzip';
import { encodeDemoTape } from '../export/contract';
import { createMirrorApi } from '../mirror/mirror-api';
import type { ViewQuery } from '../mirror/view';
import { type MadeTape, packTape, recordTape } from './demo-tape.test-support';
import { createPlayerApi } from './player-api';

let made: MadeTape;
let packed: string;

beforeAll(async () => {
  made = recordTape({ everyMinutes: 30, days: 2 });
  packed = await packTape(made);
});

const query = (symbol: string, interval: string): ViewQuery => ({
  source: 'offline',
  symbol,
  interval,
  shown: null,
});

/** What the offline replay shows after the exports of one day up to `upTo` (the oracle). */
async function replayOf(files: MadeTape['files'], v: ViewQuery) {
  const mirror = createMirrorApi();
  const opened = await mirror.openFiles(
    files.map((f) => ({ name: f.name, blob: new Blob([f.bytes as Uint8Array<ArrayBuffer>]) })),
  );
  if (!opened.ok) throw new Error(opened.error);
  const shown = mirror.showStep(files.length - 1);
  if (!shown.ok) throw new Error(shown.error);
  return mirror.view(v);
}

// `analysisKey` is a token of the mirror that made the read (each mirror numbers its analysis states its
// own way): two mirrors holding the same analysis give different tokens, so it is left out of the comparison.
const plain = ({ analysisKey: _token, ...read }: ReturnType<ReturnType<typeof createPlayerApi>['view']>) => ({
  ...read,
  key: read.key,
  series: read.series && {
    ...read.series,
    time: Array.from(read.series.time),
    close: Array.from(read.series.close),
    volume: Array.from(read.series.volume),
  },
});

describe('the demo player worker', () => {
  it('opens a tape of two trading days as steps and chains, showing the first step', async () => {
    const player = createPlayerApi();
    const opened = await player.openTape(packed);
    if (!opened.ok) throw new Error(opened.error);
    const { facts, steps } = opened.value;
    // 390 market minutes a day, every 30: a complete export and 13 deltas each day.
    expect(steps).toHaveLength(28);
    expect(steps.filter((s) => s.day === 0)).toHaveLength(14);
    expect(steps.filter((s) => s.day === 1)).toHaveLength(14);
    expect(steps.map((s) => s.name)).toEqual(made.files.map((f) => f.name));
    expect(steps[0]).toEqual({ name: made.files[0]?.name, marketTime: '2025-07-01T09:30:00', day: 0 });
    expect(steps[1]).toMatchObject({ marketTime: '2025-07-01T10:00:00', day: 0 });
    expect(steps[14]).toMatchObject({ marketTime: '2025-07-02T09:31:00', day: 1 });
    expect(steps.at(-1)?.marketTime).toBe('2025-07-02T16:00:00');
    expect(facts).toEqual({
      sessionName: 'Example Trading Session',
      firstMarketTime: '2025-07-01T09:30:00',
      lastMarketTime: '2025-07-02T16:00:00',
      everyMinutes: 30,
      excluded: [],
      writtenAt: made.header.written_at,
    });
    const first = player.view(query('AAPL', '1m'));
    expect(first.overview.sessionDate).toBe('2025-07-01');
    expect(first.series?.total).toBe(3900);
    expect(await player.tapeChecked()).toEqual({ ok: true, value: true });
  });

  it('shows any step, forward, back and across days, exactly as the offline replay of that day would', async () => {
    const player = createPlayerApi();
    const opened = await player.openTape(packed);
    if (!opened.ok) throw new Error(opened.error);
    // Forward in a day, back in it, on to the next day, back to the first: each against the oracle.
    for (const [step, symbol, interval] of [
      [5, 'AAPL', '1m'],
      [9, 'RIVN', '5m'],
      [3, 'TSLA', '15m'],
      [20, 'AAPL', '1m'],
      [27, 'RIVN', '1m'],
      [14, 'AAPL', '5m'],
      [1, 'TSLA', '1m'],
    ] as const) {
      expect(await player.showStep(step)).toEqual({ ok: true, value: step });
      const day = step < 14 ? 0 : 1;
      const files = made.files.slice(day * 14, step + 1);
      const expected = await replayOf(files, query(symbol, interval));
      const got = player.view(query(symbol, interval));
      expect(plain(got)).toEqual(plain(expected));
    }
    // 1m bars of the second day at its last step: the whole day, after ten days of history.
    await player.showStep(27);
    expect(player.view(query('AAPL', '1m')).series?.total).toBe(3900 + 390);
  });

  it('refuses steps outside the tape and leaves the one shown', async () => {
    const player = createPlayerApi();
    expect(await player.showStep(0)).toEqual({ ok: false, error: 'no tape is open' });
    await player.openTape(packed);
    await player.showStep(4);
    for (const bad of [-1, 28, 1.5, Number.NaN]) {
      expect(await player.showStep(bad)).toMatchObject({ ok: false });
    }
    expect(player.view(query('AAPL', '1m')).overview.sequence).toBe(5);
  });
});

describe('a damaged tape', () => {
  const packOf = async (header: MadeTape['header'], files: MadeTape['files']) =>
    toBase64(await gzip(encodeDemoTape(header, files)));

  /** A tape refused as it is opened: nothing is shown. */
  async function refusal(base64: string): Promise<string> {
    const player = createPlayerApi();
    const opened = await player.openTape(base64);
    if (opened.ok) throw new Error('the damaged tape was opened');
    expect(await player.showStep(0)).toEqual({ ok: false, error: 'no tape is open' });
    expect(player.view(query('AAPL', '1m')).overview.symbols).toEqual([]);
    return opened.error;
  }

  /**
   * A tape damaged after its first export: the first step is shown while the rest is checked, then the
   * check fails with one line, and no other step is ever shown.
   */
  async function refusedOnCheck(base64: string): Promise<string> {
    const player = createPlayerApi();
    const opened = await player.openTape(base64);
    if (!opened.ok) throw new Error(opened.error);
    const checked = await player.tapeChecked();
    if (checked.ok) throw new Error('the damaged tape passed its check');
    expect(await player.showStep(1)).toEqual(checked);
    expect(player.view(query('AAPL', '1m')).overview.sequence).toBe(1);
    return checked.error;
  }

  it('is one line saying what is wrong', async () => {
    expect(await refusal('not base64 at all!')).toBe('the tape is not base64 text');
    expect(await refusal('')).toBe('the tape is empty');
    expect(await refusal(toBase64(new TextEncoder().encode('plain text, not gzip')))).toBe(
      'the tape is not gzip data, or its gzip data is damaged',
    );
    // Cut short: the gzip stream ends before its trailer.
    const whole = await gzip(encodeDemoTape(made.header, made.files));
    expect(await refusal(toBase64(whole.subarray(0, whole.byteLength >> 1)))).toBe(
      'the tape is not gzip data, or its gzip data is damaged',
    );
    expect(await refusal(toBase64(await gzip(new TextEncoder().encode('{not json\n'))))).toBe(
      'the tape header is not JSON',
    );
    expect(await refusal(await packOf({ ...made.header, version: 7 }, made.files))).toMatch(
      /^tape version 7 is not one this player reads/,
    );
  });

  it('names the export that is broken in the middle of the tape', async () => {
    const files = made.files.map((f) => ({ ...f }));
    const broken = files[17] as (typeof files)[number];
    broken.bytes = broken.bytes.subarray(0, broken.bytes.byteLength - 40);
    const error = await refusedOnCheck(await packOf(made.header, files));
    expect(error).toMatch(new RegExp(`^${broken.name}: not a JSON file`));
    // The first export itself broken: refused as the tape is opened.
    const head = made.files.map((f) => ({ ...f }));
    (head[0] as (typeof head)[number]).bytes = (head[0] as (typeof head)[number]).bytes.subarray(0, 100);
    expect(await refusal(await packOf(made.header, head))).toMatch(
      new RegExp(`^${head[0]?.name}: not a JSON file`),
    );
  });

  it('names the export after one missing from a day, and a tape that starts with a delta', async () => {
    const missing = made.files.filter((_, i) => i !== 6);
    const error = await refusedOnCheck(await packOf(made.header, missing));
    expect(error).toContain((made.files[7] as { name: string }).name);
    expect(error).toContain('an export is missing');
    const headless = made.files.slice(1);
    expect(await refusal(await packOf(made.header, headless))).toBe(
      `${(made.files[1] as { name: string }).name}: the tape starts with a delta export, not a complete one`,
    );
  });

  it('leaves a tape already open as it was', async () => {
    const player = createPlayerApi();
    await player.openTape(packed);
    await player.showStep(3);
    expect(await player.openTape('%%%')).toEqual({ ok: false, error: 'the tape is not base64 text' });
    expect(player.view(query('AAPL', '1m')).overview.sequence).toBe(4);
    expect(await player.showStep(20)).toEqual({ ok: true, value: 20 });
  });

  it('names an export that is not what the header lists', async () => {
    const files = made.files.map((f) => ({ ...f }));
    (files[3] as (typeof files)[number]).marketTime = '2025-07-01T11:11:00';
    expect(await refusedOnCheck(await packOf(made.header, files))).toBe(
      `${files[3]?.name}: the export is a delta one at 2025-07-01T11:00:00, but the tape's header lists a delta one at 2025-07-01T11:11:00`,
    );
  });

  it('answers views while it checks the rest of the tape', async () => {
    const player = createPlayerApi();
    const opened = await player.openTape(packed);
    if (!opened.ok) throw new Error(opened.error);
    let checked = false;
    const done = player.tapeChecked().then(() => {
      checked = true;
    });
    // The first step is there before the check is done; a later step waits for it.
    expect(player.view(query('AAPL', '1m')).series?.total).toBe(3900);
    expect(checked).toBe(false);
    const later = await player.showStep(5);
    expect(checked).toBe(true);
    expect(later).toEqual({ ok: true, value: 5 });
    await done;
  });
});
