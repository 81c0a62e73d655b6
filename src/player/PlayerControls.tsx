// The player's controls: where the replay stands (market time, step, day), Play / Pause, one step back or
// forward, first and last, the slider over every step, and the speed. The spoken market time is a
// separate polite live region, updated at most every few seconds while playing so that a screen reader is
// not flooded at high speed; paused or stepping, it says each step at once.
import { type CSSProperties, useEffect, useId, useState } from 'react';
import { KEY_HELP } from './keys';
import { SPEEDS, type Speed, speedLabel } from './playback';
import type { LoopState } from './playback-loop';
import type { TapeStep } from './player-client';
import { stepTime } from './step-time';

const ANNOUNCE_EVERY_MS = 5_000;

interface ControlsProps {
  steps: readonly TapeStep[];
  days: number;
  state: LoopState;
  onToggle(): void;
  onSeek(step: number): void;
  onStep(delta: number): void;
  onSpeed(speed: Speed): void;
}

const shortSpeed = (speed: Speed) => (speed === 'max' ? 'Max' : `${speed}×`);

/** What the live region says: the latest position, no more often than every few seconds while playing. */
function useAnnouncement(text: string, playing: boolean): string {
  const [said, setSaid] = useState(text);
  const [at, setAt] = useState(0);
  useEffect(() => {
    if (text === said) return;
    const wait = playing ? at + ANNOUNCE_EVERY_MS - Date.now() : 0;
    const timer = setTimeout(
      () => {
        setSaid(text);
        setAt(Date.now());
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [text, said, playing, at]);
  return said;
}

export function PlayerControls({ steps, days, state, onToggle, onSeek, onStep, onSpeed }: ControlsProps) {
  const sliderId = useId();
  const last = steps.length - 1;
  const step = steps[state.step];
  const time = stepTime(step?.marketTime ?? null);
  const position = `Step ${state.step + 1} of ${steps.length}`;
  const day = (step?.day ?? 0) + 1;
  const spoken = useAnnouncement(`${time}, ${position.toLowerCase()}`, state.playing);
  const atEnd = state.step >= last;

  return (
    <section className="player-controls" aria-label="Playback" data-testid="player-controls">
      <div className="player-controls__where">
        <p className="player-controls__time number" data-testid="player-time">
          {time}
        </p>
        <p className="player-controls__position number">
          <span data-testid="player-position">{position}</span>
          {days > 1 && (
            <span className="player-controls__day" data-testid="player-day">
              Day {day} of {days}
            </span>
          )}
          {/* A slow step asked for while paused (a rebuild from a day's start); while playing, steps are always on their way. */}
          {!state.playing && state.shown !== state.step && (
            <span className="player-controls__busy" aria-hidden="true" title="Drawing this step" />
          )}
        </p>
        <p className="visually-hidden" aria-live="polite" data-testid="player-announcement">
          {spoken}
        </p>
      </div>

      <div className="player-controls__transport">
        <StepButton
          icon="first"
          label="First step"
          keyName="Home"
          disabled={state.step === 0}
          onClick={() => onSeek(0)}
        />
        <StepButton
          icon="back"
          label="Step back"
          keyName="←"
          disabled={state.step === 0}
          onClick={() => onStep(-1)}
        />
        <button
          type="button"
          className="player-button player-button--play"
          onClick={onToggle}
          data-testid="player-play"
          title={
            state.playing ? 'Pause (Space)' : atEnd ? 'Play again from the start (Space)' : 'Play (Space)'
          }
        >
          <Icon name={state.playing ? 'pause' : 'play'} />
          <span>{state.playing ? 'Pause' : atEnd ? 'Replay' : 'Play'}</span>
        </button>
        <StepButton
          icon="forward"
          label="Step forward"
          keyName="→"
          disabled={atEnd}
          onClick={() => onStep(1)}
        />
        <StepButton
          icon="last"
          label="Last step"
          keyName="End"
          disabled={atEnd}
          onClick={() => onSeek(last)}
        />
      </div>

      <div className="player-controls__slider">
        <label htmlFor={sliderId} className="visually-hidden">
          Market time
        </label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={Math.max(0, last)}
          step={1}
          value={state.step}
          disabled={last === 0}
          onChange={(event) => onSeek(Number(event.target.value))}
          aria-valuetext={`${time}, ${position.toLowerCase()}`}
          data-testid="player-slider"
          style={{ '--filled': `${last > 0 ? (state.step / last) * 100 : 0}%` } as CSSProperties}
        />
        <div className="player-controls__ends number" aria-hidden="true">
          <span>{stepTime(steps[0]?.marketTime ?? null)}</span>
          <span>{stepTime(steps[last]?.marketTime ?? null)}</span>
        </div>
      </div>

      <fieldset className="player-speed">
        <legend className="visually-hidden">Speed</legend>
        {SPEEDS.map((speed, i) => (
          <label
            key={String(speed)}
            className="player-speed__option"
            title={`${speed === 'max' ? 'Each step as soon as the last is drawn' : `Market time at ${speedLabel(speed)} real time`} (${i + 1})`}
          >
            <input
              type="radio"
              name="player-speed"
              value={String(speed)}
              checked={state.speed === speed}
              onChange={() => onSpeed(speed)}
              aria-label={speedLabel(speed)}
            />
            <span aria-hidden="true">{shortSpeed(speed)}</span>
          </label>
        ))}
      </fieldset>

      <p className="player-controls__keys">{KEY_HELP}</p>
    </section>
  );
}

const PATHS: Record<'play' | 'pause' | 'back' | 'forward' | 'first' | 'last', string> = {
  play: 'M7 4.5v15l12.5-7.5z',
  pause: 'M6.5 4.5h4v15h-4zM13.5 4.5h4v15h-4z',
  back: 'M15.5 5v14L6 12zM16.5 5h2v14h-2z',
  forward: 'M8.5 5v14L18 12zM5.5 5h2v14h-2z',
  first: 'M5 5h2v14H5zM19 5v14l-5.5-7zM13 5v14l-5.5-7z',
  last: 'M17 5h2v14h-2zM5 5v14l5.5-7zM11 5v14l5.5-7z',
};

/** A transport button that shows only its icon: its name and key are for screen readers and the tooltip. */
function StepButton({
  icon,
  label,
  keyName,
  disabled,
  onClick,
}: {
  icon: keyof typeof PATHS;
  label: string;
  keyName: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="player-button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={`${label} (${keyName})`}
    >
      <Icon name={icon} />
    </button>
  );
}

function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="player-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
