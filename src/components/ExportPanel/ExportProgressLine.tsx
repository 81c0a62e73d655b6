import { formatBytes, formatCount } from '../../format';
import { useAppStore } from '../../store/context';

/** The running export: symbols done of total, bytes so far, and a Cancel button. */
export function ExportProgressLine() {
  const running = useAppStore((s) => s.runningExport);
  const cancel = useAppStore((s) => s.cancelExport);
  if (running === null) return null;
  const mode = running.complete === null ? '' : running.complete ? 'complete ' : 'delta ';
  const label = { panel: 'Making a ', console: 'Console: making a ', auto: 'Auto-export: making a ' }[
    running.source
  ];
  const p = running.progress;
  return (
    <div className="export-progress" role="status" data-testid="export-progress">
      <div className="export-progress__text">
        <span>
          {label}
          {mode}export…
        </span>
        {p !== null && (
          <span className="number">
            {formatCount(p.symbolsDone)} of {formatCount(p.symbolsTotal)} symbols · {formatBytes(p.bytes)}
          </span>
        )}
      </div>
      <progress
        className="export-progress__bar"
        aria-label="Export progress"
        max={p?.symbolsTotal || 1}
        {...(p === null ? {} : { value: p.symbolsDone })}
      />
      <button type="button" className="button button--small" onClick={() => void cancel()}>
        Cancel
      </button>
    </div>
  );
}
