import type { ReactNode } from 'react';
import { formatCount, formatDateRange } from '../../format';
import { useAppStore } from '../../store/context';
import { SessionProgress } from './SessionProgress';
import { SpeedInput } from './SpeedInput';
import { SymbolChips } from './SymbolChips';

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'fact fact--wide' : 'fact'}>
      <dt className="fact__label">{label}</dt>
      <dd className="fact__value">{children}</dd>
    </div>
  );
}

export function SessionFacts() {
  const snapshot = useAppStore((s) => s.snapshot);
  if (snapshot === null) return null;
  const { backtestWindow } = snapshot;

  return (
    <dl className="facts">
      <Fact label="Speed multiplier">
        <SpeedInput />
      </Fact>
      <Fact label="Session progress" wide>
        <SessionProgress
          position={{
            dayNumber: snapshot.dayNumber,
            dayCount: snapshot.dayCount,
            minute: snapshot.sessionMinute,
            minutes: snapshot.sessionMinutes,
          }}
        />
      </Fact>
      <Fact label="Symbols">
        <SymbolChips symbols={snapshot.symbols} />
      </Fact>
      <Fact label="Backtest window">{formatDateRange(backtestWindow.startDate, backtestWindow.endDate)}</Fact>
      <Fact label="Bars processed">
        <span className="number">{formatCount(snapshot.barsProcessed)}</span>
      </Fact>
      <Fact label="Ticks processed">
        <span className="number">{formatCount(snapshot.ticksProcessed)}</span>
      </Fact>
      <Fact label="Quotes processed">
        <span className="number">{formatCount(snapshot.quotesProcessed)}</span>
      </Fact>
    </dl>
  );
}
