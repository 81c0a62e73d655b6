import { formatCount } from '../../format';
import { formatMoney } from './analysis-format';
import type { LegendBar, LegendCompare } from './bar-chart';
import { crosshairLabel } from './chart-time';
import { formatPercent } from './compare-overlay';
import { formatIndicatorValue, outputLabel } from './indicator-format';
import type { LegendIndicator } from './indicator-layer';

const price = (value: number) => value.toFixed(2);

/**
 * The bar under the crosshair (or the last bar): time in ET, open, high, low, close, volume; under it each
 * shown indicator's values at that bar, and the equity. With a compare overlay, both symbols' change in
 * percent at that bar from the first bar in view (the price scale's own figures).
 */
export function ChartLegend({
  symbol,
  interval,
  bar,
  indicators = [],
  equity = null,
  compare = null,
  compareHeld = true,
}: {
  symbol: string | null;
  interval: string;
  bar: LegendBar | null;
  indicators?: readonly LegendIndicator[];
  equity?: number | null;
  compare?: LegendCompare | null;
  /** Whether the mirror holds the compare symbol's bars at this interval. */
  compareHeld?: boolean;
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
      {compare && (
        <span className="chart-legend__compare" data-testid="chart-legend-compare">
          <span className="chart-legend__indicator">
            <span className="indicator-toggle__swatch compare-swatch--main" aria-hidden="true" />
            <span className="chart-legend__indicator-name">{symbol ?? '—'}</span>
            <b className="number chart-legend__value" data-testid="chart-legend-compare-main">
              {formatPercent(compare.main)}
            </b>
          </span>
          <span className="chart-legend__indicator">
            <span className="indicator-toggle__swatch compare-swatch" aria-hidden="true" />
            <span className="chart-legend__indicator-name">{compare.symbol}</span>
            <b className="number chart-legend__value" data-testid="chart-legend-compare-value">
              {compareHeld ? formatPercent(compare.compare) : `no ${interval} bars`}
            </b>
          </span>
          {compare.overlaysHidden > 0 && (
            <span className="chart-legend__note" data-testid="chart-legend-overlays-hidden">
              Lines over the candles hidden while comparing
            </span>
          )}
        </span>
      )}
      {bar && (indicators.length > 0 || equity !== null) && (
        <span className="chart-legend__indicators" data-testid="chart-legend-indicators">
          {indicators.map((indicator) => (
            <IndicatorValues key={indicator.key} indicator={indicator} />
          ))}
          {equity !== null && (
            <span className="chart-legend__indicator" data-testid="chart-legend-equity">
              <span className="indicator-toggle__swatch equity-swatch" aria-hidden="true" />
              <span className="chart-legend__indicator-name">Equity</span>
              <b className="number chart-legend__value">{formatMoney(equity)}</b>
            </span>
          )}
        </span>
      )}
    </div>
  );
}

function IndicatorValues({ indicator }: { indicator: LegendIndicator }) {
  return (
    <span className="chart-legend__indicator" data-key={indicator.key}>
      <span className="indicator-toggle__swatch" style={{ background: indicator.color }} aria-hidden="true" />
      <span className="chart-legend__indicator-name">{indicator.label}</span>
      {indicator.values.map(({ output, value }) => {
        const label = outputLabel(output);
        return (
          <span key={output}>
            {label && <span className="chart-legend__output">{label} </span>}
            <b className="number chart-legend__value">{formatIndicatorValue(indicator.name, value)}</b>
          </span>
        );
      })}
    </span>
  );
}
