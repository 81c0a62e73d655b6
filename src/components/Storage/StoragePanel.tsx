import { useState } from 'react';
import { formatBytes, formatCount } from '../../format';
import { useAppStore } from '../../store/context';
import { Card } from '../Card/Card';
import { RestoreStatus } from './RestoreStatus';
import './Storage.css';

const AGES = [
  { label: 'older than an hour', ms: 3_600_000 },
  { label: 'older than a day', ms: 86_400_000 },
  { label: 'older than a week', ms: 7 * 86_400_000 },
  { label: 'all', ms: 0 },
] as const;

/** What the browser keeps (exports with their bytes, data sets, configs), the room it takes, and cleanup. */
export function StoragePanel() {
  const storage = useAppStore((s) => s.storage);
  const exports = useAppStore((s) => s.exports);
  const sets = useAppStore((s) => s.importedSets);
  const dismiss = useAppStore((s) => s.dismissStorageNotice);
  const persist = useAppStore((s) => s.requestPersistence);
  const deleteBefore = useAppStore((s) => s.deleteExportsBefore);
  const [age, setAge] = useState<number>(AGES[1].ms);

  const kept = exports.filter((r) => storage.keptExports[r.id] === 'kept');
  const notKept = exports.filter((r) => storage.keptExports[r.id] === 'not-kept').length;
  const keptBytes = kept.reduce((sum, r) => sum + r.bytes, 0);
  const keptSets = sets.filter((d) => d.kept === 'kept').length;
  const { usage } = storage;
  const share = usage && usage.quota > 0 ? usage.usage / usage.quota : null;
  const olderCount = (ms: number) => {
    const before = ms === 0 ? Number.POSITIVE_INFINITY : Date.now() - ms;
    return exports.filter((r) => r.createdAt < before).length;
  };

  return (
    <Card
      className="storage-panel"
      title="Kept in this browser"
      titleId="storage-title"
      aside={
        <span className="card__aside number" data-testid="storage-usage">
          {usage
            ? `${formatBytes(usage.usage)} of ${formatBytes(usage.quota)} used${share !== null && share >= 0.0005 ? ` (${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%)` : ''}`
            : 'storage use unknown'}
        </span>
      }
    >
      {share !== null && (
        <meter
          className="storage-panel__meter"
          min={0}
          max={1}
          low={0.7}
          high={0.9}
          optimum={0}
          value={Math.min(1, share)}
          aria-label="Storage used"
        />
      )}
      {storage.notice !== null && (
        <p className="inline-error" role="alert" data-testid="storage-notice">
          <span>{storage.notice}</span>
          <button type="button" className="button button--small" onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
      {storage.unavailable !== null && (
        <p className="inline-error" role="status" data-testid="storage-unavailable">
          {`This browser keeps nothing for this page (${storage.unavailable}): exports still download, but the export history, configurations and data sets will not come back after a reload. Some browsers give a page opened from disk no storage; served (npm start), it has.`}
        </p>
      )}
      <RestoreStatus restore={storage.restore} />
      <p className="storage-panel__facts" data-testid="storage-facts">
        {`${formatCount(kept.length)} ${kept.length === 1 ? 'export with its bytes' : 'exports with their bytes'} (${formatBytes(keptBytes)})`}
        {notKept > 0 && <span className="storage-panel__not-kept"> · {formatCount(notKept)} not kept</span>}
        {' · '}
        {formatCount(keptSets)} imported data {keptSets === 1 ? 'set' : 'sets'} · the configuration applied
        last and those kept by name. After a reload they come back: exports in the history, the configuration
        applied, and each data set imported again.
      </p>
      <div className="storage-panel__actions">
        <label className="storage-panel__age">
          <span>Delete exports</span>
          <select
            className="field-input"
            value={age}
            onChange={(event) => setAge(Number(event.target.value))}
          >
            {AGES.map((a) => (
              <option key={a.ms} value={a.ms}>
                {a.label} ({olderCount(a.ms)})
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--small button--danger"
          disabled={olderCount(age) === 0}
          onClick={() => void deleteBefore(age === 0 ? Number.POSITIVE_INFINITY : Date.now() - age)}
        >
          Delete
        </button>
        <span className="storage-panel__persist" data-testid="storage-persisted">
          {storage.persisted === true ? (
            'Persistent: the browser will not clear it to make room.'
          ) : storage.persisted === false ? (
            <>
              Best effort: the browser may clear it when space runs low.{' '}
              <button type="button" className="link-button" onClick={() => void persist()}>
                Ask to keep it
              </button>
            </>
          ) : null}
        </span>
      </div>
    </Card>
  );
}
