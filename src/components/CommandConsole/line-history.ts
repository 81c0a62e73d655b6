// ArrowUp / ArrowDown through the lines entered before, as in a shell: the line being typed is kept as a
// draft and comes back after the newest.

export interface Recall {
  /** The history entry shown, or null while editing the draft. */
  index: number | null;
  draft: string;
}

export const FRESH: Recall = { index: null, draft: '' };

/** The next state and the input's new value, or null when the key changes nothing. */
export function recall(
  history: readonly string[],
  state: Recall,
  value: string,
  direction: 'up' | 'down',
): { state: Recall; value: string } | null {
  if (direction === 'up') {
    if (history.length === 0 || state.index === 0) return null;
    const index = state.index === null ? history.length - 1 : state.index - 1;
    const draft = state.index === null ? value : state.draft;
    return { state: { index, draft }, value: history[index] ?? '' };
  }
  if (state.index === null) return null;
  const index = state.index + 1;
  if (index >= history.length) return { state: { index: null, draft: '' }, value: state.draft };
  return { state: { index, draft: state.draft }, value: history[index] ?? '' };
}
