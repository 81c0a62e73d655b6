// The demo player's page: opens the tape the page holds (in the player's worker), then shows the session
// view of the live charts under the playback controls. Nothing is shown until the whole tape has been
// read and checked; a damaged tape is one message.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Result } from '../../workers/common/result';
import type { AnalysisSummary } from '../../workers/mirror/analysis-types';
import { Card } from '../components/Card/Card';
import { SessionView, type ViewChoice } from '../components/SessionView/SessionView';
import { StrategySummary, sameSummary } from '../components/SessionView/StrategySummary';
import { formatDateRange, formatMarketDate } from '../format';
import { choose, type IndicatorChoice } from '../store/indicator-choice';
import { keyAction } from './keys';
import { linkHash, readLink, throttled } from './link';
import { PlayerControls } from './PlayerControls';
import type { OpenedTape, PlayerClient, TapeStep } from './player-client';
import type { PageTape } from './tape-text';
import { type Playback, usePlayback } from './use-playback';
import './PlayerPage.css';

type Opening =
  | { kind: 'opening' }
  | { kind: 'open'; tape: OpenedTape }
  /** The tape was refused (`damaged`), or the worker died reading it. */
  | { kind: 'failed'; error: string; damaged: boolean }
  | { kind: 'no-tape' };

/** How often the address follows the replay: `history.replaceState` is throttled by browsers. */
const LINK_EVERY_MS = 400;

export interface PlayerPageProps {
  client: PlayerClient;
  tape: PageTape;
  /** The worker reading the tape, started with the page (main.tsx); null when there is none to read. */
  reading: Promise<Result<OpenedTape>> | null;
}

export function PlayerPage({ client, tape, reading }: PlayerPageProps) {
  const [opening, setOpening] = useState<Opening>(() =>
    reading !== null ? { kind: 'opening' } : { kind: 'no-tape' },
  );

  useEffect(() => {
    if (reading === null) return;
    let current = true;
    const failed = (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (current) setOpening({ kind: 'failed', error: message, damaged: false });
    };
    reading.then((opened) => {
      if (!current) return;
      if (!opened.ok) {
        setOpening({ kind: 'failed', error: opened.error, damaged: true });
        return;
      }
      setOpening({ kind: 'open', tape: opened.value });
    }, failed);
    return () => {
      current = false;
    };
  }, [reading]);

  // A tape damaged after its first step: the player gives way to the one line that says where.
  const onDamaged = useCallback((error: string) => setOpening({ kind: 'failed', error, damaged: true }), []);

  const facts = opening.kind === 'open' ? opening.tape.facts : null;
  useEffect(() => {
    document.title = facts ? `${facts.sessionName} · Session Tape demo` : 'Session Tape demo';
  }, [facts]);

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-header__inner">
          <div className="app-header__brand">
            <span className="app-header__logo" aria-hidden="true" />
            <p className="app-header__title">Session Tape</p>
            <span className="player__badge">Demo</span>
          </div>
          {facts && (
            <p className="app-header__tagline" data-testid="player-written">
              Written {formatMarketDate(facts.writtenAt)}
            </p>
          )}
        </div>
      </header>
      <main className="app__main">
        {opening.kind === 'no-tape' && <NoTape missing={tape.kind === 'missing'} />}
        {opening.kind === 'failed' && (
          <div className="player__notice player__notice--error" role="alert" data-testid="player-error">
            <h1 className="player__notice-title">This demo cannot be played</h1>
            {opening.damaged ? (
              <>
                <p>Its tape is damaged: {opening.error}.</p>
                <p className="player__notice-hint">
                  It cannot be played. Make the demo again with <code>system save-demo</code>.
                </p>
              </>
            ) : (
              <p>{opening.error} Reload the page to try again.</p>
            )}
          </div>
        )}
        {/* While the worker reads the tape the player is laid out and its chart made (the page has nothing
            else to do meanwhile), so that the first step is drawn as soon as it is read. */}
        {(opening.kind === 'opening' || opening.kind === 'open') && (
          <Player
            client={client}
            tape={opening.kind === 'open' ? opening.tape : null}
            onDamaged={onDamaged}
          />
        )}
      </main>
    </div>
  );
}

