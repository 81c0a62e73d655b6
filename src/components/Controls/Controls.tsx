import { useAppStore } from '../../store/context';
import { controlAvailability } from './availability';
import './Controls.css';

export function Controls() {
  const state = useAppStore((s) => s.snapshot?.state ?? null);
  const busy = useAppStore((s) => s.pendingAction !== null || s.workerError !== null);
  const start = useAppStore((s) => s.start);
  const pause = useAppStore((s) => s.pause);
  const resume = useAppStore((s) => s.resume);
  const step = useAppStore((s) => s.step);
  const stop = useAppStore((s) => s.stop);
  const can = controlAvailability(state, busy);

  return (
    <div className="controls" role="toolbar" aria-label="Session controls">
      <button
        type="button"
        className="button button--primary"
        disabled={!can.start}
        onClick={() => void start()}
      >
        Start
      </button>
      <button type="button" className="button" disabled={!can.pause} onClick={() => void pause()}>
        Pause
      </button>
      <button type="button" className="button" disabled={!can.resume} onClick={() => void resume()}>
        Resume
      </button>
      <button
        type="button"
        className="button"
        disabled={!can.step}
        title="Advance the market clock by one minute"
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
  );
}
