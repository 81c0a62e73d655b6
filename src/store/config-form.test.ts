import { describe, expect, it } from 'vitest';
import {
  addHistory,
  barIntervals,
  HISTORY_INTERVALS,
  partOfField,
  readForm,
  removeHistory,
  removeIndicator,
  setDates,
  setHistoryDays,
  setSessionName,
  setStream,
  setSymbols,
  spelledAsStreams,
  streamChoices,
  streamKey,
  symbolToAdd,
} from './config-form';

// A configuration as a person might write it: keys in an unusual order, fields the form does not know.
const SOURCE = `{
  "comment": "mine",
  "backtest_config": { "end_date": "2025-07-03", "prefetch_days": 2, "start_date": "2025-07-01" },
  "session_name": "Mine",
  "mode": "backtest",
  "session_data_config": {
    "streams": [5, "1m", "ticks"],
    "symbols": ["RIVN", "AAPL"],
    "gap_filler": { "enabled": true },
    "historical": { "data": [{ "interval": "1m", "trailing_days": 10 }, { "trailing_days": 5, "intervals": ["1d", "1w"], "apply_to": "all" }] },
    "indicators": { "session": [{ "name": "sma", "period": 10, "interval": "5m" }, { "name": "vwap", "period": 0, "interval": "1m" }] }
  }
}`;

const value = (result: { ok: true; value: string } | { ok: false; error: string }): string => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

