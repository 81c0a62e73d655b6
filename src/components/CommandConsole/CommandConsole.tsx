import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/context';
import { Card } from '../Card/Card';
import { ConsoleLog } from './ConsoleLog';
import { FRESH, type Recall, recall } from './line-history';
import './CommandConsole.css';

/** The command language in a text field: every answer, or error, is kept in the log above it. */
export function CommandConsole() {
  const history = useAppStore((s) => s.consoleHistory);
  const busy = useAppStore((s) => s.consoleBusy);
  const run = useAppStore((s) => s.runConsoleCommand);
  const clear = useAppStore((s) => s.clearConsole);
  const hasEntries = useAppStore((s) => s.consoleEntries.length > 0);
  const [value, setValue] = useState('');
  const recallState = useRef<Recall>(FRESH);
  const input = useRef<HTMLInputElement>(null);

  // Back in the field once an answer is in, if the disabled Run button had taken the focus away.
  const wasBusy = useRef(false);
  useEffect(() => {
    if (wasBusy.current && !busy && document.activeElement === document.body)
      input.current?.focus({ preventScroll: true });
    wasBusy.current = busy;
  }, [busy]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || value.trim() === '') return;
    recallState.current = FRESH;
    setValue('');
    void run(value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    const next = recall(history, recallState.current, value, event.key === 'ArrowUp' ? 'up' : 'down');
    event.preventDefault();
    if (!next) return;
    recallState.current = next.state;
    setValue(next.value);
  };

  return (
    <Card
      className="console"
      title="Command console"
      titleId="console-title"
      aside={
        <button type="button" className="button button--small" disabled={!hasEntries} onClick={clear}>
          Clear
        </button>
      }
    >
      <ConsoleLog />
      <form className="console__form" onSubmit={onSubmit}>
        <label className="console__label" htmlFor="console-input">
          Command
        </label>
        <div className="console__row">
          <input
            ref={input}
            id="console-input"
            className="field-input console__input"
            type="text"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="help · system advance 5 · system export-status complete=false"
            aria-describedby="console-hint"
            value={value}
            onChange={(event) => {
              recallState.current = { ...recallState.current, index: null };
              setValue(event.target.value);
            }}
            onKeyDown={onKeyDown}
          />
          <button type="submit" className="button button--primary" disabled={busy || value.trim() === ''}>
            {busy ? 'Running…' : 'Run'}
          </button>
        </div>
        <p id="console-hint" className="console__hint">
          Enter runs the line; <kbd>↑</kbd> <kbd>↓</kbd> go through earlier lines; <code>help</code> lists the
          commands.
        </p>
      </form>
    </Card>
  );
}