function NoTape({ missing }: { missing: boolean }) {
  return (
    <div className="player__notice" role="status" data-testid="player-no-tape">
      <h1 className="player__notice-title">This is the demo player without a tape</h1>
      <p>
        Make a demo with <code>system save-demo</code> (in the app's command console or the command line): it
        writes this page with a session's tape inside, as one HTML file that plays from disk.
      </p>
      {missing && <p className="player__notice-hint">This page has no tape element (#session-tape).</p>}
      <p className="player__notice-hint">
        To look at the player while developing, run <code>npx tsx scripts/dev-demo.ts</code> and open{' '}
        <code>/dev-demo.html</code>.
      </p>
    </div>
  );
}

const NO_STEPS: readonly TapeStep[] = [];

function Player({
  client,
  tape,
  onDamaged,
}: {
  client: PlayerClient;
  /** Null while the worker reads the tape: the view is made and reads nothing yet. */
  tape: OpenedTape | null;
  onDamaged: (error: string) => void;
}) {
  const steps = tape?.steps ?? NO_STEPS;
  const facts = tape?.facts ?? null;
  // The link the page was opened with; its step is checked against the tape once it is read.
  const [hash] = useState(() => window.location.hash);
  const link = useMemo(() => readLink(hash, steps.length), [hash, steps.length]);
  const playback = usePlayback(client, steps, facts?.everyMinutes ?? 1, link.step ?? 0);
  const { loop, state } = playback;
  const [choice, setChoice] = useState<ViewChoice>({
    symbol: link.symbol,
    interval: link.interval ?? '1m',
  });
  const initial = useMemo(
    () => ({ symbol: link.symbol, interval: link.interval ?? '1m' }),
    [link.symbol, link.interval],
  );

  const writeLink = useMemo(
    () =>
      throttled((hash: string) => {
        // A browser that refuses to change the address of a file:// page only loses the link.
        try {
          history.replaceState(history.state, '', hash);
        } catch {}
      }, LINK_EVERY_MS),
    [],
  );
  useEffect(() => {
    if (tape !== null) writeLink(linkHash(state.step, choice.symbol, choice.interval));
  }, [writeLink, tape, state.step, choice]);
  useEffect(() => () => writeLink.flush(), [writeLink]);

  useEffect(() => {
    if (steps.length === 0) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = keyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        target: target && {
          tagName: target.tagName,
          type: target instanceof HTMLInputElement ? target.type : undefined,
          isContentEditable: target.isContentEditable,
        },
      });
      if (action === null) return;
      event.preventDefault();
      if (action.kind === 'toggle') loop.toggle();
      else if (action.kind === 'step') loop.stepBy(action.delta);
      else if (action.kind === 'first') loop.seek(0);
      else if (action.kind === 'last') loop.seek(steps.length - 1);
      else loop.setSpeed(action.speed);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [loop, steps.length]);

  const onChoice = useCallback((next: ViewChoice) => setChoice(next), []);
  // The player has no app store: its indicator choice lives here, as long as the page.
  const [indicatorChoice, setIndicatorChoice] = useState<IndicatorChoice>({});
  const onIndicatorChoice = useCallback(
    (key: string, shown: boolean) => setIndicatorChoice((current) => choose(current, key, shown)),
    [],
  );

  // The strategies' figures at the step shown, at the head of the page (a read that changes none keeps them).
  const [summary, setSummary] = useState<AnalysisSummary | null>(null);
  const onSummary = useCallback(
    (next: AnalysisSummary | null) => setSummary((current) => (sameSummary(current, next) ? current : next)),
    [],
  );

  // The first step is drawn from the tape's first export alone; then the worker checks the rest (every
  // export read, every day replayed), and no other step is shown before it has. Asked only now, so that
  // the check does not take the CPU from that first drawing.
  const [firstDrawn, setFirstDrawn] = useState(false);
  const onDrawn = useCallback(
    (version: number) => {
      playback.onDrawn(version);
      setFirstDrawn(true);
    },
    [playback.onDrawn],
  );
  useEffect(() => {
    if (!firstDrawn) return;
    let current = true;
    client.tapeChecked().then(
      (checked) => {
        if (current && !checked.ok) onDamaged(checked.error);
      },
      (error: unknown) => {
        if (current) onDamaged(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      current = false;
    };
  }, [firstDrawn, client, onDamaged]);

  return (
    <>
      {facts === null ? (
        <p className="player__notice" role="status" data-testid="player-opening">
          <span className="player__spinner" aria-hidden="true" />
          Reading the tape…
        </p>
      ) : (
        <PlayerHead facts={facts} steps={steps} playback={playback} summary={summary} />
      )}
      <Card title="Session" titleId="player-session-title" className="player__session">
        <SessionView
          client={client}
          source="offline"
          version={playback.version}
          initial={initial}
          onChoice={onChoice}
          onDrawn={onDrawn}
          hold={tape === null}
          indicatorChoice={indicatorChoice}
          onIndicatorChoice={onIndicatorChoice}
          onSummary={onSummary}
          sessionName={facts?.sessionName ?? null}
        />
      </Card>
    </>
  );
}

/** The session's name and dates, the strategies' figures, and the playback controls. */
function PlayerHead({
  facts,
  steps,
  playback,
  summary,
}: {
  facts: OpenedTape['facts'];
  steps: readonly TapeStep[];
  playback: Playback;
  summary: AnalysisSummary | null;
}) {
  const { loop, state } = playback;
  const days = (steps.at(-1)?.day ?? 0) + 1;
  const range = formatDateRange(facts.firstMarketTime, facts.lastMarketTime);

  return (
    <>
      <div className="player__title">
        <h1 className="player__name" data-testid="player-session-name">
          {facts.sessionName}
        </h1>
        <p className="player__facts" data-testid="player-facts">
          <span>{range}</span>
          <span>
            {days} trading {days === 1 ? 'day' : 'days'}
          </span>
          <span>
            {facts.everyMinutes === 1
              ? 'a step every market minute'
              : `a step every ${facts.everyMinutes} market minutes`}
          </span>
          {facts.excluded.length > 0 && <span>without {facts.excluded.join(', ')}</span>}
        </p>
        {summary && <StrategySummary summary={summary} testId="player-summary" />}
      </div>
      <div className="player__controls-bar">
        <PlayerControls
          steps={steps}
          days={days}
          state={state}
          onToggle={() => loop.toggle()}
          onSeek={(step) => loop.seek(step)}
          onStep={(delta) => loop.stepBy(delta)}
          onSpeed={(speed) => loop.setSpeed(speed)}
        />
        {playback.error && (
          <p className="inline-error" role="alert" data-testid="player-step-error">
            {playback.error}
          </p>
        )}
      </div>
    </>
  );
}
