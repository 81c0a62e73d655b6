import { useEffect, useRef, useState } from 'react';
import { PAGE_SIZE, showMoreText } from './compare-format';

interface Shown<T> {
  list: readonly T[];
  count: number;
  /** The index of the first row a "Show more" added, whose first button takes the focus; -1 for none. */
  focus: number;
}

/**
 * The first `PAGE_SIZE` items of a long list, and more on demand. A new list (a new comparison) starts
 * again at `PAGE_SIZE`. After "Show more" the focus goes to the first added row (its element with
 * `data-index`, inside `container`), so that a keyboard or screen-reader user reads on from there.
 */
export function useShowMore<T>(list: readonly T[]) {
  const [state, setState] = useState<Shown<T>>({ list, count: PAGE_SIZE, focus: -1 });
  const current: Shown<T> = state.list === list ? state : { list, count: PAGE_SIZE, focus: -1 };
  if (state.list !== list) setState(current);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (current.focus < 0) return;
    container.current?.querySelector<HTMLElement>(`[data-index="${current.focus}"] button`)?.focus();
  }, [current.focus]);

  return {
    shown: list.slice(0, current.count),
    left: Math.max(0, list.length - current.count),
    more: () => setState({ list, count: current.count + PAGE_SIZE, focus: current.count }),
    container,
  };
}

/** The button under a long list: how many more it shows, and how many are left. */
export function ShowMore({ left, onMore, label }: { left: number; onMore: () => void; label: string }) {
  if (left === 0) return null;
  const text = showMoreText(left);
  return (
    <button
      type="button"
      className="button button--small compare__more"
      aria-label={`${text} of the ${label}`}
      data-testid="compare-show-more"
      onClick={onMore}
    >
      {text}
    </button>
  );
}
