// The live charts: the session view over the UI's own mirror of the engine, with its sync badge, the last
// resync notice, and a restart for a mirror worker that died.
import { useAppStore } from '../../store/context';
import { MirrorBadge } from './MirrorBadge';
import { SessionView } from './SessionView';

export function LiveSession() {
  const version = useAppStore((s) => s.liveMirror.version);
  const notice = useAppStore((s) => s.liveMirror.notice);
  const error = useAppStore((s) => s.liveMirror.error);
  const failed = useAppStore((s) => s.liveMirror.status === 'failed');
  const dismiss = useAppStore((s) => s.dismissMirrorNotice);
  const restart = useAppStore((s) => s.restartMirror);

  return (
    <section className="card live-session" aria-labelledby="live-session-title">
      <div className="card__head">
        <h2 id="live-session-title" className="card__title">
          Live charts
        </h2>
        <MirrorBadge />
      </div>
      {notice && (
        <p className="mirror-notice" data-testid="mirror-notice" role="status">
          <span>{notice}</span>
          <button type="button" className="button button--small" onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
      {error && (
        <p className="inline-error" data-testid="mirror-error" role="alert">
          <span>{error}</span>
          {failed && (
            <button type="button" className="button button--small" onClick={() => void restart()}>
              Restart mirror
            </button>
          )}
        </p>
      )}
      <SessionView source="live" version={version} />
    </section>
  );
}
