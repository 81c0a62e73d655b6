import { useEffect, useMemo, useState } from 'react';
import type { RawText, ViewerPath } from '../../../workers/viewer/types';
import { formatBytes } from '../../format';
import { useAppStore } from '../../store/context';
import { ScrollBox } from '../ScrollBox/ScrollBox';
import { copyText } from './clipboard';
import { codePath, pathKey } from './tree-model';

/** How long the selection must rest before its text is asked for (arrowing through the tree asks once). */
const RAW_DELAY_MS = 150;
/** Lines per block of the text; blocks out of view are not laid out (`content-visibility: auto`). */
const CHUNK_LINES = 200;
/** The text's line height in pixels (Viewer.css `.raw__text`): a block out of view is sized by it. */
const LINE_PX = 18;

/**
 * The text cut into blocks of CHUNK_LINES lines, each ending with its line break (but the last): laying
 * out a megabyte of text at once holds up the page for hundreds of milliseconds, and the browser lays out
 * only the blocks in view. The text stays whole in the page, for selection and find.
 */
export function rawChunks(text: string): { text: string; lines: number }[] {
  const chunks: { text: string; lines: number }[] = [];
  let from = 0;
  while (from < text.length) {
    let to = from;
    let lines = 0;
    while (lines < CHUNK_LINES) {
      const next = text.indexOf('\n', to);
      lines++;
      if (next < 0) {
        to = text.length;
        break;
      }
      to = next + 1;
    }
    chunks.push({ text: text.slice(from, to), lines });
    from = to;
  }
  return chunks;
}

type RawState =
  | { status: 'loading' }
  | { status: 'ready'; raw: RawText }
  | { status: 'error'; error: string };

/** What the raw view says about its text: its size and, when cut short, how much of the node it holds. */
export function rawNote(raw: RawText): string {
  return raw.truncated
    ? `Showing the first ${formatBytes(raw.shown)} of the text: the node is ${formatBytes(raw.bytes)} in the file, too large to show whole. It is cut short, not whole JSON.`
    : `${formatBytes(raw.shown)} of text (${formatBytes(raw.bytes)} in the file).`;
}

/**
 * The selected node's text, as the viewer worker re-indents it from the file's bytes (cut at 1 MB), in a
 * box of its own that scrolls and takes the focus (so the keyboard scrolls it). It follows the selection.
 */
export function RawView({ path, onClose }: { path: ViewerPath | null; onClose: () => void }) {
  const viewerRawText = useAppStore((s) => s.viewerRawText);
  const [state, setState] = useState<RawState>({ status: 'loading' });
  const [copied, setCopied] = useState<string | null>(null);
  const key = path === null ? null : pathKey(path);
  const where = path === null ? '' : codePath(path) || 'the document';

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `path` (a new array each render).
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState({ status: 'loading' });
    setCopied(null);
    const timer = setTimeout(() => {
      void viewerRawText(path).then((result) => {
        if (!current) return;
        setState(
          result.ok ? { status: 'ready', raw: result.value } : { status: 'error', error: result.error },
        );
      });
    }, RAW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, viewerRawText]);

  const chunks = useMemo(() => (state.status === 'ready' ? rawChunks(state.raw.text) : []), [state]);

  const copy = async () => {
    if (state.status !== 'ready') return;
    try {
      await copyText(state.raw.text);
      setCopied(
        state.raw.truncated
          ? `Copied the ${formatBytes(state.raw.shown)} shown (cut short)`
          : `Copied ${formatBytes(state.raw.shown)}`,
      );
    } catch (error) {
      setCopied(
        `Could not copy: the browser refused the clipboard (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  };

  return (
    <section className="raw" id="viewer-raw" aria-labelledby="viewer-raw-title" data-testid="raw-view">
      <div className="raw__bar">
        <h3 className="raw__title" id="viewer-raw-title">
          Raw <code className="raw__path">{where || 'nothing selected'}</code>
        </h3>
        <button
          type="button"
          className="button button--small"
          onClick={() => void copy()}
          disabled={state.status !== 'ready'}
        >
          Copy raw
        </button>
        <button type="button" className="button button--small" onClick={onClose}>
          Close raw
        </button>
      </div>
      <p
        className={state.status === 'error' ? 'raw__note raw__note--error' : 'raw__note'}
        role="status"
        data-testid="raw-note"
      >
        {path === null
          ? 'Select a row of the tree to see its text.'
          : state.status === 'loading'
            ? 'Reading…'
            : state.status === 'error'
              ? state.error
              : (copied ?? rawNote(state.raw))}
      </p>
      {state.status === 'ready' && path !== null && (
        // A stop for Tab of its own, named, so the keyboard scrolls the text (as a rows table's box does).
        <ScrollBox as="pre" className="raw__text" label={`Raw text of ${where}`} data-testid="raw-text">
          {chunks.map((chunk, i) => (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: the blocks of one text, in order; a new text replaces them all.
              key={i}
              className="raw__chunk"
              style={{ containIntrinsicBlockSize: `auto ${chunk.lines * LINE_PX}px` }}
            >
              {chunk.text}
            </span>
          ))}
        </ScrollBox>
      )}
    </section>
  );
}
