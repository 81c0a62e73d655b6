import { type FormEvent, useEffect, useRef, useState } from 'react';
import { describeSpeed } from '../../format';
import { useAppStore } from '../../store/context';

/**
 * The replay speed multiplier (0: as fast as possible); sent to the engine on Enter or on leaving the field.
 * Enter also gives up the focus: the speed is set, and the session's shortcuts (Space, `.`, →), which are
 * not taken from a field that has the focus, work again at once.
 */
export function SpeedInput() {
  const speed = useAppStore((s) => s.snapshot?.speedMultiplier ?? null);
  const disabled = useAppStore((s) => s.snapshot === null || s.workerError !== null);
  const setSpeed = useAppStore((s) => s.setSpeed);
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  // Follow the engine's value unless the user is typing.
  useEffect(() => {
    if (!editing && speed !== null) setDraft(String(speed));
  }, [speed, editing]);

  const commit = () => {
    setEditing(false);
    const value = Number(draft);
    // 0 is the original system's "as fast as possible"; the engine checks the upper limit.
    if (draft.trim() === '' || !Number.isFinite(value) || value < 0) {
      setInvalid(true);
      if (speed !== null) setDraft(String(speed));
      return;
    }
    setInvalid(false);
    if (value !== speed) void setSpeed(value);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Leaving the field commits (onBlur); a field that no longer has the focus commits here.
    const input = field.current;
    if (input !== null && input === document.activeElement) input.blur();
    else commit();
  };

  return (
    <form className="speed-input" onSubmit={onSubmit}>
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
      <div className={invalid ? 'fact__hint fact__hint--invalid' : 'fact__hint'}>
        {invalid
          ? 'Enter 0 (as fast as possible) or a number above 0'
          : speed === null
            ? ''
            : describeSpeed(speed)}
      </div>
    </form>
  );
}
