import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Result } from '../../../workers/common/result';
import {
  addHistory,
  barIntervals,
  type ConfigFormFields,
  type FormPart,
  HISTORY_INTERVALS,
  MAX_TRAILING_DAYS,
  partOfField,
  readForm,
  removeHistory,
  removeIndicator,
  sameStream,
  setDates,
  setHistoryDays,
  setHistoryEnabled,
  setSessionName,
  setStream,
  setSymbols,
  spelledAsStreams,
  streamChoices,
  symbolToAdd,
} from '../../store/config-form';
import { useAppStore } from '../../store/context';
import { isDate, type TradingCalendarView, tradingDaysIn, writableDate } from '../../store/trading-calendar';
import { AddIndicator } from './AddIndicator';
import { type DateTarget, TradingDayPicker } from './TradingDayPicker';
import './ConfigForm.css';

/**
 * The configuration's common fields as a form, beside the JSON and always in step with it: the fields are
 * read from the editor's text on every change, and each edit writes the text again through `write` (the
 * other keys kept, in their order). Text the form cannot read puts it out of step: disabled, saying why.
 * The engine's problem with a field shows under that field too.
 */
export function ConfigForm({ write }: { write: (text: string) => void }) {
  const text = useAppStore((s) => s.config.text);
  const loaded = useAppStore((s) => s.config.inForce !== null);
  const check = useAppStore((s) => s.config.check);
  const engineUp = useAppStore((s) => s.snapshot !== null && s.workerError === null);
  const read = useMemo(() => readForm(text), [text]);
  // Out of step, the form keeps showing the last fields it could read (disabled), not blank ones.
  const last = useRef<ConfigFormFields | null>(null);
  if (read.ok) last.current = read.fields;
  const fields = read.ok ? read.fields : last.current;
  const outOfStep = loaded && !read.ok;
  const outId = useId();

  const problem =
    check.status === 'error'
      ? { part: partOfField(check.field), text: `${check.field}: ${check.reason}` }
      : null;
  const errorOf = (part: FormPart) => (problem?.part === part ? problem.text : null);
  const put = (result: Result<string>) => {
    if (result.ok) write(result.value);
  };

  return (
    <section className="config-form" data-testid="config-form" data-in-step={!outOfStep}>
      {outOfStep && !read.ok && (
        <p id={outId} className="config-form__out" role="status" data-testid="config-form-out">
          <strong>Out of step with the JSON.</strong> {read.reason}
        </p>
      )}
      {fields === null ? (
        <p className="config-form__hint">{loaded ? '' : 'Loading the configuration…'}</p>
      ) : (
        <fieldset
          className="config-form__fields"
          disabled={outOfStep}
          aria-describedby={outOfStep ? outId : undefined}
        >
          <legend className="config-form__title">Common fields</legend>
          <NameField
            value={fields.sessionName}
            error={errorOf('name')}
            onChange={(name) => put(setSessionName(text, name))}
          />
          <DatesField
            start={fields.startDate}
            end={fields.endDate}
            error={errorOf('dates')}
            engineUp={engineUp}
            disabled={outOfStep}
            onChange={(dates) => put(setDates(text, dates))}
          />
          <SymbolsField
            symbols={fields.symbols}
            error={errorOf('symbols')}
            onChange={(symbols) => put(setSymbols(text, symbols))}
          />
          <StreamsField
            streams={fields.streams}
            byDefault={fields.streamsDefault}
            error={errorOf('streams')}
            onToggle={(key, on) => put(setStream(text, key, on))}
          />
          <HistoryField
            fields={fields}
            error={errorOf('history')}
            onEnabled={(on) => put(setHistoryEnabled(text, on))}
            onDays={(index, days) => put(setHistoryDays(text, index, days))}
            onAdd={(interval, days) => put(addHistory(text, interval, days))}
            onRemove={(index) => put(removeHistory(text, index))}
          />
          <IndicatorsField
            fields={fields}
            error={errorOf('indicators')}
            engineUp={engineUp}
            write={write}
            onRemove={(index) => put(removeIndicator(text, index))}
          />
        </fieldset>
      )}
    </section>
  );
}

/** The engine's (or the form's) problem with a field, tied to it by `id` (aria-describedby). */
function FieldError({ id, text }: { id: string; text: string | null }) {
  if (text === null) return null;
  return (
    <p id={id} className="config-form__error" data-testid="config-form-error">
      {text}
    </p>
  );
}

