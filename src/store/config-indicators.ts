// The config editor's "Add indicator", without React or the engine: an entry with the catalogue's defaults
// on one of the bar intervals the text streams (the config form reads those, `barIntervals`, and names them
// as its streams do), and the entry put into `session_data_config.indicators.session` of the text. The engine's check then runs on the new
// text like on any edit, and names the field of a bad entry.
import type { Result } from '../../workers/common/result';
import type { SessionIndicatorInfo } from '../engine-client';
import { BASE_INTERVAL, isObject } from '../intervals';
import { configText } from './config-form';

/** What the form edits: a period (null for an indicator without one), an interval, and the params. */
export interface IndicatorDraft {
  name: string;
  period: number | null;
  interval: string;
  params: Record<string, number>;
}

/**
 * Parameters that default to the entry's period (the stochastic's %K look-back): left out of a draft
 * unless changed, so that the period typed is the one used.
 */
const FOLLOWS_PERIOD: Readonly<Record<string, string>> = { stochastic: 'k_period' };

/** The catalogue's defaults for `info`, on the first interval offered. */
export function draftOf(info: SessionIndicatorInfo, intervals: readonly string[]): IndicatorDraft {
  const follows = FOLLOWS_PERIOD[info.name];
  return {
    name: info.name,
    period: info.period?.default ?? null,
    interval: intervals[0] ?? BASE_INTERVAL,
    params: Object.fromEntries(
      Object.entries(info.params)
        .filter(([key]) => key !== follows)
        .map(([key, rule]) => [key, rule.default]),
    ),
  };
}

/** The value a draft's parameter field shows: as changed, else the period it follows, else its default. */
export function paramValue(info: SessionIndicatorInfo, draft: IndicatorDraft, key: string): number {
  const given = draft.params[key];
  if (given !== undefined) return given;
  const rule = info.params[key];
  if (FOLLOWS_PERIOD[info.name] === key && draft.period !== null) return draft.period;
  return rule?.default ?? 0;
}

/** A session entry in the original's form: `{name, period, interval, type, params}`. */
export interface SessionIndicatorEntry {
  name: string;
  period: number;
  interval: string;
  type: string;
  params: Record<string, number>;
}

/** The entry for a draft; an indicator without a period is written with 0 (its key then has none: `vwap_1m`). */
export function entryOf(info: SessionIndicatorInfo, draft: IndicatorDraft): SessionIndicatorEntry {
  return {
    name: info.name,
    period: draft.period ?? 0,
    interval: draft.interval,
    type: info.type,
    params: { ...draft.params },
  };
}

/**
 * `text` with `entry` added at the end of `session_data_config.indicators.session`, the list (and
 * `indicators`) made when absent. The text is written again as the app writes configurations (two-space
 * JSON). Refused, with one line, when the text does not parse or a part on the way is not an object/list.
 */
export function insertSessionIndicator(text: string, entry: SessionIndicatorEntry): Result<string> {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the configuration is not valid JSON: fix it before adding an indicator' };
  }
  if (!isObject(root)) return { ok: false, error: 'the configuration is not a JSON object' };
  const sessionData = root.session_data_config;
  if (!isObject(sessionData)) return { ok: false, error: 'session_data_config: expected an object' };
  const indicators = sessionData.indicators ?? {};
  if (!isObject(indicators))
    return { ok: false, error: 'session_data_config.indicators: expected an object' };
  const session = indicators.session ?? [];
  if (!Array.isArray(session))
    return { ok: false, error: 'session_data_config.indicators.session: expected a list' };
  indicators.session = [...session, entry];
  sessionData.indicators = indicators;
  return { ok: true, value: configText(root) };
}
