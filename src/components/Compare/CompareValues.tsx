import type { CompareResult, ValueChange } from '../../../workers/viewer/compare-types';
import type { ViewerPath } from '../../../workers/viewer/types';
import { formatCount } from '../../format';
import type { CompareSideName } from '../../store/compare-types';
import { arrowOf, dottedPath, formatChange } from './compare-format';

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

/** The values in runs of the same top-level section (`_metadata`, `analysis`, ...), in the document's order. */
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
 * The values that differ, A beside B: B's value is marked (a tinted cell and a ≠ sign, not colour alone) and
 * a number's change is given with its sign, an arrow and its percent.
 */
export function CompareValues({ result, onShow }: Props) {
  if (result.values.length === 0) return null;
  return (
    <section className="compare__section" aria-labelledby="compare-values-title">
      <h3 id="compare-values-title" className="compare__heading">
        Values that differ <span className="compare__count">{formatCount(result.valuesTotal)}</span>
      </h3>
      <table className="compare__table compare__table--values compare__stack" data-testid="compare-values">
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
        {groupsOf(result.values).map(([section, values]) => (
          <tbody key={section}>
            <tr className="compare__group">
              <th scope="colgroup" colSpan={4}>
                {section} <span className="compare__count">{formatCount(values.length)}</span>
              </th>
            </tr>
            {values.map((value) => (
              <tr
                key={dottedPath(value.path)}
                className={value.change === undefined ? undefined : 'compare__row--number'}
                data-testid="compare-value"
                data-path={dottedPath(value.path)}
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
      {capNote(result.values.length, result.valuesTotal)}
    </section>
  );
}

/** The keys one export has and the other has not: the absent side says so in words. */
export function CompareOnly({ result, onShow }: Props) {
  if (result.only.length === 0) return null;
  const total = result.onlyInA + result.onlyInB;
  return (
    <section className="compare__section" aria-labelledby="compare-only-title">
      <h3 id="compare-only-title" className="compare__heading">
        Only in one export <span className="compare__count">{formatCount(total)}</span>
      </h3>
      <table className="compare__table compare__stack" data-testid="compare-only">
        <thead>
          <tr>
            <th scope="col">Path</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
          </tr>
        </thead>
        <tbody>
          {result.only.map((entry) => {
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
      {capNote(result.only.length, total)}
    </section>
  );
}