function NameField({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | null;
  onChange: (name: string) => void;
}) {
  const id = useId();
  return (
    <div className="config-form__field">
      <label htmlFor={id}>Session name</label>
      <input
        id={id}
        className="field-input"
        value={value}
        autoComplete="off"
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : `${id}-error`}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={`${id}-error`} text={error} />
    </div>
  );
}

function DatesField({
  start,
  end,
  error,
  engineUp,
  disabled,
  onChange,
}: {
  start: string;
  end: string;
  error: string | null;
  engineUp: boolean;
  disabled: boolean;
  onChange: (dates: { start?: string; end?: string }) => void;
}) {
  const id = useId();
  const calendar = useAppStore((s) => s.tradingCalendar);
  const load = useAppStore((s) => s.loadTradingCalendar);
  const [target, setTarget] = useState<DateTarget>('start');
  useEffect(() => {
    if (engineUp) void load();
  }, [engineUp, load]);

  const both = isDate(start) && isDate(end);
  // Filtering the calendar's 1,461 days only when the window or the calendar changes, not on every key.
  const trading = useMemo(
    () => (calendar !== null && both ? tradingDaysIn(calendar, start, end) : null),
    [calendar, both, start, end],
  );
  const notDate = !isDate(start) ? 'start' : !isDate(end) ? 'end' : null;
  const count =
    trading === null
      ? notDate === null
        ? 'Reading the exchange calendar…'
        : `The ${notDate} date in the JSON is not a real date: give both dates as YYYY-MM-DD.`
      : calendar !== null && (start < calendar.first || end > calendar.last)
        ? `Dates run from ${calendar.first} to ${calendar.last}.`
        : start > end
          ? 'The end date is before the start date.'
          : trading.length === 0
            ? 'No trading day in this window (weekends and exchange holidays are closed).'
            : `${trading.length} trading day${trading.length === 1 ? '' : 's'} in the window.`;
  const bad = trading !== null && (start > end || trading.length === 0);

  const describedBy = [`${id}-count`, error === null ? '' : `${id}-error`].filter(Boolean).join(' ');
  // Picking a start after the end (or an end before the start) moves the other date too: one window.
  const pick = (date: string) =>
    target === 'start'
      ? onChange(date > end ? { start: date, end: date } : { start: date })
      : onChange(date < start ? { start: date, end: date } : { end: date });

  return (
    <fieldset className="config-form__group">
      <legend>Backtest window</legend>
      <div className="config-form__dates">
        {(['start', 'end'] as const).map((which) => (
          <div className="config-form__field" key={which}>
            <label htmlFor={`${id}-${which}`}>{which === 'start' ? 'Start date' : 'End date'}</label>
            <DateInput
              id={`${id}-${which}`}
              value={which === 'start' ? start : end}
              calendar={calendar}
              invalid={bad || error !== null}
              describedBy={describedBy}
              onDate={(value) => onChange(which === 'start' ? { start: value } : { end: value })}
            />
          </div>
        ))}
      </div>
      <p
        id={`${id}-count`}
        className={bad ? 'config-form__count is-bad' : 'config-form__count'}
        data-testid="config-form-trading-days"
        aria-live="polite"
      >
        {count}
      </p>
      <FieldError id={`${id}-error`} text={error} />
      {calendar !== null && (
        <>
          <div className="config-form__target" role="radiogroup" aria-label="The calendar sets">
            {(['start', 'end'] as const).map((which) => (
              <label key={which}>
                <input
                  type="radio"
                  name={`${id}-target`}
                  checked={target === which}
                  onChange={() => setTarget(which)}
                />
                {which === 'start' ? 'Set start date' : 'Set end date'}
              </label>
            ))}
          </div>
          <TradingDayPicker
            calendar={calendar}
            start={start}
            end={end}
            target={target}
            disabled={disabled}
            onPick={pick}
          />
        </>
      )}
    </fieldset>
  );
}

/**
 * A native date field that writes only a date worth writing. While a year is typed digit by digit the
 * browser reports 0002-, 0020-, 0202- and then 2025-: written, each would rewrite the JSON, draw the
 * engine's error and be an undo step. What the field shows is kept as typed (set back, the browser would
 * lose its place in the year) and written once it is a date of the calendar; left with a date that is
 * not, the field shows the JSON's date again.
 */
