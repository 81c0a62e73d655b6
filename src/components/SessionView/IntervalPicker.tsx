/** The intervals a symbol can be charted at: every bar stream of the session and every historical interval, shortest first. */
export function IntervalPicker({
  intervals,
  selected,
  onSelect,
}: {
  intervals: readonly string[];
  selected: string;
  onSelect: (interval: string) => void;
}) {
  return (
    <fieldset className="interval-picker" aria-label="Interval">
      {intervals.map((interval) => (
        <button
          key={interval}
          type="button"
          className="interval-picker__button"
          aria-pressed={interval === selected}
          data-testid="interval-button"
          onClick={() => onSelect(interval)}
        >
          {interval}
        </button>
      ))}
    </fieldset>
  );
}
