import { useRef, useState } from 'react';
import { useAppStore } from '../../store/context';
import { Card } from '../Card/Card';
import { ColumnMapping } from './ColumnMapping';
import { ImportedSets } from './ImportedSets';
import { ImportReport } from './ImportReport';
import './ImportBars.css';

/**
 * Import one-minute bars for a symbol from a CSV or Parquet file: the engine reads and checks the file
 * (progress, Cancel), the report lists every bad row, then "Skip bad rows and import" or Cancel.
 */
export function ImportBars() {
  const importing = useAppStore((s) => s.importing);
  const symbols = useAppStore((s) => s.snapshot?.symbols);
  const engineUp = useAppStore((s) => s.snapshot !== null && s.workerError === null);
  const choose = useAppStore((s) => s.importChooseFile);
  const setSymbol = useAppStore((s) => s.importSetSymbol);
  const setMapping = useAppStore((s) => s.importSetMapping);
  const read = useAppStore((s) => s.importRead);
  const stop = useAppStore((s) => s.importStopReading);
  const commit = useAppStore((s) => s.importCommit);
  const cancel = useAppStore((s) => s.importCancel);
  const fileInput = useRef<HTMLInputElement>(null);
  const [mapByHand, setMapByHand] = useState(false);

  const { phase, columns } = importing;
  const idle = phase === 'idle';
  const recognizedAll =
    columns !== null && Object.keys(columns.recognized).length === Object.keys(columns.names).length;
  const showMapping =
    columns !== null && (mapByHand || !recognizedAll || Object.keys(importing.mapping).length > 0);
  const percent = importing.progress === null ? null : Math.round(importing.progress * 100);

  return (
    <Card
      className="import-bars"
      title="Import bars"
      titleId="import-title"
      aside={<span className="card__aside">CSV or Parquet, one-minute bars</span>}
    >
      <p className="import-bars__note">
        An imported symbol replays these bars <strong>from the next start</strong>, in place of generated
        data; its <strong>ticks and quotes are left out</strong>. Bars must be one minute long, in regular
        hours (09:30–16:00 exchange time).
      </p>
      <div className="import-bars__form">
        <input
          ref={fileInput}
          type="file"
          accept=".csv,.txt,.parquet,text/csv"
          hidden
          data-testid="import-file-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) {
              setMapByHand(false);
              void choose(file, file.name);
            }
            event.target.value = '';
          }}
        />
        <button
          type="button"
          className="button"
          disabled={!idle && phase !== 'review'}
          onClick={() => fileInput.current?.click()}
        >
          Choose file…
        </button>
        <span className="import-bars__file" data-testid="import-file-name" title={importing.fileName}>
          {importing.fileName || 'No file chosen'}
        </span>
        <label className="import-bars__symbol">
          <span>Symbol</span>
          <select
            className="field-input"
            aria-label="Symbol to import for"
            value={importing.symbol}
            disabled={!idle || !symbols}
            onChange={(event) => setSymbol(event.target.value)}
          >
            <option value="">—</option>
            {symbols?.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--primary"
          disabled={!idle || !engineUp || importing.file === null || importing.symbol === ''}
          onClick={() => void read()}
        >
          Read file
        </button>
      </div>
      {columns !== null &&
        idle &&
        recognizedAll &&
        !mapByHand &&
        Object.keys(importing.mapping).length === 0 && (
          <p className="import-bars__columns">
            Columns recognized: {columns.columns.join(', ')}.{' '}
            <button type="button" className="link-button" onClick={() => setMapByHand(true)}>
              Map by hand
            </button>
          </p>
        )}
      {showMapping && columns !== null && (
        <ColumnMapping columns={columns} mapping={importing.mapping} disabled={!idle} onChange={setMapping} />
      )}
      {phase === 'reading' && (
        <div className="import-progress" data-testid="import-progress">
          <span>Reading {importing.fileName}…</span>
          <progress
            className="import-progress__bar"
            max={100}
            value={percent ?? 0}
            aria-label="Read so far"
          />
          <span className="number">{percent ?? 0}%</span>
          <button type="button" className="button button--small" onClick={() => void stop()}>
            Cancel
          </button>
        </div>
      )}
      {importing.error !== null && (
        <p className="inline-error" role="alert" data-testid="import-error">
          <span>{importing.error}</span>
        </p>
      )}
      {importing.notice !== null && (
        <p className="import-bars__notice" role="status" data-testid="import-notice">
          {importing.notice}
        </p>
      )}
      {importing.pending !== null && (phase === 'review' || phase === 'committing') && (
        <ImportReport
          pending={importing.pending}
          busy={phase === 'committing'}
          onCommit={() => void commit()}
          onCancel={() => void cancel()}
        />
      )}
      <div className="import-bars__sets">
        <h3 className="import-bars__subtitle">Imported symbols</h3>
        <ImportedSets />
      </div>
    </Card>
  );
}
