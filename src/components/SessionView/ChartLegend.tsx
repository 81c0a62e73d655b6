import { formatCount } from '../../format';
import type { LegendBar } from './bar-chart';
import { crosshairLabel } from './chart-time';

const price = (value: number) => value.toFixed(2);

/** The bar under the crosshair (or the last bar): time in ET, open, high, low, close, volume. */
export function ChartLegend({
  symbol,
  interval,
  bar,
}: {
  symbol: string | null;
  interval: string;
  bar: LegendBar | null;
}) {
  const down = bar !== null && bar.close < bar.open;
  return (
    <div className="chart-legend" data-testid="chart-legend">
      <span className="chart-legend__title">
        {symbol ?? '—'} <span className="chart-legend__interval">{interval}</span>
      </span>
      {bar && (
        <>
          <span className="chart-legend__time" data-testid="chart-legend-time">
            {crosshairLabel(bar.time, interval)}
          </span>
          <span className={down ? 'chart-legend__values is-down' : 'chart-legend__values is-up'}>
            <span>
              O <b className="number">{price(bar.open)}</b>
            </span>
            <span>
              H <b className="number">{price(bar.high)}</b>
            </span>
            <span>
              L <b className="number">{price(bar.low)}</b>
            </span>
            <span>
              C <b className="number">{price(bar.close)}</b>
            </span>
            <span>
              V <b className="number">{formatCount(bar.volume)}</b>
            </span>
          </span>
        </>
      )}
    </div>
  );
}
