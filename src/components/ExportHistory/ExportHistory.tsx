import { formatBytes, formatCount } from '../../format';
import { useAppStore } from '../../store/context';
import { EXPORT_HISTORY_LIMIT } from '../../store/export-history';
import { Card } from '../Card/Card';
import { ExportRow } from './ExportRow';
import './ExportHistory.css';

/** Every export of this page, newest first: what it is, and View / Download / Remove. */
export function ExportHistory() {
  const exports = useAppStore((s) => s.exports);
  const total = exports.reduce((sum, r) => sum + r.bytes, 0);

  return (
    <Card
      className="history"
      title="Export history"
      titleId="history-title"
      aside={
        exports.length > 0 && (
          <span className="card__aside number" data-testid="history-summary">
            {formatCount(exports.length)} {exports.length === 1 ? 'export' : 'exports'} · {formatBytes(total)}
            {exports.length >= EXPORT_HISTORY_LIMIT ? ` · the newest ${EXPORT_HISTORY_LIMIT} are kept` : ''}
          </span>
        )
      }
    >
      {exports.length === 0 ? (
        <p className="history__empty">
          No exports yet. Use <strong>Export complete</strong> or <strong>Export delta</strong>, the console's{' '}
          <code>system export-status</code>, or the auto-export.
        </p>
      ) : (
        <div className="history__scroll">
          <table className="history__table" data-testid="export-history">
            <thead>
              <tr>
                <th scope="col" title="Wall-clock time in the exchange's timezone, as in the file name">
                  Made (ET)
                </th>
                <th scope="col">Mode · seq</th>
                <th scope="col">Consumer</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col" className="num">
                  Lines
                </th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="num">
                  Took
                </th>
                <th scope="col">Streams changed</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {exports.map((record) => (
                <ExportRow key={record.id} record={record} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
