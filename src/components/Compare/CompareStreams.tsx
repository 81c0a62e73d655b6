import { Fragment, type ReactNode, useState } from 'react';
import type { CompareResult, StreamChange } from '../../../workers/viewer/compare-types';
import type { ViewerPath } from '../../../workers/viewer/types';
import { formatCount } from '../../format';
import type { CompareSideName } from '../../store/compare-types';
import { ScrollBox } from '../ScrollBox/ScrollBox';
import { formatCell } from '../Viewer/format-value';
import { dottedPath } from '../Viewer/tree-model';
import { PathButton } from './CompareValues';
import { addedRowsNote, rowsText } from './compare-format';
import { ShowMore, useShowMore } from './ShowMore';

interface Props {
  result: CompareResult;
  onShow: (side: CompareSideName, path: ViewerPath) => void;
}

const ROWS_ID = 'compare-added-rows';

/** The rows B adds to one stream, as a table: the stream position first when rows line up by position. */
function AddedRows({ stream }: { stream: StreamChange }) {
  const note = addedRowsNote(stream);
  const name = dottedPath(stream.path);
  return (
    <section
      className="compare__rows"
      id={ROWS_ID}
      aria-labelledby={`${ROWS_ID}-title`}
      data-testid="compare-rows"
    >
      <h4 id={`${ROWS_ID}-title`} className="compare__rows-title">
        Rows B adds to <span className="compare__mono">{name}</span>
      </h4>
      {note && <p className="compare__cap">{note}</p>}
      {stream.rows.length > 0 && (
        // A stop for Tab of its own, so that the keyboard scrolls the rows (and Space never pauses the session).
        <ScrollBox className="compare__rows-scroll" label={`Rows B adds to ${name}`}>
          <table className="compare__table compare__table--rows">
            <thead>
              <tr>
                <th scope="col" className="num" title="The row's position in the stream, from 1">
                  {stream.firstRow === null ? 'Added' : 'Row'}
                </th>
                {stream.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stream.rows.map((row, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed for one answer, in stream order.
                <tr key={i} data-testid="compare-added-row">
                  <td className="num compare__added-at">
                    <span aria-hidden="true">+</span>
                    {formatCount((stream.firstRow ?? 0) + i + 1)}
                  </td>
                  {(Array.isArray(row) ? row : [row]).map((cell, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are its columns, in order.
                    <td key={j} className={typeof cell === 'number' ? 'num' : undefined}>
                      {formatCell(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}

/** Each stream block whose rows differ: its rows in A and in B, the rows B adds, and those rows on demand. */
export function CompareStreams({ result, onShow }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  const { shown, left, more, container } = useShowMore(result.streams);
  if (result.streams.length === 0) return null;
  return (
    <section className="compare__section" aria-labelledby="compare-streams-title">
      <h3 id="compare-streams-title" className="compare__heading">
        Streams whose rows differ <span className="compare__count">{formatCount(result.streamsTotal)}</span>
      </h3>
      <p className="compare__muted compare__how">
        {result.match === 'position'
          ? 'Rows are lined up by their position in the stream (streams only grow within a session).'
          : "Rows are lined up by timestamp: B's rows later than A's last are added, and rows at a timestamp both hold are compared."}
      </p>
      <div className="compare__list" ref={container}>
        <table
          className="compare__table compare__table--streams compare__stack"
          data-testid="compare-streams"
        >
          <thead>
            <tr>
              <th scope="col">Stream</th>
              <th scope="col" className="num">
                Rows in A
              </th>
              <th scope="col" className="num">
                Rows in B
              </th>
              <th scope="col" className="num">
                Added
              </th>
              <th scope="col">
                <span className="visually-hidden">Rows</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((stream, index) => {
              const key = dottedPath(stream.path);
              const isOpen = key === open;
              return (
                <Fragment key={key}>
                  <tr data-testid="compare-stream" data-path={key} data-index={index}>
                    <th scope="row" className="compare__path-cell">
                      <PathButton
                        path={stream.path}
                        side={stream.rowsB === null ? 'a' : 'b'}
                        onShow={onShow}
                      />
                    </th>
                    <td className="num" data-label="A">
                      {rowsText(stream.rowsA, stream.totalA)}
                    </td>
                    <td className="num" data-label="B">
                      {rowsText(stream.rowsB, stream.totalB)}
                    </td>
                    <td className="num" data-label="Added">
                      <StreamDifferences stream={stream} />
                    </td>
                    <td className="compare__rows-cell">
                      {stream.rows.length > 0 && (
                        <button
                          type="button"
                          className="button button--small"
                          aria-expanded={isOpen}
                          aria-controls={isOpen ? ROWS_ID : undefined}
                          aria-label={`${isOpen ? 'Hide' : 'Show'} rows B adds to ${key}`}
                          onClick={() => setOpen(isOpen ? null : key)}
                        >
                          {isOpen ? 'Hide rows' : 'Show rows'}
                        </button>
                      )}
                    </td>
                  </tr>
                  {isOpen && (
                    <tr className="compare__rows-row">
                      <td colSpan={5}>
                        <AddedRows stream={stream} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
        <ShowMore left={left} onMore={more} label="streams" />
      </div>
      {result.streams.length < result.streamsTotal && (
        <p className="compare__cap">
          The first {formatCount(result.streams.length)} of {formatCount(result.streamsTotal)} streams are
          listed.
        </p>
      )}
      {result.rowsListed < result.addedRows && (
        <p className="compare__cap">
          {formatCount(result.rowsListed)} of the {formatCount(result.addedRows)} added rows can be shown here
          (at most {formatCount(result.limits.rowsPerStream)} per stream, {formatCount(result.limits.rows)} in
          all); the viewer shows every row.
        </p>
      )}
    </section>
  );
}

/**
 * What a stream's rows in B add to or take from A's, each on its own line: "+5", "A has 2 more",
 * "≠ 3 changed", "2 not in A"; "0" when only the counts differ. A comma between them for a screen reader,
 * which would otherwise read "+5 3 changed" as one number and a word.
 */
function StreamDifferences({ stream }: { stream: StreamChange }) {
  const parts: { key: string; node: ReactNode }[] = [];
  if (stream.added > 0)
    parts.push({ key: 'added', node: <span className="compare__added">+{formatCount(stream.added)}</span> });
  if (stream.onlyInA > 0)
    parts.push({
      key: 'only-in-a',
      node: <span className="compare__muted">A has {formatCount(stream.onlyInA)} more</span>,
    });
  if (stream.changed > 0)
    parts.push({
      key: 'changed',
      node: (
        <span className="compare__rows-changed">
          <span className="compare__marker" aria-hidden="true">
            ≠
          </span>{' '}
          {formatCount(stream.changed)} changed
        </span>
      ),
    });
  if (stream.onlyInBWithin > 0)
    parts.push({
      key: 'only-in-b',
      node: <span className="compare__muted">{formatCount(stream.onlyInBWithin)} not in A</span>,
    });
  if (parts.length === 0) return <span className="compare__muted">0</span>;
  return (
    <>
      {parts.map(({ key, node }, k) => (
        <span key={key} className="compare__difference">
          {k > 0 && <span className="visually-hidden">, </span>}
          {node}
        </span>
      ))}
    </>
  );
}
