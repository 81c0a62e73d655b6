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
  const progress = running.progress;
  const saving = running.saving;
  const doing = saving
    ? `Saving a ${mode}export${saving.fileName === null ? '' : ` to ${saving.fileName}`}…`
    : `${label}${mode}export…`;
  return (
    <div className="export-progress" role="status" data-testid="export-progress">
      <div className="export-progress__text">
        <span>{doing}</span>
        {progress !== null && (
          <span className="number" data-testid="export-progress-figures">
            {formatCount(progress.symbolsDone)} of {formatCount(progress.symbolsTotal)} symbols ·{' '}
            {formatBytes(progress.bytes)}
            {progress.written !== undefined && ` · ${formatBytes(progress.written)} written`}
          </span>
        )}
      </div>
      <progress
        className="export-progress__bar"
        aria-label="Export progress"
        max={progress?.symbolsTotal || 1}
        {...(progress === null ? {} : { value: progress.symbolsDone })}
      />
      <button type="button" className="button button--small" onClick={() => void cancel()}>
        Cancel
      </button>
    </div>
  );
}
