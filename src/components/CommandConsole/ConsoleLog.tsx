import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/context';

/** The console's answers, oldest first; it follows the newest unless the reader scrolled up. */
export function ConsoleLog() {
  const entries = useAppStore((s) => s.consoleEntries);
  const log = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever the entries change.
  useEffect(() => {
    const element = log.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [entries]);

  return (
    <div
      ref={log}
      className="console__log"
      role="log"
      aria-label="Command answers"
      data-testid="console-log"
      tabIndex={-1}
      onScroll={(event) => {
        const element = event.currentTarget;
        pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
      }}
    >
      {entries.length === 0 ? (
        <p className="console__empty">
          Answers appear here. Try <code>help</code> or <code>system status</code>.
        </p>
      ) : (
        entries.map((entry) => (
          <div
            key={entry.id}
            className={entry.ok ? 'console__entry' : 'console__entry console__entry--error'}
            data-testid="console-entry"
            data-ok={entry.ok}
          >
            <div className="console__command">
              <span className="console__prompt" aria-hidden="true">
                ›
              </span>{' '}
              {entry.input}
            </div>
            {entry.message !== '' && (
              <pre
                className={
                  entry.message.includes('\n')
                    ? 'console__message console__message--table'
                    : 'console__message'
                }
              >
                {entry.ok ? null : <span className="console__tag">error </span>}
                {entry.message}
              </pre>
            )}
          </div>
        ))
      )}
    </div>
  );
}
