import { useRef } from 'react';
import { lineCount } from '../../store/config-editor';

/**
 * A plain textarea for JSON with a gutter of line numbers that scrolls with it. The line a problem is on is
 * marked in the gutter. Tab inserts two spaces; Escape leaves the field as usual.
 */
export function CodeEditor({
  id,
  value,
  onChange,
  problemLine,
  label,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  problemLine: number | null;
  label: string;
  describedBy: string;
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = lineCount(value);

  return (
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
        id={id}
        className="code-editor__text"
        aria-label={label}
        aria-describedby={describedBy}
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
        onKeyDown={(event) => {
          if (event.key !== 'Tab' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
          event.preventDefault();
          const area = event.currentTarget;
          const { selectionStart: start, selectionEnd: end } = area;
          onChange(`${value.slice(0, start)}  ${value.slice(end)}`);
          requestAnimationFrame(() => area.setSelectionRange(start + 2, start + 2));
        }}
      />
    </div>
  );
}
