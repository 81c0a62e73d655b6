import type { ReactNode } from 'react';
import type { IndicatorInfo } from './indicator-layer';

/**
 * The session's indicators as toggle chips, each with its colour: a chip turns the drawing on or off (the
 * choice is the owner's to keep, so it outlives a switch of symbol or interval). `children`: chips of other
 * lines (the equity's), in the same row.
 */
export function IndicatorToggles({
  indicators,
  shown,
  onToggle,
  children,
}: {
  indicators: readonly IndicatorInfo[];
  shown: ReadonlySet<string>;
  onToggle: (key: string, shown: boolean) => void;
  children?: ReactNode;
}) {
  if (indicators.length === 0 && !children) return null;
  return (
    <fieldset
      className="indicator-toggles"
      aria-label={children ? 'Indicators and equity' : 'Indicators'}
      data-testid="indicator-toggles"
    >
      {indicators.map((indicator) => {
        const where = indicator.placement === 'price' ? 'on the candles' : 'in a pane below';
        return (
          <label
            key={indicator.key}
            className="indicator-toggle"
            title={`${indicator.key}: ${where}${indicator.valid ? '' : ' (not valid yet)'}`}
          >
            <input
              type="checkbox"
              checked={shown.has(indicator.key)}
              data-testid="indicator-toggle"
              data-key={indicator.key}
              onChange={(event) => onToggle(indicator.key, event.currentTarget.checked)}
            />
            <span
              className="indicator-toggle__swatch"
              style={{ background: indicator.color }}
              aria-hidden="true"
            />
            <span>{indicator.label}</span>
          </label>
        );
      })}
      {children}
    </fieldset>
  );
}
