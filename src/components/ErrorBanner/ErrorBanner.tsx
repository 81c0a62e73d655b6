import { useAppStore } from '../../store/context';
import './ErrorBanner.css';

/** A dead worker (with a restart) takes precedence over a refused command (which can be dismissed). */
export function ErrorBanner() {
  const workerError = useAppStore((s) => s.workerError);
  const commandError = useAppStore((s) => s.commandError);
  const restartEngine = useAppStore((s) => s.restartEngine);
  const dismissCommandError = useAppStore((s) => s.dismissCommandError);

  if (workerError !== null) {
    return (
      <div className="banner banner--error" role="alert" data-testid="worker-error">
        <div className="banner__text">
          <strong>The engine stopped working.</strong> {workerError}
        </div>
        <button type="button" className="button button--primary" onClick={() => void restartEngine()}>
          Restart engine
        </button>
      </div>
    );
  }

  if (commandError !== null) {
    return (
      <div className="banner banner--warning" role="alert" data-testid="command-error">
        <div className="banner__text">{commandError}</div>
        <button type="button" className="button" onClick={dismissCommandError}>
          Dismiss
        </button>
      </div>
    );
  }

  return null;
}
