import { type ChangeEvent, useEffect, useRef } from 'react';
import { useAppStore } from '../../store/context';
import { Card } from '../Card/Card';
import { ExportTree } from './ExportTree';
import { ViewerFailure, ViewerNotes, ViewerOpening, ViewerSummaryLine } from './ViewerStates';
import './Viewer.css';
import { scrollBehavior } from '../scroll-motion';

/**
 * The export viewer: an export of the history (its View button) or a file from disk, read by the viewer
 * worker and shown as a tree whose long lists are drawn lazily.
 */
export function ExportViewer() {
  const status = useAppStore((s) => s.viewer.status);
  const generation = useAppStore((s) => s.viewer.generation);
  const root = useAppStore((s) => s.viewer.summary?.root ?? null);
  const openFile = useAppStore((s) => s.openFileInViewer);
  const close = useAppStore((s) => s.closeViewer);
  const section = useRef<HTMLElement>(null);

  // Bring the viewer into view when a file starts opening (the View button is further up the page).
  useEffect(() => {
    if (generation > 0 && status === 'opening')
      section.current?.scrollIntoView({ block: 'start', behavior: scrollBehavior() });
  }, [generation, status]);

  const chooseFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) openFile(file, file.name);
    event.target.value = '';
  };

  return (
    <Card
      ref={section}
      className="viewer"
      title="Export viewer"
      titleId="viewer-title"
      data-testid="viewer"
      data-status={status}
      aside={
        <div className="viewer__actions">
          <label className="button button--small file-button">
            Open file…
            <input
              type="file"
              accept=".json,.gz,application/json,application/gzip"
              onChange={chooseFile}
              data-testid="viewer-file"
            />
          </label>
          {status !== 'idle' && (
            <button type="button" className="button button--small" onClick={close}>
              Close
            </button>
          )}
        </div>
      }
    >
      {status === 'idle' && (
        <p className="viewer__muted">
          Choose <strong>View</strong> on an export in the history, or open an export file from disk. Large
          files are read in a worker of their own: the page and the replay keep running.
        </p>
      )}
      {status === 'opening' && <ViewerOpening />}
      {(status === 'failed' || status === 'cancelled') && <ViewerFailure />}
      {status === 'open' && root && (
        <>
          <ViewerSummaryLine />
          <ViewerNotes />
          <ExportTree key={generation} root={root} />
        </>
      )}
    </Card>
  );
}
