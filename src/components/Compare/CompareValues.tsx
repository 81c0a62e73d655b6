import { useMemo } from 'react';
import type { CompareResult, ValueChange } from '../../../workers/viewer/compare-types';
import type { ViewerPath } from '../../../workers/viewer/types';
import { formatCount } from '../../format';
import type { CompareSideName } from '../../store/compare-types';
import { dottedPath } from '../Viewer/tree-model';
import { arrowOf, formatChange, orderValues } from './compare-format';
import { ShowMore, useShowMore } from './ShowMore';

interface Props {
  result: CompareResult;
  onShow: (side: CompareSideName, path: ViewerPath) => void;
}

/** A path as a button that shows it in the export viewer (in B, or in A when only A has it). */
export function PathButton({
  path,
  side,
  onShow,
}: {
  path: ViewerPath;
  side: CompareSideName;
  onShow: Props['onShow'];
}) {
  const text = dottedPath(path);
  return (
    <button
      type="button"
      className="compare__path"
      title={`Show ${text} in the export viewer (in ${side.toUpperCase()})`}
      onClick={() => onShow(side, path)}
    >
      {text}
    </button>
  );
}

/** The values in runs of the same top-level section (`analysis`, `threads`, ...), in the order given. */
function groupsOf(values: readonly ValueChange[]): [string, ValueChange[]][] {
  const groups: [string, ValueChange[]][] = [];
  for (const value of values) {
    const section = String(value.path[0] ?? '');
    const last = groups.at(-1);
    if (last && last[0] === section) last[1].push(value);
    else groups.push([section, [value]]);
  }
  return groups;
}

const capNote = (listed: number, total: number) =>
  listed < total ? (
    <p className="compare__cap" data-testid="compare-cap">
      The first {formatCount(listed)} of {formatCount(total)} are listed.
    </p>
  ) : null;

/**
 * Values A beside B, by section, the first `PAGE_SIZE` and more on demand: B's value is marked (a tinted
 * cell and a ≠ sign, not colour alone) and a number's change is given with its sign, an arrow and its percent.
 */
function ValuesTable({
  values,
  onShow,
  testId,
  label,
}: {
  values: readonly ValueChange[];
  onShow: Props['onShow'];
  testId: string;
  label: string;
}) {
  const { shown, left, more, container } = useShowMore(values);
  const sizes = new Map<string, number>();
  for (const value of values) {
    const section = String(value.path[0] ?? '');
    sizes.set(section, (sizes.get(section) ?? 0) + 1);
  }
  let index = 0;
  return (
    <div className="compare__list" ref={container}>
      <table className="compare__table compare__table--values compare__stack" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Path</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        {groupsOf(shown).map(([section, group]) => (
          <tbody key={section}>
            <tr className="compare__group">
              <th scope="colgroup" colSpan={4}>
                {section} <span className="compare__count">{formatCount(sizes.get(section) ?? 0)}</span>
              </th>
            </tr>
            {group.map((value) => (
              <tr
                key={dottedPath(value.path)}
                className={value.change === undefined ? undefined : 'compare__row--number'}
                data-testid="compare-value"
                data-path={dottedPath(value.path)}
                data-index={index++}
              >
                <th scope="row" className="compare__path-cell">
                  <PathButton path={value.path} side="b" onShow={onShow} />
                </th>
                <td className="compare__value" data-label="A">
                  {value.a}
                </td>
                <td className="compare__value compare__value--changed" data-label="B">
                  <span className="compare__marker" title="differs from A">
                    ≠
                  </span>{' '}
                  <span className="compare__value-text">{value.b}</span>
                </td>
                <td
                  className={
                    value.change === undefined
                      ? 'num compare__change compare__change--none'
                      : 'num compare__change'
                  }
                  data-label="Change"
                >
                  {value.change === undefined ? null : (
                    <>
                      <span aria-hidden="true">{arrowOf(value.change)}</span>{' '}
                      {formatChange(value.change, value.percent)}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
      <ShowMore left={left} onMore={more} label={label} />
    </div>
  );
}

/**
 * The values that differ, bookkeeping aside: the session's data, the analysis and the configuration first,
 * then the system's state and counters (`orderValues`).
 */
export function CompareValues({ result, onShow }: Props) {
  const { main } = useMemo(() => orderValues(result.values), [result.values]);
  if (main.length === 0) return null;
  return (
    <section className="compare__section" aria-labelledby="compare-values-title">
      <h3 id="compare-values-title" className="compare__heading">
        Values that differ <span className="compare__count">{formatCount(main.length)}</span>
      </h3>
      <ValuesTable values={main} onShow={onShow} testId="compare-values" label="values" />
      {capNote(result.values.length, result.valuesTotal)}
    </section>
  );
}

/**
 * The values any two exports differ in whatever the session did (`isBookkeeping`: `_metadata`, the stage
 * timings, the export before): last, and folded, saying how many it holds.
 */
export function CompareBookkeeping({ result, onShow }: Props) {
  const { bookkeeping } = useMemo(() => orderValues(result.values), [result.values]);
  if (bookkeeping.length === 0) return null;
  return (
    <details className="compare__section compare__bookkeeping" data-testid="compare-bookkeeping">
      <summary className="compare__heading">
        Bookkeeping that differs{' '}
        <span className="compare__count" data-testid="compare-bookkeeping-count">
          {formatCount(bookkeeping.length)}
        </span>
        <span className="compare__muted">_metadata, stage timings, the export before</span>
      </summary>
      <ValuesTable
        values={bookkeeping}
        onShow={onShow}
        testId="compare-bookkeeping-values"
        label="bookkeeping"
      />
    </details>
  );
}

/**
 * The keys one export has and the other has not, the absent side saying so in words; in the values' order,
 * bookkeeping last.
 */
export function CompareOnly({ result, onShow }: Props) {
  const entries = useMemo(() => {
    const { main, bookkeeping } = orderValues(result.only);
    return [...main, ...bookkeeping];
  }, [result.only]);
  const { shown, left, more, container } = useShowMore(entries);
  if (entries.length === 0) return null;
  const total = result.onlyInA + result.onlyInB;
  return (
    <section className="compare__section" aria-labelledby="compare-only-title">
      <h3 id="compare-only-title" className="compare__heading">
        Only in one export <span className="compare__count">{formatCount(total)}</span>
      </h3>
      <div className="compare__list" ref={container}>
        <table className="compare__table compare__stack" data-testid="compare-only">
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((entry, index) => {
              const present = (
                <td className="compare__value compare__value--changed" data-label={entry.side.toUpperCase()}>
                  <span className="compare__badge">only in {entry.side.toUpperCase()}</span>{' '}
                  <span className="compare__value-text">{entry.preview}</span>
                </td>
              );
              const absent = (
                <td className="compare__value compare__absent" data-label={entry.side === 'a' ? 'B' : 'A'}>
                  absent
                </td>
              );
              return (
                <tr
                  key={dottedPath(entry.path)}
                  data-testid="compare-only-entry"
                  data-path={dottedPath(entry.path)}
                  data-side={entry.side}
                  data-index={index}
                >
                  <th scope="row" className="compare__path-cell">
                    <PathButton path={entry.path} side={entry.side} onShow={onShow} />
                  </th>
                  {entry.side === 'a' ? present : absent}
                  {entry.side === 'a' ? absent : present}
                </tr>
              );
            })}
          </tbody>
        </table>
        <ShowMore left={left} onMore={more} label="keys only in one export" />
      </div>
      {capNote(result.only.length, total)}
    </section>
  );
}
