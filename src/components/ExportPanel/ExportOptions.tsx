import type { ExportLayout } from '../../../workers/export/contract';
import { useAppStore } from '../../store/context';

/** Consumer, file name, layout and the streams or sections to leave out. */
export function ExportOptions() {
  const settings = useAppStore((s) => s.exportSettings);
  const excludable = useAppStore((s) => s.excludable);
  const update = useAppStore((s) => s.updateExportSettings);

  const toggleExcluded = (name: string, on: boolean) =>
    update({
      exclude: on ? [...settings.exclude, name] : settings.exclude.filter((n) => n !== name),
    });

  return (
    <fieldset className="export-options">
      <legend className="group-legend">Options</legend>
      <div className="export-options__fields">
        <label className="export-field">
          <span className="export-field__label">Consumer</span>
          <input
            className="field-input"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={settings.consumer}
            placeholder="default"
            onChange={(event) => update({ consumer: event.target.value })}
          />
        </label>
        <label className="export-field">
          <span className="export-field__label">File name (optional)</span>
          <input
            className="field-input"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={settings.fileName}
            placeholder="default name"
            onChange={(event) => update({ fileName: event.target.value })}
          />
        </label>
        <div className="export-field" role="radiogroup" aria-label="Layout">
          <span className="export-field__label" aria-hidden="true">
            Layout
          </span>
          <div className="segmented">
            {(['pretty', 'compact'] as const satisfies readonly ExportLayout[]).map((layout) => (
              <label key={layout} className="segmented__option">
                <input
                  type="radio"
                  name="export-layout"
                  value={layout}
                  checked={settings.layout === layout}
                  onChange={() => update({ layout })}
                />
                <span>{layout === 'pretty' ? 'Pretty' : 'Compact'}</span>
              </label>
            ))}
          </div>
        </div>
      </div>
      <fieldset className="export-field export-field--group">
        <legend className="export-field__label">Leave out</legend>
        <div className="chips">
          {excludable === null ? (
            <span className="card__aside">Loading…</span>
          ) : (
            excludable.map((name) => (
              <label key={name} className="chip">
                <input
                  type="checkbox"
                  checked={settings.exclude.includes(name)}
                  onChange={(event) => toggleExcluded(name, event.target.checked)}
                />
                <span>{name}</span>
              </label>
            ))
          )}
        </div>
      </fieldset>
    </fieldset>
  );
}
