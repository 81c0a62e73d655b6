import { formatCount } from '../../format';

export function SessionProgress({ minute, minutes }: { minute: number; minutes: number }) {
  const percent = minutes > 0 ? Math.min(100, (minute / minutes) * 100) : 0;
  return (
    <div className="session-progress">
      <div
        className="session-progress__track"
        role="progressbar"
        aria-label="Session progress in market minutes"
        aria-valuemin={0}
        aria-valuemax={minutes}
        aria-valuenow={minute}
      >
        <div className="session-progress__fill" style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      <div className="session-progress__text" data-testid="session-progress">
        Minute {formatCount(minute)} of {formatCount(minutes)}
      </div>
    </div>
  );
}