function DateInput({
  id,
  value,
  calendar,
  invalid,
  describedBy,
  onDate,
}: {
  id: string;
  value: string;
  calendar: TradingCalendarView | null;
  invalid: boolean;
  describedBy: string;
  onDate: (date: string) => void;
}) {
  const shown = isDate(value) ? value : '';
  const [draft, setDraft] = useState(shown);
  // A whole date left in the field that is not written: said once, when the field is left.
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    setDraft(shown);
    setRefused(null);
  }, [shown]);
  const range =
    calendar === null
      ? 'dates from 1900 on are accepted'
      : `dates run from ${calendar.first} to ${calendar.last}`;
  return (
    <>
      <input
        id={id}
        className="field-input"
        type="date"
        min={calendar?.first}
        max={calendar?.last}
        value={draft}
        aria-invalid={invalid || refused !== null}
        aria-describedby={refused === null ? describedBy : `${describedBy} ${id}-refused`}
        onChange={(event) => {
          const typed = event.target.value;
          setDraft(typed);
          setRefused(null);
          if (typed !== shown && writableDate(calendar, typed)) onDate(typed);
        }}
        onBlur={() => {
          if (isDate(draft) && draft !== shown) setRefused(`${draft} was not written: ${range}.`);
          setDraft(shown);
        }}
      />
      {refused !== null && (
        <p id={`${id}-refused`} className="config-form__error" role="alert">
          {refused}
        </p>
      )}
    </>
  );
}

