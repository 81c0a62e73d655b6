/** The intervals a symbol can be charted at (1m, each derived interval, 1d from history). */
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
