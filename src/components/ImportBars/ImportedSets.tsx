import { formatCount, formatDateRange } from '../../format';
import { useAppStore } from '../../store/context';
import type { KeepState } from '../../store/import-types';

const KEPT: Record<KeepState, string> = {
  saving: 'saving…',
  kept: 'kept in this browser',
  'not-kept': 'not kept after reload',
};

/**
 * The symbols replaying imported bars, each with a way back to generated data, and the data sets kept for
 * symbols the configuration in force does not have, each with a way to delete it.
 */
export function ImportedSets() {
  const sets = useAppStore((s) => s.importedSets);
  const drop = useAppStore((s) => s.importDrop);
  // While kept data is restored, a set may be being imported again: wait for it.
  const restoring = useAppStore((s) => s.storage.restore.active);
  if (sets.length === 0) {
    return <p className="imported-sets__empty">Every symbol replays generated data.</p>;
  }
  return (
    <ul className="imported-sets" data-testid="imported-sets">
      {sets.map((d) => (
        <li key={d.symbol} className="imported-sets__item" data-testid="imported-set" data-symbol={d.symbol}>
          <div className="imported-sets__what">
            <strong>{d.symbol}</strong>{' '}
            <span className="imported-sets__file">{d.fileName || 'imported bars'}</span>
            <div className="imported-sets__facts number">
              {d.barsKept > 0 && `${formatCount(d.barsKept)} bars`}
              {d.firstDate && d.lastDate && ` · ${formatDateRange(d.firstDate, d.lastDate)}`}
              {' · '}
              <span className={`imported-sets__kept is-${d.kept}`} data-testid="imported-set-kept">
                {KEPT[d.kept]}
              </span>
            </div>
            {d.waiting && (
              <div className="imported-sets__waiting" data-testid="imported-set-waiting">
                not in this configuration: replays again once {d.symbol} is back
              </div>
            )}
          </div>
          <button
            type="button"
            className="button button--small"
            aria-label={
              d.waiting ? `Delete the kept bars of ${d.symbol}` : `Use generated data for ${d.symbol}`
            }
            disabled={restoring}
            onClick={() => void drop(d.symbol)}
          >
            {d.waiting ? 'Delete' : 'Use generated data'}
          </button>
        </li>
      ))}
    </ul>
  );
}
