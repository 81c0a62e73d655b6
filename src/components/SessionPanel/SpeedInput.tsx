import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { describeSpeed } from '../../format';
import { useAppStore } from '../../store/context';

/**
 * The replay speed multiplier (0: as fast as possible); sent to the engine on Enter or on leaving the field.
 * Enter also gives up the focus: the speed is set, and the session's shortcuts (Space, `.`, →), which are
 * not taken from a field that has the focus, work again at once. Enter on a value that is not a speed keeps
 * the focus there and says (as an alert, so a screen reader hears it) what is accepted; nothing is sent.
 */
export function SpeedInput() {
  const speed = useAppStore((s) => s.snapshot?.speedMultiplier ?? null);
  const disabled = useAppStore((s) => s.snapshot === null || s.workerError !== null);
  const setSpeed = useAppStore((s) => s.setSpeed);
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const hintId = useId();

  // Follow the engine's value unless the user is typing.
  useEffect(() => {
    if (!editing && speed !== null) setDraft(String(speed));
  }, [speed, editing]);

  // 0 is the original system's "as fast as possible"; the engine checks the upper limit.
  const valid = (text: string) => text.trim() !== '' && Number.isFinite(Number(text)) && Number(text) >= 0;

  const commit = () => {
    setEditing(false);
    const value = Number(draft);
    if (!valid(draft)) {
      setInvalid(true);
      if (speed !== null) setDraft(String(speed));
      return;
    }
    setInvalid(false);
    if (value !== speed) void setSpeed(value);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input = field.current;
    // Not a speed: the field keeps the focus and the text, to be mended where it is.
    if (!valid(draft) && input !== null && input === document.activeElement) {
      setInvalid(true);
      input.select();
      return;
    }
    // Leaving the field commits (onBlur); a field that no longer has the focus commits here.
    if (input !== null && input === document.activeElement) input.blur();
    else commit();
  };

  return (
    // noValidate: the check and its message are ours (the browser would block the submit on `min` silently).
    <form className="speed-input" onSubmit={onSubmit} noValidate>
      <div className="speed-input__row">
        <input
          ref={field}
          className="speed-input__field"
          type="number"
          inputMode="decimal"
          min="0"
          step="any"
          aria-label="Speed multiplier"
          aria-invalid={invalid}
          aria-describedby={hintId}
          data-testid="speed-input"
          value={draft}
          disabled={disabled}
          onFocus={() => setEditing(true)}
          onChange={(event) => {
            setEditing(true);
            setDraft(event.target.value);
          }}
          onBlur={commit}
        />
      </div>
      {invalid ? (
        <div id={hintId} className="fact__hint fact__hint--invalid" role="alert">
          Enter 0 (as fast as possible) or a number above 0
        </div>
      ) : (
        <div id={hintId} className="fact__hint">
          {speed === null ? '' : describeSpeed(speed)}
        </div>
      )}
    </form>
  );
}
