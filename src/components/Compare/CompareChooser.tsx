import type { ChangeEvent } from 'react';
import type { ExportRecord } from '../../export-record';
import { formatBytes, formatMarketTime } from '../../format';
import type { CompareChoice, CompareSideName } from '../../store/compare-types';
import { useAppStore } from '../../store/context';

const FILE_VALUE = 'file';

/** `#3 delta · market 09:52 · default · 48 KB`: enough to tell the history's exports apart. */
export function describeRecord(record: ExportRecord): string {
  const market =
    record.marketTime === null ? 'not started' : `market ${formatMarketTime(record.marketTime).slice(0, 5)}`;
  return `#${record.sequence} ${record.mode} · ${market} · ${record.consumer} · ${formatBytes(record.bytes)}`;
}

const optionOf = (choice: CompareChoice | null) =>
  choice === null ? '' : choice.kind === 'file' ? FILE_VALUE : choice.id;

/** One side's picker: an export of the history, or a file from disk. */
function SidePicker({ side, selectId }: { side: CompareSideName; selectId: string }) {
  const exports = useAppStore((s) => s.exports);
  const choice = useAppStore((s) => s.compare[side]);
  const choose = useAppStore((s) => s.chooseCompareSide);
  const label = side === 'a' ? 'A (before)' : 'B (after)';
  const letter = side.toUpperCase();

  const onSelect = (event: ChangeEvent<HTMLSelectElement>) => {
    const value = event.target.value;
    if (value === FILE_VALUE) return; // the file already chosen
    choose(side, value === '' ? null : { kind: 'export', id: value });
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) choose(side, { kind: 'file', blob: file, fileName: file.name });
    event.target.value = '';
  };

  return (
    <div className="compare__pick">
      <label className="compare__pick-label" htmlFor={selectId}>
        <span className={`compare__tag compare__tag--${side}`} aria-hidden="true">
          {letter}
        </span>
        {label}
      </label>
      <div className="compare__pick-row">
        <select
          id={selectId}
          className="field-input field-input--compact compare__select"
          value={optionOf(choice)}
          onChange={onSelect}
        >
          <option value="">Choose an export…</option>
          {choice?.kind === 'file' && <option value={FILE_VALUE}>File: {choice.fileName}</option>}
          {exports.map((record) => (
            <option key={record.id} value={record.id}>
              {describeRecord(record)}
            </option>
          ))}
        </select>
        <label className="button button--small file-button compare__file-button">
          File…
          <input
            type="file"
            accept=".json,.gz,application/json,application/gzip"
            aria-label={`Open a file from disk as ${letter}`}
            onChange={onFile}
            data-testid={`compare-file-${side}`}
          />
        </label>
      </div>
    </div>
  );
}

/** Picks A and B, and runs, swaps or cancels the comparison. */
export function CompareChooser({ idPrefix }: { idPrefix: string }) {
  const status = useAppStore((s) => s.compare.status);
  const run = useAppStore((s) => s.runCompare);
  const swap = useAppStore((s) => s.swapCompareSides);
  const cancel = useAppStore((s) => s.cancelCompare);

  return (
    <div className="compare__choose">
      <SidePicker side="a" selectId={`${idPrefix}-a`} />
      <SidePicker side="b" selectId={`${idPrefix}-b`} />
      <div className="compare__buttons">
        <button type="button" className="button button--primary button--small" onClick={() => void run()}>
          Compare
        </button>
        <button type="button" className="button button--small" onClick={swap}>
          Swap A and B
        </button>
        {status === 'running' && (
          <button type="button" className="button button--small" onClick={cancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
