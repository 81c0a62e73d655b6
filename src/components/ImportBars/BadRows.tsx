import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { BadRow } from '../../../workers/import/bar-collector';
import { formatCount } from '../../format';

const ROW_HEIGHT = 28;

/** Every bad row listed (line and reason); only the rows in view are rendered, so long lists stay light. */
export function BadRows({ rows, total }: { rows: readonly BadRow[]; total: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  return (
    <div className="bad-rows">
      <div className="bad-rows__head">
        <span>Line</span>
        <span>What is wrong</span>
      </div>
      <div
        ref={scroller}
        className="bad-rows__scroll"
        style={{ height: Math.min(rows.length, 8) * ROW_HEIGHT + 2 }}
        data-testid="bad-rows"
      >
        <ul className="bad-rows__list" aria-label="Bad rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <li
                key={item.key}
                className="bad-rows__row"
                data-testid="bad-row"
                data-line={row.line}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span className="bad-rows__line number">{row.line}</span>
                <span className="bad-rows__reason" title={row.reason}>
                  {row.reason}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      {total > rows.length && (
        <p className="bad-rows__more">
          The first {formatCount(rows.length)} of {formatCount(total)} bad rows are listed.
        </p>
      )}
    </div>
  );
}
