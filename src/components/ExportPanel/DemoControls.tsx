import { useEffect, useState } from 'react';
import { formatBytes, formatCount } from '../../format';
import { useAppStore } from '../../store/context';
import { DEMO_EVERY_MAX, DEMO_EVERY_MIN } from '../../store/demo-slice';
import type { RunningDemo } from '../../store/demo-types';

/**
 * Save demo: a standalone HTML file replaying the session so far, one step every N market minutes, leaving
 * out what the export options' Leave out names. Shows how far the replay has got, with Cancel, and then
 * what was saved.
 */
export function DemoControls() {
  const every = useAppStore((s) => s.demoEvery);
  const setEvery = useAppStore((s) => s.setDemoEvery);
  const running = useAppStore((s) => s.runningDemo);
  const error = useAppStore((s) => s.demoError);
  const last = useAppStore((s) => s.lastDemo);
  const saveDemo = useAppStore((s) => s.saveDemo);
  const cancel = useAppStore((s) => s.cancelDemo);
  const dismiss = useAppStore((s) => s.dismissDemoError);
  const unavailable = useAppStore(
    (s) => s.snapshot?.marketTime == null || s.workerError !== null || s.runningDemo !== null,
  );
  const [text, setText] = useState(String(every));

  // Show the value the store kept (it clamps) once the field is left.
  useEffect(() => setText(String(every)), [every]);
  const commit = () => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) setText(String(every));
    else setEvery(value);
  };

  return (
    <div className="demo-controls" data-testid="demo-controls">
      <div className="export-panel__actions">
        <button type="button" className="button" disabled={unavailable} onClick={() => void saveDemo()}>
          Save demo
        </button>
        <label className="demo-controls__every">
          <span>a step every</span>
          <input
            className="field-input auto-seconds"
            type="number"
            inputMode="numeric"
            min={DEMO_EVERY_MIN}
            max={DEMO_EVERY_MAX}
            step={1}
            aria-label="Demo step in market minutes"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onBlur={commit}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commit();
            }}
          />
          <span>market {every === 1 ? 'minute' : 'minutes'}</span>
        </label>
        {running !== null && <DemoProgressLine running={running} onCancel={() => void cancel()} />}
      </div>
      {error !== null && (
        <p className="inline-error" role="alert" data-testid="demo-error">
          <span>{error}</span>
          <button type="button" className="button button--small" onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
      {last !== null && error === null && running === null && (
        <p className="card__aside" data-testid="demo-saved">
          Demo saved: {last.fileName} ({formatBytes(last.bytes)}, {formatCount(last.steps)}{' '}
          {last.steps === 1 ? 'step' : 'steps'} over {formatCount(last.tradingDays)}{' '}
          {last.tradingDays === 1 ? 'trading day' : 'trading days'})
        </p>
      )}
    </div>
  );
}

/** "Making the demo: 10:41 of 16:00…", the steps done, a bar and Cancel. */
function DemoProgressLine({ running, onCancel }: { running: RunningDemo; onCancel: () => void }) {
  const { progress } = running;
  const who = running.source === 'console' ? 'Console: making the demo' : 'Making the demo';
  let where = '';
  if (progress !== null && progress.phase === 'packing') where = ': packing the file';
  else if (progress !== null) {
    // The date is shown only when the demo spans days: "10:41 of 16:00" reads best within one.
    const multiDay = progress.endMarketTime.slice(0, 10) !== progress.marketTime?.slice(0, 10);
    const at = (iso: string) => (multiDay ? iso.slice(0, 16).replace('T', ' ') : iso.slice(11, 16));
    where = `: ${progress.marketTime === null ? 'loading history' : at(progress.marketTime)} of ${at(progress.endMarketTime)}`;
  }
  return (
    <div className="export-progress" role="status" data-testid="demo-progress">
      <div className="export-progress__text">
        <span>
          {who}
          {where}…
        </span>
        {progress !== null && (
          <span className="number">
            step {formatCount(progress.stepsDone)} of {formatCount(progress.stepsTotal)}
          </span>
        )}
      </div>
      <progress
        className="export-progress__bar"
        aria-label="Demo progress"
        max={progress?.stepsTotal || 1}
        {...(progress === null ? {} : { value: progress.stepsDone })}
      />
      <button type="button" className="button button--small" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
