import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/context';
import { AUTO_SECONDS_MAX, AUTO_SECONDS_MIN } from '../../store/exports-slice';

/** Download each export as made, gzip, and the auto-export of a delta every N seconds. */
export function DownloadOptions() {
  const settings = useAppStore((s) => s.exportSettings);
  const update = useAppStore((s) => s.updateExportSettings);
  const [seconds, setSeconds] = useState(String(settings.autoSeconds));

  // Show the value the store kept (it clamps) once the field is left.
  useEffect(() => setSeconds(String(settings.autoSeconds)), [settings.autoSeconds]);

  const commitSeconds = () => {
    const value = Number(seconds);
    if (seconds.trim() === '' || !Number.isFinite(value)) setSeconds(String(settings.autoSeconds));
    else update({ autoSeconds: value });
  };

  return (
    <fieldset className="export-options">
      <legend className="group-legend">Downloads</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.downloadEach}
          onChange={(event) => update({ downloadEach: event.target.checked })}
        />
        <span>Download each export as it is made</span>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.gzip}
          onChange={(event) => update({ gzip: event.target.checked })}
        />
        <span>
          Compress downloads with gzip (<code>.json.gz</code>)
        </span>
      </label>
      <div className="check check--with-field">
        <input
          id="auto-export"
          type="checkbox"
          checked={settings.autoExport}
          onChange={(event) => update({ autoExport: event.target.checked })}
        />
        <label htmlFor="auto-export">Auto-export a delta every</label>
        <input
          className="field-input auto-seconds"
          type="number"
          inputMode="numeric"
          min={AUTO_SECONDS_MIN}
          max={AUTO_SECONDS_MAX}
          step={1}
          aria-label="Auto-export interval in seconds"
          value={seconds}
          onChange={(event) => setSeconds(event.target.value)}
          onBlur={commitSeconds}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commitSeconds();
          }}
        />
        <span>seconds</span>
        {settings.autoExport && (
          <span className="auto-badge" data-testid="auto-export-on">
            on
          </span>
        )}
      </div>
    </fieldset>
  );
}
