import { useEffect } from 'react';
import { useAppStore } from '../../store/context';
import { controlAvailability } from './availability';
import { StartProgress } from './StartProgress';
import { keyPressOf, SHORTCUTS, shortcutFor } from './shortcuts';
import './Controls.css';

export function Controls() {
  const state = useAppStore((s) => s.snapshot?.state ?? null);
  const busy = useAppStore((s) => s.pendingAction !== null || s.workerError !== null);
  const start = useAppStore((s) => s.start);
  const pause = useAppStore((s) => s.pause);
  const resume = useAppStore((s) => s.resume);
  const step = useAppStore((s) => s.step);
  const stop = useAppStore((s) => s.stop);
  const startProgress = useAppStore((s) => s.startProgress);
  const cancelStart = useAppStore((s) => s.cancelStart);
  const can = controlAvailability(state, busy);

  // Space: start / pause / resume; "." or ArrowRight: step. Not while typing (see shortcuts.ts).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = shortcutFor(keyPressOf(event), can);
      if (action === null) return;
      event.preventDefault();
      const run = { start, pause, resume, step: () => step(1) }[action];
      void run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [can, start, pause, resume, step]);

  return (
    <div className="controls">
      <div className="controls__buttons" role="toolbar" aria-label="Session controls">
        <button
          type="button"
          className="button button--primary"
          disabled={!can.start}
          title="Start the backtest (Space)"
          aria-keyshortcuts={SHORTCUTS.toggle}
          onClick={() => void start()}
        >
          Start
        </button>
        <button
          type="button"
          className="button"
          disabled={!can.pause}
          title="Pause the replay (Space)"
          aria-keyshortcuts={SHORTCUTS.toggle}
          onClick={() => void pause()}
        >
          Pause
        </button>
        <button
          type="button"
          className="button"
          disabled={!can.resume}
          title="Resume the replay (Space)"
          aria-keyshortcuts={SHORTCUTS.toggle}
          onClick={() => void resume()}
        >
          Resume
        </button>
        <button
          type="button"
          className="button"
          disabled={!can.step}
          title="Advance the market clock by one minute (. or →)"
          aria-keyshortcuts={SHORTCUTS.step}
          onClick={() => void step(1)}
        >
          Step
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={!can.stop}
          onClick={() => void stop()}
        >
          Stop
        </button>
      </div>
      {startProgress !== null && (
        <StartProgress progress={startProgress} onCancel={() => void cancelStart()} />
      )}
      <p className="controls__hint" aria-hidden="true">
        <kbd>Space</kbd> start / pause / resume · <kbd>.</kbd> or <kbd>→</kbd> step
      </p>
    </div>
  );
}
