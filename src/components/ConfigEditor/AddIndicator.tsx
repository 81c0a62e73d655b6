import { useEffect, useMemo, useState } from 'react';
import type { ParamRule, SessionIndicatorInfo } from '../../engine-client';
import { draftOf, entryOf, type IndicatorDraft, paramValue } from '../../store/config-indicators';
import { useAppStore } from '../../store/context';

/**
 * "Add indicator": a catalogue name (with its one-line summary), its period, an interval the configuration
 * streams and its params, all prefilled with the catalogue's defaults; Add puts the entry into
 * `session_data_config.indicators.session` of the editor's text, where the engine's check judges it.
 * The catalogue comes from the engine (the page cannot import it), asked the first time this opens.
 */
export function AddIndicator({
  disabled,
  intervals,
  write,
}: {
  disabled: boolean;
  /** The bar intervals the configuration streams, as the form names them (the form has read the text). */
  intervals: readonly string[];
  /** How the new text is put in the editor: the config form's writer, so Ctrl+Z takes the entry back. */
  write: (text: string) => void;
}) {
  const catalogue = useAppStore((s) => s.indicatorCatalogue);
  const load = useAppStore((s) => s.loadIndicatorCatalogue);
  const add = useAppStore((s) => s.addIndicator);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (open && !disabled) void load();
  }, [open, disabled, load]);

  return (
    <details
      className="add-indicator"
      data-testid="add-indicator"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Add indicator</summary>
      {catalogue === null ? (
        <p className="add-indicator__hint">
          {disabled ? 'The engine is not running.' : 'Reading the catalogue…'}
        </p>
      ) : (
        <IndicatorForm catalogue={catalogue} intervals={intervals} onAdd={(entry) => add(entry, write)} />
      )}
    </details>
  );
}

function IndicatorForm({
  catalogue,
  intervals,
  onAdd,
}: {
  catalogue: readonly SessionIndicatorInfo[];
  intervals: readonly string[];
  onAdd: (entry: ReturnType<typeof entryOf>) => boolean;
}) {
  const [name, setName] = useState(catalogue[0]?.name ?? '');
  const info = catalogue.find((i) => i.name === name) ?? catalogue[0];
  const [draft, setDraft] = useState<IndicatorDraft | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  // A new name starts from its defaults; an interval the text no longer streams falls back to the first.
  const current = useMemo(() => {
    if (!info) return null;
    const base = draft && draft.name === info.name ? draft : draftOf(info, intervals);
    return intervals.includes(base.interval) ? base : { ...base, interval: intervals[0] ?? base.interval };
  }, [info, draft, intervals]);
  if (!info || !current) return null;

  const setParam = (key: string, value: number) =>
    setDraft({ ...current, params: { ...current.params, [key]: value } });

  return (
    <form
      className="add-indicator__form"
      onSubmit={(event) => {
        event.preventDefault();
        if (onAdd(entryOf(info, current))) setAdded(`${info.name} added to indicators.session`);
      }}
    >
      <label className="add-indicator__field">
        <span>Indicator</span>
        <select
          className="field-input"
          value={info.name}
          data-testid="add-indicator-name"
          onChange={(event) => {
            setName(event.target.value);
            setDraft(null);
            setAdded(null);
          }}
        >
          {catalogue.map((i) => (
            <option key={i.name} value={i.name}>
              {i.name} · {i.type}
            </option>
          ))}
        </select>
      </label>
      <p className="add-indicator__summary" data-testid="add-indicator-summary">
        {info.summary} ({info.placement === 'price' ? 'drawn on the candles' : 'drawn in a pane below'})
      </p>
      {info.period !== null && (
        <NumberField
          label="Period"
          rule={info.period}
          value={current.period ?? info.period.default}
          onChange={(period) => setDraft({ ...current, period })}
        />
      )}
      <label className="add-indicator__field">
        <span>Interval</span>
        <select
          className="field-input"
          value={current.interval}
          data-testid="add-indicator-interval"
          onChange={(event) => setDraft({ ...current, interval: event.target.value })}
        >
          {intervals.map((interval) => (
            <option key={interval} value={interval}>
              {interval}
            </option>
          ))}
        </select>
      </label>
      {Object.entries(info.params).map(([key, rule]) => (
        <NumberField
          key={key}
          label={key}
          rule={rule}
          value={paramValue(info, current, key)}
          onChange={(value) => setParam(key, value)}
        />
      ))}
      <div className="add-indicator__actions">
        <button type="submit" className="button button--small" data-testid="add-indicator-submit">
          Add
        </button>
        {added && (
          <span className="add-indicator__added" role="status">
            {added}
          </span>
        )}
      </div>
    </form>
  );
}

/** A number within the catalogue's range; what the person types is kept as typed and judged by the engine. */
function NumberField({
  label,
  rule,
  value,
  onChange,
}: {
  label: string;
  rule: ParamRule;
  value: number;
  onChange: (value: number) => void;
}) {
  return (
    <label className="add-indicator__field">
      <span>{label}</span>
      <input
        className="field-input add-indicator__number"
        type="number"
        min={rule.min}
        max={rule.max}
        step={rule.integer ? 1 : 'any'}
        value={Number.isFinite(value) ? value : ''}
        data-testid={`add-indicator-${label.toLowerCase()}`}
        onChange={(event) => onChange(event.target.valueAsNumber)}
      />
    </label>
  );
}
