import type { FileColumns } from '../../../workers/import/file-columns';
import type { BarField } from '../../../workers/import/header';
import type { ImportMapping } from '../../store/import-types';

const FIELDS: readonly BarField[] = ['timestamp', 'open', 'high', 'low', 'close', 'volume'];

/** One column of the file per field, when the header's names are not the usual ones. */
export function ColumnMapping({
  columns,
  mapping,
  disabled,
  onChange,
}: {
  columns: FileColumns;
  mapping: ImportMapping;
  disabled: boolean;
  onChange: (field: BarField, column: string) => void;
}) {
  return (
    <fieldset className="column-mapping" data-testid="column-mapping">
      <legend className="group-legend">Columns</legend>
      <div className="column-mapping__fields">
        {FIELDS.map((field) => {
          const recognized = columns.recognized[field];
          const missing = recognized === undefined && mapping[field] === undefined;
          return (
            <label
              key={field}
              className={missing ? 'column-mapping__field is-missing' : 'column-mapping__field'}
            >
              <span className="column-mapping__name">{field}</span>
              <select
                className="field-input"
                value={mapping[field] ?? ''}
                disabled={disabled}
                aria-label={`Column for ${field}`}
                onChange={(event) => onChange(field, event.target.value)}
              >
                <option value="">
                  {recognized === undefined ? '— choose —' : `${recognized} (recognized)`}
                </option>
                {columns.columns.map((column, i) => (
                  // Two columns may share a name; the first is the one used.
                  // biome-ignore lint/suspicious/noArrayIndexKey: names may repeat.
                  <option key={`${column}-${i}`} value={column}>
                    {column}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
      <p className="column-mapping__names">
        Recognized names (any case):{' '}
        {FIELDS.map((field, i) => (
          <span key={field}>
            {i > 0 && ' · '}
            <b>{field}</b> {columns.names[field].join('/')}
          </span>
        ))}
      </p>
    </fieldset>
  );
}
