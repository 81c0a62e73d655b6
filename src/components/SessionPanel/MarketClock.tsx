import { formatMarketDate, formatMarketTime } from '../../format';
import { useAppStore } from '../../store/context';

/** The backtest clock in exchange time. Before the first session opens there is no market time yet. */
export function MarketClock() {
  const marketTime = useAppStore((s) => s.snapshot?.marketTime ?? null);
  const sessionDate = useAppStore((s) => s.snapshot?.sessionDate ?? null);
  const day = sessionDate ?? marketTime;

  return (
    <div className="market-clock">
      <div className="visually-hidden">Market time</div>
      <div className="market-clock__time">
        {marketTime === null ? (
          <span className="market-clock__placeholder" data-testid="market-time">
            --:--:--
          </span>
        ) : (
          <time dateTime={marketTime} data-testid="market-time">
            {formatMarketTime(marketTime)}
          </time>
        )}
        <abbr className="market-clock__zone" title="Exchange time (America/New_York)">
          ET
        </abbr>
      </div>
      <div className="market-clock__date" data-testid="market-date">
        {day === null ? 'Not started' : formatMarketDate(day)}
      </div>
    </div>
  );
}
