import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../workers/common/result';
import type { SearchResult, ValueText, ViewerPath } from '../../../workers/viewer/types';
import { formatBytes, formatCount } from '../../format';
import { useAppStore } from '../../store/context';
import { copyText } from './clipboard';
import { RawView } from './RawView';
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

/** What copy value says it copied: the bytes given and, when cut short, of how many. */
export function copiedNote(where: string, value: ValueText): string {
  return value.truncated
    ? `Copied the first ${formatBytes(value.shown)} of ${where} (${formatBytes(value.bytes)}): the value is cut short, it is not whole JSON`
    : `Copied the value of ${where} (${formatBytes(value.bytes)})`;
}

const refused = (error: unknown) =>
  `Could not copy: the browser refused the clipboard (${error instanceof Error ? error.message : String(error)}).`;

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
  const [raw, setRaw] = useState(false);
  const rawButton = useRef<HTMLButtonElement>(null);
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
    if (what === 'path') {
      try {
        await copyText(codePath(selected));
        setCopied(`Copied the path ${where}`);
      } catch (error) {
        setCopied(refused(error));
      }
      return;
    }
    // The clipboard is written within the click (Safari refuses a write after the worker's answer), and
    // filled once the worker answers.
    let answer: Result<ValueText> | null = null;
    const text = viewerValueText(selected).then((result) => {
      answer = result;
      if (!result.ok) throw new Error(result.error);
      return result.value.text;
    });
    try {
      await copyText(text);
    } catch (error) {
      const failed = answer as Result<ValueText> | null;
      setCopied(failed && !failed.ok ? `Could not copy the value: ${failed.error}` : refused(error));
      return;
    }
    const copiedValue = answer as Result<ValueText> | null;
    if (copiedValue?.ok) setCopied(copiedNote(where, copiedValue.value));
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
          className="field-input field-input--compact viewer-tools__query"
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
          ref={rawButton}
          aria-expanded={raw}
          aria-controls={raw ? 'viewer-raw' : undefined}
          onClick={() => setRaw((shown) => !shown)}
          title="The selected row's JSON text, indented"
        >
          Raw
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
      {raw && (
        <RawView
          path={selected}
          onClose={() => {
            setRaw(false);
            // Its Close button goes with it: the focus goes back to the button that opened it.
            rawButton.current?.focus();
          }}
        />
      )}
    </div>
  );
}
