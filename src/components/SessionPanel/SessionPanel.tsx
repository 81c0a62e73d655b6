import { useAppStore } from '../../store/context';
import { Controls } from '../Controls/Controls';
import { MarketClock } from './MarketClock';
import { SessionFacts } from './SessionFacts';
import { StateBadge } from './StateBadge';
import './SessionPanel.css';

export function SessionPanel() {
  const sessionName = useAppStore((s) => s.snapshot?.sessionName ?? null);
  const state = useAppStore((s) => s.snapshot?.state ?? null);
  const workerDown = useAppStore((s) => s.workerError !== null);

  if (sessionName === null || state === null) {
    return (
      <section className="panel panel--loading" aria-busy={!workerDown}>
        {workerDown ? 'The engine is not running.' : 'Starting the engine…'}
      </section>
    );
  }

  return (
    <section className="panel" aria-labelledby="session-name">
      <div className="panel__head">
        <div className="panel__title">
          <div className="panel__eyebrow">Session</div>
          <h2 id="session-name" className="panel__name" data-testid="session-name">
            {sessionName}
          </h2>
        </div>
        <StateBadge state={state} />
      </div>
      <div className="panel__clock-row">
        <MarketClock />
        <Controls />
      </div>
      <SessionFacts />
    </section>
  );
}
