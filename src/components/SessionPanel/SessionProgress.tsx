import { describeSessionProgress, type SessionPosition } from '../../format';

/** How far the replay has come: the open session's minutes as a bar, and the day and minute in words. */
export function SessionProgress({ position }: { position: SessionPosition }) {
  const { minute, minutes } = position;
  const percent = minutes > 0 ? Math.min(100, (minute / minutes) * 100) : 0;
  const words = describeSessionProgress(position);
  return (
    <div className="session-progress">
      <div
        className="session-progress__track"
        role="progressbar"
        aria-label="Session progress in market minutes"
        aria-valuemin={0}
        aria-valuemax={minutes}
        aria-valuenow={minute}
        aria-valuetext={words}
      >
        <div className="session-progress__fill" style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      <div className="session-progress__text" data-testid="session-progress">
        {words}
      </div>
    </div>
  );
}
