// What the viewer shows around the tree: opening (progress and Cancel), a failure (and a way out), the
// open file's summary, and what it could not use in the file.
import { formatBytes, formatCount, formatDuration, formatMarketTime } from '../../format';
import { useAppStore } from '../../store/context';
import { Notes } from '../Notes/Notes';

export function ViewerOpening() {
  const fileName = useAppStore((s) => s.viewer.fileName);
  const progress = useAppStore((s) => s.viewer.progress);
  const cancel = useAppStore((s) => s.cancelViewerOpen);
  const read = progress?.bytesRead ?? 0;
  const total = progress?.bytesTotal ?? 0;
  return (
    <div className="viewer__opening" role="status" data-testid="viewer-progress">
      <span className="spinner" aria-hidden="true" />
      <div className="viewer__opening-text">
        <div>
          Opening <span className="viewer__file">{fileName}</span>…
        </div>
        <progress className="viewer__bar" aria-label="Reading the export" max={total || 1} value={read} />
        <div className="viewer__muted number">
          {formatBytes(read)} of {formatBytes(total)} read and indexed
        </div>
      </div>
      <button type="button" className="button button--small" onClick={cancel}>
        Cancel
      </button>
    </div>
  );
}

export function ViewerFailure() {
  const status = useAppStore((s) => s.viewer.status);
  const error = useAppStore((s) => s.viewer.error);
  const workerDown = useAppStore((s) => s.viewer.workerDown);
  const canRetry = useAppStore((s) => s.viewer.canRetry);
  const retry = useAppStore((s) => s.retryViewer);
  const cancelled = status === 'cancelled';
  return (
    <div
      className={cancelled ? 'viewer__notice' : 'viewer__notice viewer__notice--error'}
      role={cancelled ? 'status' : 'alert'}
      data-testid="viewer-error"
    >
      <div className="viewer__notice-text">
        {workerDown && <strong>The viewer stopped working. </strong>}
        {error}
      </div>
      {canRetry && (
        <button type="button" className="button button--small button--primary" onClick={retry}>
          {workerDown ? 'Restart viewer' : cancelled ? 'Open again' : 'Try again'}
        </button>
      )}
    </div>
  );
}

export function ViewerSummaryLine() {
  const summary = useAppStore((s) => s.viewer.summary);
  const fileName = useAppStore((s) => s.viewer.fileName);
  if (!summary) return null;
  const facts: [string, string][] = [
    [
      'consumer',
      `${summary.consumer ?? '—'}${summary.sequence === null ? '' : ` #${formatCount(summary.sequence)}`}`,
    ],
    ['market time', summary.marketTime === null ? '—' : `${formatMarketTime(summary.marketTime)} ET`],
    ['symbols', formatCount(summary.symbols)],
    ['rows', `${formatCount(summary.rows)} in ${formatCount(summary.streams)} streams`],
    ['size', formatBytes(summary.bytes)],
    ['indexed in', formatDuration(summary.indexMs)],
  ];
  return (
    <div className="viewer__summary" data-testid="viewer-summary" data-mode={summary.mode}>
      <div className="viewer__title-line">
        <span className={`mode-badge mode-badge--${summary.mode} viewer__mode`}>{summary.mode}</span>
        <span className="viewer__file" title={fileName ?? undefined}>
          {fileName}
        </span>
      </div>
      <dl className="viewer__facts">
        {facts.map(([label, value]) => (
          <div key={label} className="viewer__fact">
            <dt>{label}</dt>
            <dd className="number">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

const NO_NOTES: readonly string[] = [];

/** What the open file held that could not be used, or had to be assumed (the original's files). */
export function ViewerNotes() {
  const notes = useAppStore((s) => s.viewer.summary?.notes ?? NO_NOTES);
  return <Notes notes={notes} testId="viewer-notes" />;
}
