import { useCallback, useEffect, useId, useRef } from 'react';
import type { CompareSide } from '../../../workers/viewer/compare-types';
import type { ViewerPath } from '../../../workers/viewer/types';
import { formatBytes, formatMarketTime } from '../../format';
import type { CompareSideName } from '../../store/compare-types';
import { useAppStore } from '../../store/context';
import { Card } from '../Card/Card';
import { CompareChooser } from './CompareChooser';
import { CompareStreams } from './CompareStreams';
import { CompareBookkeeping, CompareOnly, CompareValues } from './CompareValues';
import { summaryLine } from './compare-format';
import './Compare.css';
import { scrollBehavior } from '../scroll-motion';

/** What one side is: its file, mode and sequence, consumer, session and market time. */
function SideCard({ side, name, info }: { side: CompareSideName; name: string; info: CompareSide }) {
  const letter = side.toUpperCase();
  return (
    <div className={`compare__side compare__side--${side}`} data-testid={`compare-side-${side}`}>
      <div className="compare__side-head">
        <span className={`compare__tag compare__tag--${side}`}>{letter}</span>
        {info.mode && <span className={`mode-badge mode-badge--${info.mode}`}>{info.mode}</span>}
        {info.sequence !== null && <span className="number">#{info.sequence}</span>}
      </div>
      <div className="compare__side-file" title={name}>
        {name}
      </div>
      <div className="compare__muted">
        {info.marketTime === null ? 'not started' : `market ${formatMarketTime(info.marketTime).slice(0, 5)}`}{' '}
        · {info.consumer ?? 'no consumer'} · session {info.sessionId ?? '?'}
      </div>
    </div>
  );
}

function CompareProgress() {
  const progress = useAppStore((s) => s.compare.progress);
  const side = progress?.side.toUpperCase() ?? 'A';
  return (
    <div className="compare__progress" role="status" data-testid="compare-progress">
      <span className="spinner spinner--small" aria-hidden="true" />
      {progress
        ? `Reading ${side}: ${formatBytes(progress.bytesRead)} of ${formatBytes(progress.bytesTotal)}`
        : 'Comparing…'}
    </div>
  );
}

/**
 * Compare: two exports, A and B, side by side with what differs marked: the values, the keys only one has,
 * and the rows B adds to each stream. The comparison is made in the viewer worker (docs/compare.md).
 */
export function ComparePanel() {
  const status = useAppStore((s) => s.compare.status);
  const result = useAppStore((s) => s.compare.result);
  const names = useAppStore((s) => s.compare.names);
  const error = useAppStore((s) => s.compare.error);
  const summoned = useAppStore((s) => s.compare.summoned);
  const showInViewer = useAppStore((s) => s.showCompareInViewer);
  const hasExports = useAppStore((s) => s.exports.length > 0);
  const idPrefix = useId();
  const section = useRef<HTMLElement>(null);

  // "Compare with…" on a history row: the panel comes into view, and the focus goes to its A picker.
  useEffect(() => {
    if (summoned === 0) return;
    section.current?.scrollIntoView({ block: 'start', behavior: scrollBehavior() });
    document.getElementById(`${idPrefix}-a`)?.focus({ preventScroll: true });
  }, [summoned, idPrefix]);

  const onShow = useCallback(
    (side: CompareSideName, path: ViewerPath) => showInViewer(side, path),
    [showInViewer],
  );

  return (
    <Card
      ref={section}
      className="compare"
      title="Compare exports"
      titleId="compare-title"
      data-testid="compare"
      data-status={status}
    >
      {!hasExports && (
        <p className="compare__muted">
          Compare two exports: pick A and B from the history (or <strong>Compare</strong> on a history row),
          or open files from disk.
        </p>
      )}
      <CompareChooser idPrefix={idPrefix} />
      {status === 'running' && <CompareProgress />}
      {status === 'failed' && error && (
        <p className="inline-error compare__error" role="alert" data-testid="compare-error">
          {error}
        </p>
      )}
      {status === 'done' && result && names && (
        <div className="compare__result" data-testid="compare-result">
          <div className="compare__sides">
            <SideCard side="a" name={names.a} info={result.a} />
            <SideCard side="b" name={names.b} info={result.b} />
          </div>
          {result.notes.length > 0 && (
            <ul className="compare__notes" data-testid="compare-notes">
              {result.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <p className="compare__summary" role="status" data-testid="compare-summary">
            {summaryLine(result)}
          </p>
          {/* What a quant reads first: the rows each stream gains, then the values, bookkeeping last. */}
          <CompareStreams result={result} onShow={onShow} />
          <CompareValues result={result} onShow={onShow} />
          <CompareOnly result={result} onShow={onShow} />
          <CompareBookkeeping result={result} onShow={onShow} />
        </div>
      )}
    </Card>
  );
}