function SymbolsField({
  symbols,
  error,
  onChange,
}: {
  symbols: string[];
  error: string | null;
  onChange: (symbols: string[]) => void;
}) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const add = () => {
    const symbol = symbolToAdd(typed, symbols);
    if (!symbol.ok) {
      setRefused(symbol.error);
      return;
    }
    setRefused(null);
    setTyped('');
    onChange([...symbols, symbol.value]);
  };
  const describedBy = [refused === null ? '' : `${id}-refused`, error === null ? '' : `${id}-error`]
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset className="config-form__group">
      <legend>Symbols</legend>
      <ul className="config-form__chips" aria-label="Symbols in the configuration">
        {symbols.map((symbol, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a symbol listed twice (the engine refuses it) is two chips.
          <li key={`${symbol}-${index}`} className="config-form__chip" data-testid="config-form-symbol">
            <span>{symbol}</span>
            <button
              type="button"
              className="config-form__chip-remove"
              aria-label={`Remove ${symbol}`}
              onClick={() => onChange(symbols.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="config-form__add">
        <label htmlFor={id}>Add a symbol</label>
        <input
          id={id}
          className="field-input config-form__symbol-input"
          value={typed}
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. MSFT"
          aria-invalid={refused !== null || error !== null}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          onChange={(event) => {
            setTyped(event.target.value);
            setRefused(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button button--small" onClick={add}>
          Add symbol
        </button>
      </div>
      {refused !== null && (
        <p id={`${id}-refused`} className="config-form__error" role="alert">
          {refused}
        </p>
      )}
      <FieldError id={`${id}-error`} text={error} />
    </fieldset>
  );
}

function StreamsField({
  streams,
  byDefault,
  error,
  onToggle,
}: {
  streams: string[];
  byDefault: boolean;
  error: string | null;
  onToggle: (key: string, on: boolean) => void;
}) {
  const id = useId();
  const choices = streamChoices(streams);
  const described = [`${id}-hint`, error === null ? '' : `${id}-error`].filter(Boolean).join(' ');
  return (
    <fieldset className="config-form__group" aria-describedby={described}>
      <legend>Streams</legend>
      <p id={`${id}-hint`} className="config-form__hint">
        {byDefault
          ? 'Not written in the JSON: the session streams 1m bars. The shortest interval is the base.'
          : 'The shortest interval is the base; the others are built from it.'}
      </p>
      <div className="config-form__checks">
        {choices.map((key) => (
          <label key={key} className="config-form__check">
            <input
              type="checkbox"
              checked={streams.includes(key)}
              onChange={(event) => onToggle(key, event.target.checked)}
            />
            {key}
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} text={error} />
    </fieldset>
  );
}

/** A number of days typed freely; written once it is a whole number (the engine judges the range). */
function DaysInput({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: number | null;
  onChange: (days: number) => void;
}) {
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  useEffect(() => {
    setDraft((typed) =>
      Number(typed) === value && typed !== '' ? typed : value === null ? '' : String(value),
    );
  }, [value]);
  return (
    <input
      id={id}
      className="field-input config-form__days"
      type="number"
      min={1}
      max={MAX_TRAILING_DAYS}
      step={1}
      aria-label={label}
      value={draft}
      onChange={(event) => {
        setDraft(event.target.value);
        const days = Number(event.target.value);
        if (event.target.value !== '' && Number.isInteger(days)) onChange(days);
      }}
    />
  );
}

function HistoryField({
  fields,
  error,
  onEnabled,
  onDays,
  onAdd,
  onRemove,
}: {
  fields: ConfigFormFields;
  error: string | null;
  onEnabled: (on: boolean) => void;
  onDays: (index: number, days: number) => void;
  onAdd: (interval: string, days: number) => void;
  onRemove: (index: number) => void;
}) {
  const id = useId();
  // The common intervals, named as the streams name them (`60m` for `1h` when the text streams `60m`).
  const offered = spelledAsStreams(HISTORY_INTERVALS, fields.streams);
  const [chosen, setHistoryInterval] = useState(HISTORY_INTERVALS[0] ?? '1m');
  const interval = offered.find((i) => sameStream(i, chosen)) ?? chosen;
  const [days, setDays] = useState(10);
  return (
    <fieldset className="config-form__group" aria-describedby={error === null ? undefined : `${id}-error`}>
      <legend>History</legend>
      <label className="config-form__check">
        <input
          type="checkbox"
          checked={fields.historyEnabled}
          onChange={(e) => onEnabled(e.target.checked)}
        />
        Load history before the session
      </label>
      {fields.history.length > 0 && (
        <table className="config-form__history">
          <thead>
            <tr>
              <th scope="col">Interval</th>
              <th scope="col">Trailing trading days</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.history.map((row, index) => {
              const name = row.intervals.join(', ');
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: requests are by place in the list.
                <tr key={index}>
                  <td>{name}</td>
                  <td>
                    <DaysInput
                      id={`${id}-days-${index}`}
                      label={`Trailing trading days of ${name}`}
                      value={row.trailingDays}
                      onChange={(value) => onDays(index, value)}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Remove the ${name} history`}
                      onClick={() => onRemove(index)}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="config-form__add">
        <label>
          <span>Interval</span>
          <select
            className="field-input"
            value={interval}
            onChange={(e) => setHistoryInterval(e.target.value)}
          >
            {offered.map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
        </label>
        <label>
          <span>Days</span>
          <input
            className="field-input config-form__days"
            type="number"
            min={1}
            max={MAX_TRAILING_DAYS}
            value={days}
            onChange={(e) => setDays(e.target.valueAsNumber)}
          />
        </label>
        <button
          type="button"
          className="button button--small"
          disabled={!Number.isInteger(days)}
          onClick={() => onAdd(interval, days)}
        >
          Add history
        </button>
      </div>
      <FieldError id={`${id}-error`} text={error} />
    </fieldset>
  );
}

function IndicatorsField({
  fields,
  error,
  engineUp,
  write,
  onRemove,
}: {
  fields: ConfigFormFields;
  error: string | null;
  engineUp: boolean;
  write: (text: string) => void;
  onRemove: (index: number) => void;
}) {
  const id = useId();
  // One array while the streams stay the same (each edit reads the form anew, a new `streams` array):
  // Add indicator keys its own work on it.
  const streamsKey = fields.streams.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the streams' text, not the array made anew at each edit.
  const intervals = useMemo(() => barIntervals(fields.streams), [streamsKey]);
  return (
    <fieldset className="config-form__group" aria-describedby={error === null ? undefined : `${id}-error`}>
      <legend>Indicators</legend>
      {fields.indicators.length === 0 ? (
        <p className="config-form__hint">None in indicators.session.</p>
      ) : (
        <ul className="config-form__indicators">
          {fields.indicators.map((indicator, index) => {
            const name = `${indicator.name}${indicator.period ? ` ${indicator.period}` : ''} on ${indicator.interval}`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: entries are by place in the list.
              <li key={index}>
                <span>{name}</span>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Remove ${name}`}
                  onClick={() => onRemove(index)}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <AddIndicator disabled={!engineUp} intervals={intervals} write={write} />
      <FieldError id={`${id}-error`} text={error} />
    </fieldset>
  );
}
