// The live charts: the session view over the UI's own mirror of the engine, with its sync badge, the last
// resync notice (a toast over the card, MirrorNotice.tsx), and a restart for a mirror worker that died. The symbol the chart shows is told to the
// engine (`showSymbols`), so that its feed carries full rows for that symbol only, and the compare
// overlay's symbol when there is one: one more symbol shown, never every symbol (docs/chart-tools.md).
import { useCallback, useRef, useState } from 'react';
import { useAppStore } from '../../store/context';
import { Card } from '../Card/Card';
import { MirrorBadge } from './MirrorBadge';
import { MirrorNotice } from './MirrorNotice';
import { SessionView, type ViewChoice } from './SessionView';

export function LiveSession() {
  const version = useAppStore((s) => s.liveMirror.version);
  const error = useAppStore((s) => s.liveMirror.error);
  const failed = useAppStore((s) => s.liveMirror.status === 'failed');
  const restart = useAppStore((s) => s.restartMirror);
  const client = useAppStore((s) => s.mirrorClient);
  const epoch = useAppStore((s) => s.liveMirror.epoch);
  const indicatorChoice = useAppStore((s) => s.indicatorChoices.live);
  const chooseIndicator = useAppStore((s) => s.chooseIndicator);
  const showLiveSymbols = useAppStore((s) => s.showLiveSymbols);
  const sessionName = useAppStore((s) => s.snapshot?.sessionName ?? null);
  const setLiveChoice = useAppStore((s) => s.setLiveChoice);
  // The choice an address opened the page on, read once: the chart keeps its own from then on, and tells it.
  const kept = useAppStore((s) => s.liveChoice);
  const [initial] = useState(() => kept);
  // The engine's feed carries rows only for the symbols drawn: the symbol charted and the compare symbol.
  // A symbol picked is asked for at once (an interval picked for the same symbols asks nothing). Both are
  // the session's: the charted one is the mirror's answer, and the view reports a compare symbol only when
  // it is among the session's symbols (the engine refuses the whole list for one unknown name, and the
  // charted symbol's rows would never come).
  const charted = useRef<string | null>(null);
  const onChoice = useCallback(
    ({ symbol, interval, compare = null }: ViewChoice) => {
      if (symbol === null) return;
      setLiveChoice({ symbol, interval, compare });
      const symbols = compare === null || compare === symbol ? [symbol] : [symbol, compare];
      const key = symbols.join(',');
      if (key === charted.current) return;
      charted.current = key;
      void showLiveSymbols(symbols);
    },
    [showLiveSymbols, setLiveChoice],
  );
  const onIndicatorChoice = useCallback(
    (key: string, shown: boolean) => chooseIndicator('live', key, shown),
    [chooseIndicator],
  );

  return (
    <Card className="live-session" title="Live charts" titleId="live-session-title" aside={<MirrorBadge />}>
      <MirrorNotice />
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
      <SessionView
        client={client}
        source="live"
        version={version}
        epoch={epoch}
        {...(initial ? { initial } : {})}
        onChoice={onChoice}
        indicatorChoice={indicatorChoice}
        onIndicatorChoice={onIndicatorChoice}
        sessionName={sessionName}
      />
    </Card>
  );
}
