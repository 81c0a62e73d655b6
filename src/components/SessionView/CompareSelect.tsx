import { memo } from 'react';

/**
 * The compare overlay's symbol: a native select (keyboard and screen readers know it), "None" first. Its
 * options change only when the session's symbols do (`names` is their list joined), not at every read.
 */
export const CompareSelect = memo(function CompareSelect({
  id,
  names,
  exclude,
  selected,
  onSelect,
}: {
  id: string;
  /** The session's symbols, joined by `,` (a string, so that a read with the same symbols draws nothing). */
  names: string;
  /** The chart's own symbol (not offered). */
  exclude: string | null;
  selected: string | null;
  onSelect: (symbol: string | null) => void;
}) {
  const symbols = names === '' ? [] : names.split(',').filter((s) => s !== exclude);
  return (
    <label className="compare-select" htmlFor={id}>
      <span className="compare-select__label">Compare</span>
      <select
        id={id}
        className="field-input field-input--compact compare-select__input"
        data-testid="compare-select"
        value={selected ?? ''}
        disabled={symbols.length === 0}
        onChange={(event) => onSelect(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">None</option>
        {symbols.map((symbol) => (
          <option key={symbol} value={symbol}>
            {symbol}
          </option>
        ))}
      </select>
    </label>
  );
});
