import { formatMarketDate, formatMarketTime } from '../../format';
import { useAppStore } from '../../store/context';

/** Steps through the opened exports in sequence order: previous / next, a slider, and what is shown. */
export function StepBar() {
  const steps = useAppStore((s) => s.offline.steps);
  const current = useAppStore((s) => s.offline.current);
  const target = useAppStore((s) => s.offline.target);
  const show = useAppStore((s) => s.showOfflineStep);
  const last = steps.length - 1;
  const step = steps[target];
  if (!step) return null;
  const time = step.marketTime ?? step.generatedAt;
  const applying = current !== target;

  return (
    <div className="stepbar" data-testid="offline-steps" data-current={current} data-target={target}>
      <div className="stepbar__controls">
        <button
          type="button"
          className="button button--small"
          onClick={() => void show(target - 1)}
          disabled={target <= 0}
          aria-label="Previous export"
        >
          ‹ Prev
        </button>
        <input
          className="stepbar__slider"
          type="range"
          min={0}
          max={Math.max(0, last)}
          step={1}
          value={target}
          disabled={last === 0}
          onChange={(event) => void show(Number(event.target.value))}
          aria-label="Export shown"
          aria-valuetext={`Export ${target + 1} of ${steps.length}: ${step.name}`}
          data-testid="offline-slider"
        />
        <button
          type="button"
          className="button button--small"
          onClick={() => void show(target + 1)}
          disabled={target >= last}
          aria-label="Next export"
        >
          Next ›
        </button>
      </div>
      <div className="stepbar__facts" aria-live="polite">
        <span className="stepbar__count number" data-testid="offline-position">
          {target + 1} / {steps.length}
        </span>
        <span className={`mode-badge mode-badge--${step.mode}`}>{step.mode}</span>
        {step.sequence !== null && (
          <span className="stepbar__seq number" title="_metadata.sequence" data-testid="offline-sequence">
            #{step.sequence}
          </span>
        )}
        {time !== '' && (
          <span
            className="stepbar__time number"
            title={step.marketTime ? 'The backtest clock when the export was made' : 'generated_at'}
            data-testid="offline-market-time"
          >
            {step.marketTime ? 'market ' : 'made '}
            {formatMarketTime(time)} · {formatMarketDate(time)}
          </span>
        )}
        <span className="stepbar__file" title={step.name} data-testid="offline-file">
          {step.name}
        </span>
        {applying && <span className="stepbar__spinner" role="status" aria-label="Applying exports" />}
      </div>
    </div>
  );
}
