import type { StartProgress as Progress } from '../../../workers/api/engine-api';
import { formatCount } from '../../format';

/**
 * While Start loads every symbol's history: a bar of symbols done out of all of them (at 1,000 symbols
 * the start takes a while), the symbol being loaded when one takes several slices, and Cancel.
 */
export function StartProgress({ progress, onCancel }: { progress: Progress; onCancel: () => void }) {
  const { symbolsDone, symbolsTotal, current } = progress;
  return (
    <div className="controls__progress" role="status" data-testid="start-progress">
      <span>
        Loading history: {formatCount(symbolsDone)} of {formatCount(symbolsTotal)} symbols
        {current === undefined
          ? ''
          : ` (${current.symbol}: ${formatCount(current.daysDone)} of ${formatCount(current.daysTotal)} trading days)`}
      </span>
      <progress
        className="controls__progress-bar"
        max={Math.max(symbolsTotal, 1)}
        value={symbolsDone}
        aria-label="Symbols whose history is loaded"
        data-testid="start-progress-bar"
      />
      <button type="button" className="button button--small" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
