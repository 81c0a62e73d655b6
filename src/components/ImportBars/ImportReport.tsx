import type { PendingImport } from '../../../workers/api/engine-api';
import { formatCount, formatDateRange } from '../../format';
import { BadRows } from './BadRows';

/** What a checked import holds: rows read, bars kept, dates, every bad row; then import or cancel. */
export function ImportReport({
  pending,
  busy,
  onCommit,
  onCancel,
}: {
  pending: PendingImport;
  busy: boolean;
  onCommit: () => void;
  onCancel: () => void;
}) {
  const { report } = pending;
  const first = report.dates[0];
  const last = report.dates[report.dates.length - 1];
  return (
    <div className="import-report" data-testid="import-report">
      <p className="import-report__title">
        <strong>{pending.fileName}</strong> for <strong>{report.symbol}</strong>, checked; nothing changed
        yet.
      </p>
      <dl className="import-report__facts">
        <div>
          <dt>Rows read</dt>
          <dd className="number" data-testid="import-rows-read">
            {formatCount(report.rowsRead)}
          </dd>
        </div>
        <div>
          <dt>Bars kept</dt>
          <dd className="number" data-testid="import-bars-kept">
            {formatCount(report.barsKept)}
          </dd>
        </div>
        <div>
          <dt>Bad rows</dt>
          <dd className={report.badRowCount > 0 ? 'number is-bad' : 'number'} data-testid="import-bad-count">
            {formatCount(report.badRowCount)}
          </dd>
        </div>
        <div>
          <dt>Dates</dt>
          <dd className="number" data-testid="import-dates" title={report.dates.join('\n')}>
            {first && last
              ? `${formatDateRange(first, last)} · ${report.dates.length} ${report.dates.length === 1 ? 'day' : 'days'}`
              : 'none'}
          </dd>
        </div>
      </dl>
      {report.badRows.length > 0 && <BadRows rows={report.badRows} total={report.badRowCount} />}
      <div className="import-report__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || report.barsKept === 0}
          onClick={onCommit}
        >
          {report.badRowCount > 0 ? 'Skip bad rows and import' : 'Import'}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
        {report.barsKept === 0 && (
          <span className="import-report__none">No good rows: nothing to import.</span>
        )}
      </div>
    </div>
  );
}
