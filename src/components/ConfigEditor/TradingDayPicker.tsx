import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  addDays,
  addMonths,
  clampDate,
  dayLabel,
  daysByDate,
  inCalendar,
  monthTitle,
  monthWeeks,
  type TradingCalendarView,
  WEEKDAYS,
  weekdayOf,
} from '../../store/trading-calendar';

export type DateTarget = 'start' | 'end';

/** One key per kind of day, each a small cell drawn with the grid's own classes so the two cannot differ. */
const LEGEND = [
  ['is-closed', '6', 'weekend'],
  ['is-closed is-holiday', '4', 'exchange holiday'],
  ['is-early', '3', 'early close'],
  ['is-in-window', '8', 'in the window'],
] as const;

/**
 * A month of the exchange calendar as a grid (the WAI-ARIA date picker grid: one tab stop; arrows move a
 * day or a week, Home and End to the week's ends, Page Up and Page Down a month, with Shift a year; Enter or
 * Space picks). Weekends and exchange holidays are marked closed and cannot be picked; the window between
 * `start` and `end` is shaded. What is picked goes to `target`, the start or the end date.
 */
export function TradingDayPicker({
  calendar,
  start,
  end,
  target,
  disabled,
  onPick,
}: {
  calendar: TradingCalendarView;
  start: string;
  end: string;
  target: DateTarget;
  /** Out of step with the JSON: shown, but nothing in it can be focused or picked. */
  disabled: boolean;
  onPick: (date: string) => void;
}) {
  const titleId = useId();
  // 1,461 days: built once per calendar, not on every keystroke in the form.
  const days = useMemo(() => daysByDate(calendar), [calendar]);
  const targetDate = target === 'start' ? start : end;
  // The dates come from the JSON as typed: one that is not a real date of the calendar opens its first month.
  const [focus, setFocus] = useState(() =>
    inCalendar(calendar, targetDate) ? targetDate : inCalendar(calendar, start) ? start : calendar.first,
  );
  const grid = useRef<HTMLTableElement>(null);
  // Focus follows the focused day only once the user has moved in the grid, not when it is first drawn.
  const moved = useRef(false);

  // The shown month follows the date being set when it changes from outside (typed, or the JSON).
  useEffect(() => {
    if (!inCalendar(calendar, targetDate)) return;
    moved.current = false;
    setFocus(targetDate);
  }, [targetDate, calendar]);

  useEffect(() => {
    if (!moved.current) return;
    grid.current?.querySelector<HTMLElement>(`[data-date="${focus}"]`)?.focus();
  }, [focus]);

  const move = (to: string) => {
    moved.current = true;
    setFocus(clampDate(calendar, to));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (disabled) return;
    const to = stepFrom(focus, event.key, event.shiftKey);
    if (to !== null) {
      event.preventDefault();
      move(to);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (days.get(focus)?.trading) onPick(focus);
    }
  };

  const canBack = focus.slice(0, 7) > calendar.first.slice(0, 7);
  const canOn = focus.slice(0, 7) < calendar.last.slice(0, 7);

  return (
    <div className="day-picker">
      <div className="day-picker__head">
        <button
          type="button"
          className="button button--small"
          aria-label="Previous month"
          disabled={!canBack}
          onClick={() => setFocus(clampDate(calendar, addMonths(focus, -1)))}
        >
          ‹
        </button>
        <h3 id={titleId} className="day-picker__title" aria-live="polite">
          {monthTitle(focus)}
        </h3>
        <button
          type="button"
          className="button button--small"
          aria-label="Next month"
          disabled={!canOn}
          onClick={() => setFocus(clampDate(calendar, addMonths(focus, 1)))}
        >
          ›
        </button>
      </div>
      <table
        ref={grid}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA Authoring Practices' date picker grid is a table with role grid.
        role="grid"
        className="day-picker__grid"
        aria-labelledby={titleId}
        data-testid="day-picker"
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            {WEEKDAYS.map((day) => (
              <th key={day} scope="col" abbr={day}>
                {day.slice(0, 2)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(focus).map((week) => (
            <tr key={week.find((d) => d !== null) ?? ''}>
              {week.map((date, i) => {
                const day = date === null ? undefined : days.get(date);
                if (date === null || day === undefined) {
                  // biome-ignore lint/suspicious/noArrayIndexKey: the empty cells of a week are by place.
                  return <td key={i} className="day-picker__blank" aria-hidden="true" />;
                }
                const picked = date === start || date === end;
                const inWindow = date >= start && date <= end;
                const classes = [
                  'day-picker__day',
                  day.trading ? '' : 'is-closed',
                  day.note !== null && !day.trading ? 'is-holiday' : '',
                  day.earlyClose ? 'is-early' : '',
                  inWindow ? 'is-in-window' : '',
                  picked ? 'is-picked' : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                const role =
                  date === start && date === end ? 'start and end' : date === start ? 'start' : 'end';
                return (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the grid handles the keys of its cells (one tab stop).
                  <td
                    key={date}
                    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of the date picker grid.
                    role="gridcell"
                    className={classes}
                    data-date={date}
                    tabIndex={date === focus && !disabled ? 0 : -1}
                    aria-selected={picked}
                    aria-disabled={!day.trading || disabled}
                    aria-label={`${dayLabel(day)}${picked ? `, chosen ${role} date` : ''}`}
                    title={
                      day.trading ? (day.earlyClose ? 'Early close' : undefined) : (day.note ?? 'Weekend')
                    }
                    onClick={() => {
                      if (disabled) return;
                      move(date);
                      if (day.trading) onPick(date);
                    }}
                  >
                    {Number(date.slice(8, 10))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="day-picker__legend" data-testid="day-picker-legend">
        {LEGEND.map(([kind, sample, label]) => (
          <span key={label} className="day-picker__key">
            <span className={`day-picker__day day-picker__sample ${kind}`} aria-hidden="true">
              {sample}
            </span>
            {label}
          </span>
        ))}
      </p>
    </div>
  );
}

/** The day a key moves the focus to (arrows a day or a week, Home/End the week's ends, Page keys a month). */
function stepFrom(focus: string, key: string, shift: boolean): string | null {
  const weekday = weekdayOf(focus);
  switch (key) {
    case 'ArrowLeft':
      return addDays(focus, -1);
    case 'ArrowRight':
      return addDays(focus, 1);
    case 'ArrowUp':
      return addDays(focus, -7);
    case 'ArrowDown':
      return addDays(focus, 7);
    case 'Home':
      return addDays(focus, -weekday);
    case 'End':
      return addDays(focus, 6 - weekday);
    case 'PageUp':
      return addMonths(focus, shift ? -12 : -1);
    case 'PageDown':
      return addMonths(focus, shift ? 12 : 1);
    default:
      return null;
  }
}
