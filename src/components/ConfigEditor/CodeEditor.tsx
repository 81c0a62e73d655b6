import { type RefObject, useEffect, useRef, useState } from 'react';
import { lineCount, lineStart } from '../../store/config-editor';
import { type EditStacks, NO_EDITS, recordEdit, redoEdit, undoEdit } from '../../store/form-undo';

/** What the hint under the editor says; also what its screen-reader description reads. */
export const TAB_HINT = 'Tab inserts spaces; press Escape, then Tab, to leave the editor';
/** Announced when Escape is pressed: the next Tab leaves. */
export const LEAVING_STATUS = 'Tab now leaves the editor (typing goes back to indenting).';

/**
 * A plain textarea for JSON with a gutter of line numbers that scrolls with it. The line a problem is on is
 * marked in the gutter. As in code editors, Tab inserts two spaces, so the field would trap the keyboard:
 * Escape then Tab (or Shift+Tab at any time) moves focus out, and a hint under it says so. `goTo` moves the
 * caret to the start of a line and scrolls it into view, once per request. `writer`, when given, is set to
 * a function that puts a new text in the field from outside (the config form) as an edit Ctrl+Z in the field
 * takes back, and Ctrl+Shift+Z or Ctrl+Y puts again (`form-undo.ts`). The focus is left where it is.
 */
export function CodeEditor({
  id,
  value,
  onChange,
  problemLine,
  label,
  describedBy,
  goTo,
  writer,
}: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  problemLine: number | null;
  label: string;
  describedBy: string;
  goTo: { line: number; seq: number } | null;
  writer?: RefObject<((text: string) => void) | null>;
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const lines = lineCount(value);
  // After Escape the next Tab is the browser's (focus moves on); any other key ends that.
  const [leaving, setLeaving] = useState(false);
  // A request made before this editor was drawn (a remount) is not one to act on.
  const handled = useRef(goTo?.seq ?? 0);
  const hintId = `${id}-keys`;
  const edits = useRef<EditStacks>(NO_EDITS);

  useEffect(() => {
    if (!writer) return;
    writer.current = (next) => {
      edits.current = recordEdit(edits.current, area.current?.value ?? next, next);
      onChange(next);
    };
    return () => {
      writer.current = null;
    };
  }, [writer, onChange]);

  useEffect(() => {
    const field = area.current;
    if (goTo === null || field === null || goTo.seq === handled.current) return;
    handled.current = goTo.seq;
    const at = lineStart(field.value, goTo.line);
    field.focus();
    field.setSelectionRange(at, at);
    // The caret's line in view, a third of the way down, unless it is in view already.
    const style = getComputedStyle(field);
    const lineHeight = Number.parseFloat(style.lineHeight) || 16;
    const top = (goTo.line - 1) * lineHeight;
    const padding = Number.parseFloat(style.paddingTop) || 0;
    if (top < field.scrollTop || top + lineHeight + padding * 2 > field.scrollTop + field.clientHeight) {
      field.scrollTop = Math.max(0, top - field.clientHeight / 3);
    }
    if (gutter.current) gutter.current.scrollTop = field.scrollTop;
  }, [goTo]);

  return (
    <div className="code-editor-wrap">
      <div className="code-editor">
        <div className="code-editor__gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => {
            const line = i + 1;
            return (
              <div
                key={line}
                className={line === problemLine ? 'code-editor__line is-problem' : 'code-editor__line'}
              >
                {line}
              </div>
            );
          })}
        </div>
        <textarea
          ref={area}
          id={id}
          className="code-editor__text"
          aria-label={label}
          aria-describedby={`${hintId} ${describedBy}`}
          aria-invalid={problemLine !== null}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onScroll={(event) => {
            if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
          }}
          onBlur={() => setLeaving(false)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setLeaving(true);
              return;
            }
            const key = event.key.toLowerCase();
            if ((event.ctrlKey || event.metaKey) && !event.altKey && (key === 'z' || key === 'y')) {
              // A form edit is the latest change: taken back (or put again) here, not by the browser.
              const current = event.currentTarget.value;
              const redo = key === 'y' || event.shiftKey;
              const step = redo ? redoEdit(edits.current, current) : undoEdit(edits.current, current);
              if (step === null) return;
              event.preventDefault();
              edits.current = step.stacks;
              onChange(step.text);
              return;
            }
            if (event.key !== 'Tab') {
              if (!['Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) setLeaving(false);
              return;
            }
            // Shift+Tab always leaves, as does Tab after Escape: the browser moves focus.
            if (leaving || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
            event.preventDefault();
            const field = event.currentTarget;
            const { selectionStart: start, selectionEnd: end } = field;
            onChange(`${value.slice(0, start)}  ${value.slice(end)}`);
            requestAnimationFrame(() => field.setSelectionRange(start + 2, start + 2));
          }}
        />
      </div>
      <p className="code-editor__hint">
        <span id={hintId}>{TAB_HINT}</span>{' '}
        <span className="code-editor__mode" role="status" data-testid="code-editor-mode">
          {leaving ? LEAVING_STATUS : ''}
        </span>
      </p>
    </div>
  );
}
