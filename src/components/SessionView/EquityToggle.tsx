/** The equity pane's chip, beside the indicators' and drawn like them. */
export function EquityToggle({ shown, onToggle }: { shown: boolean; onToggle: (shown: boolean) => void }) {
  return (
    <label className="indicator-toggle" title="The account's equity: in a pane below the indicators">
      <input
        type="checkbox"
        checked={shown}
        data-testid="equity-toggle"
        onChange={(event) => onToggle(event.currentTarget.checked)}
      />
      <span className="indicator-toggle__swatch equity-swatch" aria-hidden="true" />
      <span>Equity</span>
    </label>
  );
}
