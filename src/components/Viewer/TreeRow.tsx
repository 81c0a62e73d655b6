import type { ViewerEntry, ViewerPath } from '../../../workers/viewer/types';
import { formatCount } from '../../format';
import { formatTreeValue, toneOf } from './format-value';
import { canOpen, dottedPath, type TreeItem } from './tree-model';

type EntryItem = Extract<TreeItem, { type: 'entry' }>;

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** What a row says about its node: a stream's counts, a container's size, a value. */
function EntryMeta({ entry }: { entry: ViewerEntry }) {
  if (entry.counts) {
    const { count, total } = entry.counts;
    return (
      <span
        className="tree__counts"
        data-testid="stream-counts"
        data-count={count}
        {...(total === undefined ? {} : { 'data-total': total })}
      >
        <span className="stat">
          <span className="stat__label">count</span>{' '}
          <span className="stat__value number">{formatCount(count)}</span>
        </span>
        {total !== undefined && (
          <span className="stat">
            <span className="stat__label">total_count</span>{' '}
            <span className="stat__value number">{formatCount(total)}</span>
          </span>
        )}
      </span>
    );
  }
  if (entry.kind === 'value') {
    const shown = entry.value === undefined ? entry.preview : formatTreeValue(entry.value);
    const tone = entry.value === undefined ? 'other' : toneOf(entry.value);
    return (
      <span className={`tree__value value--${tone}`} title={entry.preview}>
        {shown}
      </span>
    );
  }
  if (entry.size === 0)
    return (
      <span className="tree__hint" data-empty="true">
        {entry.kind === 'object' ? '{ }' : '[ ]'} empty
      </span>
    );
  const size =
    entry.kind === 'object'
      ? plural(entry.size, 'key', 'keys')
      : entry.columns
        ? plural(entry.size, 'row', 'rows')
        : plural(entry.size, 'item', 'items');
  return (
    <>
      <span className="tree__hint number">{size}</span>
      {entry.preview !== '' && (
        <span className="tree__preview" title={entry.preview}>
          {entry.preview}
        </span>
      )}
    </>
  );
}

function Chevron({ open }: { open: boolean }) {
  return (
    <svg
      className={open ? 'tree__chevron tree__chevron--open' : 'tree__chevron'}
      viewBox="0 0 16 16"
      aria-hidden="true"
    >
      <path
        d="M6 3.5 10.5 8 6 12.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}

/**
 * One key of the tree, a `treeitem`: objects and arrays open and close on click (the keyboard is the
 * tree's, in ExportTree). Only the active row is in the Tab order (a roving tabindex).
 */
export function TreeRow({
  item,
  active,
  onToggle,
  onFocus,
}: {
  item: EntryItem;
  active: boolean;
  onToggle: (item: EntryItem) => void;
  onFocus: (path: ViewerPath) => void;
}) {
  const { entry, depth, open } = item;
  const style = { paddingLeft: `calc(${depth} * 1.15rem + 0.4rem)` };
  const label = typeof entry.key === 'number' ? `[${formatCount(entry.key)}]` : entry.key;
  const openable = canOpen(entry);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles the keys of its rows (ExportTree).
    <div
      role="treeitem"
      tabIndex={active ? 0 : -1}
      // Selection follows the keyboard's row (and search): copy path and copy value act on it.
      aria-selected={active}
      aria-level={depth + 1}
      aria-posinset={item.position}
      aria-setsize={item.siblings}
      {...(openable ? { 'aria-expanded': open } : {})}
      className={openable ? 'tree__row tree__row--openable' : 'tree__row tree__row--leaf'}
      data-testid="tree-row"
      data-path={dottedPath(item.path)}
      data-kind={entry.kind}
      style={style}
      onClick={() => (openable ? onToggle(item) : onFocus(item.path))}
      onFocus={() => onFocus(item.path)}
    >
      {openable ? <Chevron open={open} /> : <span className="tree__chevron" aria-hidden="true" />}
      <span className={typeof entry.key === 'number' ? 'tree__key tree__key--index' : 'tree__key'}>
        {label}
      </span>
      <EntryMeta entry={entry} />
    </div>
  );
}
