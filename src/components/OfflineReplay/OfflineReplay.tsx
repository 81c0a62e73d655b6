import { useCallback, useEffect, useRef } from 'react';
import { formatCount } from '../../format';
import { useAppStore } from '../../store/context';
import { Card } from '../Card/Card';
import { Notes } from '../Notes/Notes';
import { SessionView } from '../SessionView/SessionView';
import { scrollBehavior } from '../scroll-motion';
import { DropZone } from './DropZone';
import { StepBar } from './StepBar';
import './OfflineReplay.css';

/**
 * "Open exports": export files dropped or chosen (or a chain of the export history) replayed offline in
 * the mirror worker, stepped through in sequence order, and drawn by the same session view as the live
 * mirror. Nothing leaves the browser.
 */
export function OfflineReplay() {
  const status = useAppStore((s) => s.offline.status);
  const origin = useAppStore((s) => s.offline.origin);
  const version = useAppStore((s) => s.offline.version);
  const generation = useAppStore((s) => s.offline.generation);
  const close = useAppStore((s) => s.closeOffline);
  const client = useAppStore((s) => s.mirrorClient);
  const setChoice = useAppStore((s) => s.setOfflineChoice);
  // Read when a view is made (an address's symbol and interval); later choices come from the view itself.
  const choice = useAppStore((s) => s.offline.choice);
  // Which indicators are drawn outlives the set of files: the same session's indicators, opened again.
  const indicatorChoice = useAppStore((s) => s.indicatorChoices.offline);
  const chooseIndicator = useAppStore((s) => s.chooseIndicator);
  const onIndicatorChoice = useCallback(
    (key: string, shown: boolean) => chooseIndicator('offline', key, shown),
    [chooseIndicator],
  );
  const section = useRef<HTMLElement>(null);

  // "Replay" in the history is further up the page: bring the replay (or why it cannot be) into view.
  const fromHistory = origin === 'history' && (status === 'opening' || status === 'failed');
  useEffect(() => {
    if (fromHistory && generation > 0)
      section.current?.scrollIntoView({ block: 'start', behavior: scrollBehavior() });
  }, [fromHistory, generation]);

  return (
    <Card
      ref={section}
      className="offline"
      title="Open exports"
      titleId="offline-title"
      data-testid="offline"
      data-status={status}
      aside={
        <div className="offline__head-aside">
          <span className="card__aside">Read in this browser; nothing is uploaded.</span>
          {status !== 'idle' && (
            <button type="button" className="button button--small" onClick={close}>
              Close
            </button>
          )}
        </div>
      }
    >
      <DropZone compact={status === 'open'} />
      {status === 'opening' && <Opening />}
      {status === 'failed' && <Failure />}
      {status === 'open' && (
        <>
          <ChainCut />
          <StepBar />
          <StepError />
          <StepNotes />
          {/* A fresh view (and chart) for every set opened: nothing drawn from the last one is kept. */}
          <SessionView
            key={generation}
            client={client}
            source="offline"
            version={version}
            {...(choice ? { initial: choice } : {})}
            onChoice={setChoice}
            indicatorChoice={indicatorChoice}
            onIndicatorChoice={onIndicatorChoice}
          />
        </>
      )}
    </Card>
  );
}

function Opening() {
  const names = useAppStore((s) => s.offline.fileNames);
  const origin = useAppStore((s) => s.offline.origin);
  const what = names.length === 1 ? names[0] : `${formatCount(names.length)} files`;
  return (
    <p className="offline__notice" role="status" data-testid="offline-opening">
      <span className="offline__spinner" aria-hidden="true" />
      Reading {what}
      {origin === 'history' ? ' from the export history' : ''}…
    </p>
  );
}

const NO_NOTES: readonly string[] = [];

/** What the shown export held that could not be used, or had to be assumed (the original's files). */
function StepNotes() {
  const notes = useAppStore((s) => s.offline.steps[s.offline.current]?.notes ?? NO_NOTES);
  return <Notes notes={notes} testId="offline-step-notes" />;
}

function Failure() {
  const error = useAppStore((s) => s.offline.error);
  const workerDown = useAppStore((s) => s.offline.workerDown);
  const retry = useAppStore((s) => s.retryOffline);
  return (
    <div className="offline__notice offline__notice--error" role="alert" data-testid="offline-error">
      <span className="offline__notice-text">{error}</span>
      {workerDown && (
        <button type="button" className="button button--small button--primary" onClick={() => void retry()}>
          Open again
        </button>
      )}
    </div>
  );
}

/** Where the opened chain stopped short of the files given, and the files left out. */
function ChainCut() {
  const cut = useAppStore((s) => s.offline.cut);
  if (cut === null) return null;
  return (
    <div className="offline__notice offline__notice--warning" role="status" data-testid="offline-cut">
      <p className="offline__notice-text" data-testid="offline-cut-message">
        {cut.message}.
      </p>
      <p className="offline__cut-label" id="offline-left-out">
        Left out:
      </p>
      <ul className="offline__left-out" aria-labelledby="offline-left-out" data-testid="offline-left-out">
        {cut.leftOut.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    </div>
  );
}

/** An export that did not apply while stepping: the replay stays at the last step that did. */
function StepError() {
  const error = useAppStore((s) => s.offline.error);
  if (error === null) return null;
  return (
    <p className="offline__notice offline__notice--error" role="alert" data-testid="offline-step-error">
      <span className="offline__notice-text">{error}</span>
    </p>
  );
}
