import type { ReactNode } from 'react';
import type { ExportRecord } from '../../export-record';
import { formatBytes, formatCount, formatDuration, formatMarketTime } from '../../format';
import { useAppStore } from '../../store/context';
import { describeChangedPath } from '../../store/export-history';

const SOURCE = { panel: 'export panel', console: 'console', auto: 'auto-export' } as const;

interface RowActionProps {
  /** Names the button with its export ("View session-….json"): each row has the same five words. */
  label: string;
  title?: string;
  danger?: boolean;
  onClick: () => void;
  children: ReactNode;
}

/** One of a history row's buttons: small, named for its export. */
function RowAction({ label, title, danger = false, onClick, children }: RowActionProps) {
  return (
    <button
      type="button"
      className={danger ? 'button button--small button--danger' : 'button button--small'}
      aria-label={label}
      title={title}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/**
 * One export of the history. View hands it to the viewer; Replay opens it offline with the exports it chains
 * to; Compare compares it with the export it follows; Download saves it again; Remove forgets it.
 */
export function ExportRow({ record }: { record: ExportRecord }) {
  const openInViewer = useAppStore((s) => s.openInViewer);
  const openInReplay = useAppStore((s) => s.openHistoryInReplay);
  const compareWith = useAppStore((s) => s.compareWith);
  const download = useAppStore((s) => s.downloadExport);
  const remove = useAppStore((s) => s.removeExport);
  const viewing = useAppStore((s) => s.viewing === record.id);
  const changed = record.changedPaths;

  return (
    <tr
      className={viewing ? 'history__row history__row--viewing' : 'history__row'}
      data-testid="export-row"
      data-export-id={record.id}
      data-mode={record.mode}
    >
      <td className="history__made-cell">
        <div className="history__made number" title={`generated_at ${record.generatedAt}`}>
          {formatMarketTime(record.generatedAt)}
        </div>
        <div className="history__file" title={`${record.downloadName}\nfrom the ${SOURCE[record.source]}`}>
          {record.downloadName}
        </div>
      </td>
      <td className="history__mode-cell">
        <span className={`mode-badge mode-badge--${record.mode}`}>{record.mode}</span>{' '}
        <span
          className="history__seq number"
          title={
            record.previousSequence === null ? 'sequence' : `sequence, since #${record.previousSequence}`
          }
        >
          #{record.sequence}
        </span>
        {record.marketTime !== null && ' '}
        {record.marketTime !== null && (
          <span className="history__market number" title="The backtest clock when the export was made">
            market {formatMarketTime(record.marketTime).slice(0, 5)}
          </span>
        )}
      </td>
      <td className="history__consumer" data-label="Consumer">
        {record.consumer}
      </td>
      <td className="num history__size" data-label="Size" title={`${formatCount(record.bytes)} bytes`}>
        {formatBytes(record.bytes)}
      </td>
      <td className="num history__lines" data-label="Lines">
        {formatCount(record.lines)}
      </td>
      <td className="num history__rows" data-label="Rows">
        {formatCount(record.rows)}
      </td>
      <td className="num history__took" data-label="Took">
        {formatDuration(record.durationMs)}
      </td>
      <td className="history__changed-cell" data-label="Streams changed">
        {record.mode === 'complete' ? (
          <span className="history__muted" title="A complete export carries every stream">
            all
          </span>
        ) : changed.length === 0 ? (
          <span className="history__muted">none</span>
        ) : (
          <details className="history__changed" title={changed.join('\n')}>
            <summary>
              {formatCount(changed.length)} {changed.length === 1 ? 'stream' : 'streams'}
            </summary>
            <ul>
              {changed.map((path) => (
                <li key={path}>{describeChangedPath(path)}</li>
              ))}
            </ul>
          </details>
        )}
        {record.excluded.length > 0 && (
          <div className="history__excluded" title="Left out of this export">
            without {record.excluded.join(', ')}
          </div>
        )}
      </td>
      <td className="history__actions-cell">
        <div className="history__actions">
          <RowAction label={`View ${record.fileName}`} onClick={() => openInViewer(record.id)}>
            View
          </RowAction>
          <RowAction
            label={`Open ${record.fileName} in replay`}
            title={`Replay offline with the exports of consumer ${record.consumer} it chains to`}
            onClick={() => void openInReplay(record.id)}
          >
            Replay
          </RowAction>
          <RowAction
            label={`Compare ${record.fileName} with…`}
            title="Compare with the export it follows (a delta's base, else the one before); A can be changed"
            onClick={() => compareWith(record.id)}
          >
            Compare
          </RowAction>
          <RowAction label={`Download ${record.downloadName}`} onClick={() => void download(record.id)}>
            Download
          </RowAction>
          <RowAction
            label={`Remove ${record.fileName} from the history`}
            danger
            onClick={() => remove(record.id)}
          >
            Remove
          </RowAction>
        </div>
      </td>
    </tr>
  );
}
