import { useAppStore } from '../../store/context';
import { Controls } from '../Controls/Controls';
import { MarketClock } from './MarketClock';
import { SessionProgress } from './SessionProgress';
import { SpeedInput } from './SpeedInput';
import { StateBadge } from './StateBadge';
import './SessionPanel.css';

/** The top bar's session strip: name and state, market clock, controls, speed and progress. */
export function SessionPanel() {
  const sessionName = useAppStore((s) => s.snapshot?.sessionName ?? null);
  const state = useAppStore((s) => s.snapshot?.state ?? null);
  const minute = useAppStore((s) => s.snapshot?.sessionMinute ?? 0);
  const minutes = useAppStore((s) => s.snapshot?.sessionMinutes ?? 0);
  const dayNumber = useAppStore((s) => s.snapshot?.dayNumber ?? 0);
  const dayCount = useAppStore((s) => s.snapshot?.dayCount ?? 0);
  const workerDown = useAppStore((s) => s.workerError !== null);

  if (sessionName === null || state === null) {
    return (
      <section className="panel panel--loading" aria-label="Session" aria-busy={!workerDown}>
        {workerDown ? 'The engine is not running.' : 'Starting the engine…'}
      </section>
    );
  }

  return (
    <section className="panel" aria-labelledby="session-name">
      <div className="panel__title">
        <h2 id="session-name" className="panel__name" data-testid="session-name">
          {sessionName}
        </h2>
        <StateBadge state={state} />
      </div>
      <MarketClock />
      <Controls />
      <div className="panel__speed">
        <span className="panel__label" aria-hidden="true">
          Speed
        </span>
        <SpeedInput />
      </div>
      <div className="panel__progress">
        <SessionProgress position={{ dayNumber, dayCount, minute, minutes }} />
      </div>
    </section>
  );
}
