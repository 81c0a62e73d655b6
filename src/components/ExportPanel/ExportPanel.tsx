import { useEffect } from 'react';
import { formatBytes } from '../../format';
import { useAppStore } from '../../store/context';
import { Card } from '../Card/Card';
import { DemoControls } from './DemoControls';
import { DownloadOptions } from './DownloadOptions';
import { ExportOptions } from './ExportOptions';
import { ExportProgressLine } from './ExportProgressLine';
import { SizeComparison } from './SizeComparison';
import './ExportPanel.css';

/** Makes complete and delta exports with the chosen options; shows the one in progress and the last error. */
export function ExportPanel() {
  const unavailable = useAppStore(
    (s) => s.snapshot === null || s.workerError !== null || s.runningExport !== null,
  );
  const error = useAppStore((s) => s.exportError);
  const exportNow = useAppStore((s) => s.exportNow);
  const saveToFile = useAppStore((s) => s.saveExportToFile);
  const savedFile = useAppStore((s) => s.savedFile);
  const dismiss = useAppStore((s) => s.dismissExportError);
  const excludableLoaded = useAppStore((s) => s.excludable !== null);
  const engineUp = useAppStore((s) => s.snapshot !== null && s.workerError === null);
  const loadExcludable = useAppStore((s) => s.loadExcludable);

  useEffect(() => {
    if (engineUp && !excludableLoaded) void loadExcludable();
  }, [engineUp, excludableLoaded, loadExcludable]);

  return (
    <Card
      className="export-panel"
      title="Export"
      titleId="export-title"
      aside={<span className="card__aside">system state as JSON, contract 2.0</span>}
    >
      <div className="export-panel__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={unavailable}
          onClick={() => void exportNow(true)}
        >
          Export complete
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={unavailable}
          onClick={() => void exportNow(false)}
        >
          Export delta
        </button>
        <button
          type="button"
          className="button"
          disabled={unavailable}
          title="Writes a complete export straight to a file you choose, as it is made: for exports too large to keep in the page"
          onClick={() => void saveToFile(true)}
        >
          Save complete to a file…
        </button>
        <ExportProgressLine />
      </div>
      {savedFile !== null && (
        <p className="export-panel__saved" role="status" data-testid="saved-file">
          {savedFile.how === 'file' ? 'Saved' : 'Downloaded'} export #{savedFile.sequence} to{' '}
          <code>{savedFile.fileName}</code> ({formatBytes(savedFile.bytes)})
        </p>
      )}
      <DemoControls />
      <SizeComparison />
      {error !== null && (
        <p className="inline-error" role="alert" data-testid="export-error">
          <span>{error}</span>
          <button type="button" className="button button--small" onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
      <ExportOptions />
      <DownloadOptions />
    </Card>
  );
}
