// The session configuration: shown as JSON, checked as the user types, and put in force as a fresh
// (stopped) engine.

import { SESSION_INDICATORS, type SessionIndicatorInfo } from '../common/indicator-catalogue';
import type { Result } from '../common/result';
import { quoted } from '../common/shown-text';
import { addDays, tradingDay } from '../engine/calendar';
import { defaultSessionConfig, parseSessionConfigText } from '../engine/config';
import { FIRST_DATE, isCalendarDate, LAST_DATE } from '../engine/config-schema';
import type { EngineHost } from './engine-host';
import type { Runtime, RuntimeOptions } from './runtime';

export interface ConfigView {
  /** The configuration in force, as JSON text in the original form. */
  text: string;
  sessionName: string;
  /** Sections kept but not used (indicators, gap filler, ...), as dotted paths. */
  ignored: string[];
}

/** One day of the exchange calendar, as the config form's date picker marks it. */
export interface CalendarDayView {
  date: string;
  /** False on weekends and exchange holidays. */
  trading: boolean;
  /** The holiday's name on a holiday, the occasion on an early close (`Independence Day (eve)`); else null. */
  note: string | null;
  earlyClose: boolean;
}

/** The exchange calendar from `first` to `last` (both inclusive), a configuration's supported dates. */
export interface TradingCalendarView {
  first: string;
  last: string;
  days: CalendarDayView[];
}

const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * `make` builds the engine for a new configuration; `carryOver` hands it what must survive the change
 * (the imported bars of the symbols it still has).
 */
export function createConfigVerbs(
  host: EngineHost,
  make: (options: RuntimeOptions) => Runtime,
  carryOver: (runtime: Runtime) => void,
) {
  const configView = (): ConfigView => {
    const { config } = host.runtime.backtest;
    return { text: jsonText(config.raw), sessionName: config.sessionName, ignored: [...config.ignored] };
  };

  return {
    configuration: (): ConfigView => configView(),

    /**
     * The session indicators a configuration may name (docs/export-format.md section 9), for the config
     * editor's "Add indicator": the page cannot import the catalogue, so it asks for it as plain data.
     */
    indicatorCatalogue: (): SessionIndicatorInfo[] =>
      SESSION_INDICATORS.map((i) => ({ ...i, outputs: [...i.outputs], params: { ...i.params } })),

    /**
     * The exchange calendar for `first`..`last` (at most the dates a configuration accepts, FIRST_DATE to
     * LAST_DATE), from the engine's own calendar module: the config form's date picker marks weekends and
     * holidays with it, so the picker and the schema's no-trading-day check agree. The page cannot import
     * the calendar; it asks for the days as plain data.
     */
    tradingCalendar(first: string = FIRST_DATE, last: string = LAST_DATE): Result<TradingCalendarView> {
      const accepted = `accepted: dates "YYYY-MM-DD" from ${FIRST_DATE} to ${LAST_DATE}, first <= last`;
      const bad = [first, last].find(
        (d) => typeof d !== 'string' || !isCalendarDate(d) || d < FIRST_DATE || d > LAST_DATE,
      );
      if (bad !== undefined) return { ok: false, error: `${quoted(bad)} is not a date (${accepted})` };
      if (first > last) return { ok: false, error: `"${first}" is after "${last}" (${accepted})` };
      const days: CalendarDayView[] = [];
      for (let date = first; date <= last; date = addDays(date, 1)) {
        const day = tradingDay(date);
        days.push({ date, trading: day.isTradingDay, note: day.holidayName, earlyClose: day.isEarlyClose });
      }
      return { ok: true, value: { first, last, days } };
    },

    /** The built-in default configuration, as JSON text. */
    defaultConfigText: (): string => jsonText(defaultSessionConfig().raw),

    /** Checks a configuration as the user types: the ignored sections, or the one-line problem. */
    checkConfig(text: string): Result<{ ignored: string[]; sessionName: string }> {
      const parsed = parseSessionConfigText(text);
      return parsed.ok
        ? { ok: true, value: { ignored: parsed.value.ignored, sessionName: parsed.value.sessionName } }
        : parsed;
    },

    /**
     * Puts a configuration in force: a fresh engine (stopped) with it. Refused while a session runs, unless
     * `stopFirst` ("Stop and apply"): then the session is stopped first, but only once the text is known to
     * be valid, so that a refused configuration leaves the session running as it was.
     */
    applyConfig(text: string, options: { stopFirst?: boolean } = {}): Result<ConfigView> {
      const state = host.runtime.backtest.state;
      if ((state === 'RUNNING' || state === 'PAUSED') && options.stopFirst !== true) {
        return { ok: false, error: `the session is ${state}; stop it before changing the configuration` };
      }
      const parsed = parseSessionConfigText(text);
      if (!parsed.ok) return parsed;
      host.runtime.stop();
      const runtime = make({ config: JSON.parse(text) as unknown });
      carryOver(runtime);
      host.replace(runtime);
      return { ok: true, value: configView() };
    },
  };
}