/** Every key of a parsed JSON object, depth first, in order: what "the order is kept" means. */
function keyPaths(node: unknown, at = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((child, i) => keyPaths(child, `${at}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, child]) => [`${at}.${key}`, ...keyPaths(child, `${at}.${key}`)]);
}

describe('reading the form from the JSON', () => {
  it('reads the common fields as written, streams as the engine counts them', () => {
    const read = readForm(SOURCE);
    expect(read).toEqual({
      ok: true,
      fields: {
        sessionName: 'Mine',
        startDate: '2025-07-01',
        endDate: '2025-07-03',
        symbols: ['RIVN', 'AAPL'],
        streams: ['5m', '1m', 'ticks'],
        streamsDefault: false,
        historyEnabled: true,
        history: [
          { intervals: ['1m'], trailingDays: 10 },
          { intervals: ['1d', '1w'], trailingDays: 5 },
        ],
        indicators: [
          { name: 'sma', period: 10, interval: '5m' },
          { name: 'vwap', period: 0, interval: '1m' },
        ],
      },
    });
  });

  it('is out of step, saying why, when the JSON does not parse or a field has another shape', () => {
    const broken = readForm(SOURCE.replace('"Mine",', '"Mine"'));
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.reason).toMatch(/^The JSON does not parse \(.+\)\. Fix it in the editor/);
    expect(readForm('[1, 2]')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a JSON object/),
    });
    const symbols = readForm(SOURCE.replace('["RIVN", "AAPL"]', '"RIVN"'));
    expect(symbols).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^session_data_config\.symbols is not a list of tickers/),
    });
    // And a form edit then changes nothing: it is refused with the same reason.
    expect(setSymbols('{"session_name": ', ['RIVN']).ok).toBe(false);
  });

  it('names streams as the engine does, however they are written', () => {
    expect([5, '5', '5m', 60, '60m', '1h', 'ticks', '1d', 'fast', 0].map(streamKey)).toEqual([
      '5m',
      '5m',
      '5m',
      '60m',
      '60m',
      '1h',
      'ticks',
      '1d',
      null,
      null,
    ]);
  });

  it('shows a stream written 60m as 60m everywhere: its checkbox, Add indicator and Add history', () => {
    const sixty = readForm(SOURCE.replace('[5, "1m", "ticks"]', '["1m", "60m"]'));
    if (!sixty.ok) throw new Error(sixty.reason);
    expect(sixty.fields.streams).toEqual(['1m', '60m']);
    // The 1h checkbox is that stream, named as the text names it: never 1h and 60m side by side.
    const choices = streamChoices(sixty.fields.streams);
    expect(choices).toContain('60m');
    expect(choices).not.toContain('1h');
    expect(choices.filter((c) => c === '60m')).toHaveLength(1);
    // Add indicator offers the streams' intervals in the same spelling (the engine's bars are "60m").
    expect(barIntervals(sixty.fields.streams)).toEqual(['1m', '60m']);
    expect(spelledAsStreams(HISTORY_INTERVALS, sixty.fields.streams)).toEqual([
      '1m',
      '5m',
      '15m',
      '60m',
      '1d',
      '1w',
    ]);
    // Written 1h, it is 1h in all three.
    const hour = readForm(SOURCE.replace('[5, "1m", "ticks"]', '["1m", "1h"]'));
    if (!hour.ok) throw new Error(hour.reason);
    expect(streamChoices(hour.fields.streams)).toContain('1h');
    expect(streamChoices(hour.fields.streams)).not.toContain('60m');
    expect(barIntervals(hour.fields.streams)).toEqual(['1m', '1h']);
    // Intervals of indicators and history are shown as the engine names them too.
    const numbers = readForm(
      SOURCE.replace('"interval": "5m"', '"interval": 60').replace(
        '"interval": "1m", "trailing',
        '"interval": 15, "trailing',
      ),
    );
    expect(numbers).toMatchObject({
      ok: true,
      fields: {
        indicators: [{ interval: '60m' }, { interval: '1m' }],
        history: [{ intervals: ['15m'] }, {}],
      },
    });
  });

  it("offers Add indicator the streams' bar intervals, 1m when the text names none", () => {
    const streams = (list: unknown[]) => {
      const read = readForm(SOURCE.replace('[5, "1m", "ticks"]', JSON.stringify(list)));
      if (!read.ok) throw new Error(read.reason);
      return barIntervals(read.fields.streams);
    };
    expect(streams(['1m', 5, '15', '1h', 'ticks', 'quotes'])).toEqual(['1m', '5m', '15m', '1h']);
    expect(streams(['ticks'])).toEqual(['1m']);
    // Named twice (5 and "5m" are one stream): offered once.
    expect(streams(['5m', 5, '1m'])).toEqual(['5m', '1m']);
    const bare = readForm(SOURCE.replace('"streams": [5, "1m", "ticks"],', ''));
    expect(bare.ok && barIntervals(bare.fields.streams)).toEqual(['1m']);
  });
});

describe('writing the JSON from the form', () => {
  it('changes the one value and keeps every other key, in its order', () => {
    const before = keyPaths(JSON.parse(SOURCE));
    for (const next of [
      value(setSessionName(SOURCE, 'Renamed')),
      value(setDates(SOURCE, { start: '2025-06-02', end: '2025-06-30' })),
      value(setSymbols(SOURCE, ['RIVN', 'AAPL', 'BRK.B'])),
      value(setHistoryDays(SOURCE, 1, 20)),
    ]) {
      expect(keyPaths(JSON.parse(next))).toEqual(before);
      expect(next).toBe(`${JSON.stringify(JSON.parse(next), null, 2)}\n`);
    }
    const renamed = JSON.parse(value(setSessionName(SOURCE, 'Renamed')));
    expect(renamed.session_name).toBe('Renamed');
    expect(renamed.comment).toBe('mine');
    expect(renamed.backtest_config.prefetch_days).toBe(2);
    expect(renamed.session_data_config.gap_filler).toEqual({ enabled: true });
    const dated = JSON.parse(value(setDates(SOURCE, { end: '2025-07-10' }))).backtest_config;
    expect(dated).toEqual({ end_date: '2025-07-10', prefetch_days: 2, start_date: '2025-07-01' });
  });

  it('adds and removes streams, keeping those it does not touch as written', () => {
    const added = JSON.parse(value(setStream(SOURCE, '15m', true))).session_data_config.streams;
    expect(added).toEqual([5, '1m', 'ticks', '15m']);
    // 5 and "5m" are the one stream: taking it off takes 5 away.
    const removed = JSON.parse(value(setStream(SOURCE, '5m', false))).session_data_config.streams;
    expect(removed).toEqual(['1m', 'ticks']);
    // No streams written: the engine streams 1m, and the first change starts from that.
    const bare = SOURCE.replace('"streams": [5, "1m", "ticks"],', '');
    expect(readForm(bare)).toMatchObject({ ok: true, fields: { streams: ['1m'], streamsDefault: true } });
    expect(JSON.parse(value(setStream(bare, 'quotes', true))).session_data_config.streams).toEqual([
      '1m',
      'quotes',
    ]);
    // 1h checked over a text streaming "60m": the same stream, nothing added (the engine refuses it twice).
    const sixty = SOURCE.replace('[5, "1m", "ticks"]', '["1m", "60m"]');
    expect(JSON.parse(value(setStream(sixty, '1h', true))).session_data_config.streams).toEqual([
      '1m',
      '60m',
    ]);
    expect(JSON.parse(value(setStream(sixty, '60m', false))).session_data_config.streams).toEqual(['1m']);
  });

  it('adds, edits and removes historical requests and session indicators', () => {
    const added = value(addHistory(SOURCE, '1h', 3));
    expect(JSON.parse(added).session_data_config.historical.data[2]).toEqual({
      interval: '1h',
      trailing_days: 3,
    });
    const removed = JSON.parse(value(removeHistory(SOURCE, 0))).session_data_config.historical.data;
    expect(removed).toEqual([{ trailing_days: 5, intervals: ['1d', '1w'], apply_to: 'all' }]);
    const without = JSON.parse(value(removeIndicator(SOURCE, 0))).session_data_config.indicators.session;
    expect(without.map((i: { name: string }) => i.name)).toEqual(['vwap']);
    // Sections made where missing go last in their object.
    const minimal = '{"session_name": "m", "session_data_config": {"symbols": ["RIVN"]}}';
    const made = JSON.parse(value(addHistory(minimal, '1d', 30)));
    expect(Object.keys(made.session_data_config)).toEqual(['symbols', 'historical']);
    expect(Object.keys(JSON.parse(value(setDates(minimal, { start: '2025-01-02' }))))).toEqual([
      'session_name',
      'session_data_config',
      'backtest_config',
    ]);
  });
});

describe('a symbol typed into the form', () => {
  it('is upper-cased, and refused with one line when it is not a ticker or is listed', () => {
    expect(symbolToAdd(' brk.b ', ['RIVN'])).toEqual({ ok: true, value: 'BRK.B' });
    expect(symbolToAdd('RIVN', ['RIVN'])).toEqual({ ok: false, error: 'RIVN is listed already.' });
    const bad = symbolToAdd('<b>not a ticker at all, really</b>', []);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^"<b>not a ticker at a…" is not a ticker \(accepted: /);
    expect(symbolToAdd('  ', []).ok).toBe(false);
  });
});

describe("the engine's problem tied to the form's part", () => {
  it('finds the part a dotted field is in', () => {
    expect(partOfField('backtest_config.start_date')).toBe('dates');
    expect(partOfField('session_data_config.symbols[2]')).toBe('symbols');
    expect(partOfField('session_data_config.historical.data[0].trailing_days')).toBe('history');
    expect(partOfField('session_data_config.symbols_extra')).toBe(null);
    expect(partOfField('JSON')).toBe(null);
  });
});
