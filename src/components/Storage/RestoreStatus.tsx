import type { RestoreState } from '../../store/storage-types';

/** Putting back the configuration and the imported data sets after a reload: progress, then what came back. */
export function RestoreStatus({ restore }: { restore: RestoreState }) {
  if (restore.active) {
    const percent = restore.progress === null ? null : Math.round(restore.progress * 100);
    return (
      <div className="restore-status" role="status" data-testid="restore-status">
        <span>{restore.step}…</span>
        {percent !== null && (
          <>
            <progress
              className="restore-status__bar"
              max={100}
              value={percent}
              aria-label="Restored so far"
            />
            <span className="number">{percent}%</span>
          </>
        )}
      </div>
    );
  }
  if (restore.summary === null && restore.problems.length === 0) return null;
  return (
    <div className="restore-status restore-status--done" data-testid="restore-status">
      {restore.summary !== null && <p>{restore.summary}</p>}
      {restore.problems.map((problem) => (
        <p key={problem} className="restore-status__problem">
          {problem}
        </p>
      ))}
    </div>
  );
}
