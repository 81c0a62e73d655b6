import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { SearchResult, ViewerPath } from '../../../workers/viewer/types';
import { formatBytes, formatCount } from '../../format';
import { useAppStore } from '../../store/context';
import { codePath } from './tree-model';

/** How long typing pauses before the worker is asked (each search walks the whole index). */
const SEARCH_DELAY_MS = 250;

type SearchState =
  | { status: 'idle' }
  | { status: 'searching'; query: string }
  | { status: 'done'; result: SearchResult; current: number }
  | { status: 'error'; query: string; error: string };

/** "3 of 340", with a note when only the first matches are listed. */
export function matchCount(result: SearchResult, current: number): string {
  if (result.total === 0) return 'No matches';
  const listed = result.matches.length;
  const more = result.total > listed ? ` (the first ${formatCount(listed)} can be stepped through)` : '';
  return `${formatCount(current + 1)} of ${formatCount(result.total)}${more}`;
}

interface Props {
  /** The selected row's path (the tree's active row). */
  selected: ViewerPath | null;
  /** Opens the ancestors of `path`, selects it and scrolls it into view. */
  onReveal: (path: ViewerPath) => void;
  onExpandAll: () => void;
  onCollapseAll: () => void;
  /** What expand all did, said once it is done. */
  expandNote: string | null;
}

/**
 * The viewer's tools above the tree: search (in the viewer worker, over its index), expand and collapse
 * all, and copy path / copy value for the selected row.
 */
export function ViewerTools({ selected, onReveal, onExpandAll, onCollapseAll, expandNote }: Props) {
  const viewerSearch = useAppStore((s) => s.viewerSearch);
  const viewerValueText = useAppStore((s) => s.viewerValueText);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<SearchState>({ status: 'idle' });
  const [copied, setCopied] = useState<string | null>(null);
  const asked = useRef(0);

  const run = useCallback(
    async (text: string) => {
      const mine = ++asked.current;
      if (text.trim() === '') {
        setSearch({ status: 'idle' });
        return;
      }
      setSearch({ status: 'searching', query: text });
      const result = await viewerSearch(text);
      if (mine !== asked.current) return;
      if (!result.ok) {
        setSearch({ status: 'error', query: text, error: result.error });
        return;
      }
      setSearch({ status: 'done', result: result.value, current: 0 });
      const first = result.value.matches[0];
      if (first) onReveal(first.path);
    },
    [viewerSearch, onReveal],
  );

  // Searches as the user types, once typing pauses; Enter before then searches at once, and only once.
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    typing.current = setTimeout(() => void run(query), SEARCH_DELAY_MS);
    return () => clearTimeout(typing.current);
  }, [query, run]);

  const step = (by: 1 | -1) => {
    if (search.status !== 'done' || search.result.query !== query) {
      clearTimeout(typing.current);
      void run(query);
      return;
    }
    const listed = search.result.matches.length;
    if (listed === 0) return;
    const current = (search.current + by + listed) % listed;
    setSearch({ ...search, current });
    const match = search.result.matches[current];
    if (match) onReveal(match.path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    step(event.shiftKey ? -1 : 1);
  };

  const copy = async (what: 'path' | 'value') => {
    if (selected === null) return;
    const where = codePath(selected) || 'the document';
    try {
      if (what === 'path') {
        await navigator.clipboard.writeText(codePath(selected));
        setCopied(`Copied the path ${where}`);
        return;
      }
      const value = await viewerValueText(selected);
      if (!value.ok) {
        setCopied(`Could not copy the value: ${value.error}`);
        return;
      }
      await navigator.clipboard.writeText(value.value.text);
      setCopied(
        value.value.truncated
          ? `Copied the first ${formatBytes(new TextEncoder().encode(value.value.text).length)} of ${where} (${formatBytes(value.value.bytes)}): the value is cut short, it is not whole JSON`
          : `Copied the value of ${where} (${formatBytes(value.value.bytes)})`,
      );
    } catch (error) {
      setCopied(
        `Could not copy: the browser refused the clipboard (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  };

  // "Copied" is said briefly, then cleared (a new selection clears it too).
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 4000);
    return () => clearTimeout(timer);
  }, [copied]);
  const selectedKey = selected === null ? '' : codePath(selected);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new selection clears the copy status.
  useEffect(() => setCopied(null), [selectedKey]);

  let count = '';
  if (search.status === 'searching') count = 'Searching…';
  else if (search.status === 'done') count = matchCount(search.result, search.current);
  else if (search.status === 'error') count = search.error;
  const canStep = search.status === 'done' && search.result.matches.length > 0;

  return (
    <div className="viewer-tools" data-testid="viewer-tools">
      <search className="viewer-tools__search">
        <input
          type="search"
          className="viewer-tools__query"
          aria-label="Search keys and values"
          placeholder="Search keys and values"
          aria-describedby="viewer-search-count"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="button button--small"
          onClick={() => step(-1)}
          disabled={!canStep}
          title="Previous match (Shift+Enter)"
        >
          Previous
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => step(1)}
          disabled={!canStep}
          title="Next match (Enter)"
        >
          Next
        </button>
        <span
          id="viewer-search-count"
          className={
            search.status === 'error'
              ? 'viewer-tools__count viewer-tools__count--error'
              : 'viewer-tools__count'
          }
          role="status"
          data-testid="viewer-search-count"
        >
          {count}
        </span>
      </search>
      <div className="viewer-tools__row">
        <button type="button" className="button button--small" onClick={onExpandAll}>
          Expand all
        </button>
        <button type="button" className="button button--small" onClick={onCollapseAll}>
          Collapse all
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => void copy('path')}
          disabled={selected === null}
        >
          Copy path
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => void copy('value')}
          disabled={selected === null}
        >
          Copy value
        </button>
        <span className="viewer-tools__status" role="status" data-testid="viewer-tools-status">
          {copied ?? expandNote ?? ''}
        </span>
      </div>
    </div>
  );
}
