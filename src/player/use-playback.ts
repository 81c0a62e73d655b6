// The playback loop (playback-loop.ts) wired to the page: real time, animation frames, and showing a step
// as the worker's showStep followed by the session view reading and drawing it. The view says when it has
// drawn a version (SessionView's onDrawn); the loop waits for that before it asks for another step.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Speed, stepGaps } from './playback';
import { type LoopState, PlaybackLoop } from './playback-loop';
import type { PlayerClient, TapeStep } from './player-client';

/** A view that has not drawn its step after this long (a failed read) no longer holds playback up. */
const DRAW_PATIENCE_MS = 10_000;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export interface Playback {
  state: LoopState;
  /** The version of the worker's state the session view should show. */
  version: number;
  /** SessionView's onDrawn. */
  onDrawn: (version: number) => void;
  loop: PlaybackLoop;
  error: string | null;
}

export function usePlayback(
  client: PlayerClient,
  steps: readonly TapeStep[],
  everyMinutes: number,
  start: number,
): Playback {
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const drawn = useRef(0);
  const waiting = useRef<{ version: number; resolve: () => void }[]>([]);

  const onDrawn = useCallback((v: number) => {
    drawn.current = Math.max(drawn.current, v);
    const due = waiting.current.filter((w) => w.version <= v);
    waiting.current = waiting.current.filter((w) => w.version > v);
    for (const w of due) w.resolve();
  }, []);

  const untilDrawn = useCallback(
    (v: number) =>
      new Promise<void>((resolve) => {
        if (drawn.current >= v) return resolve();
        const timer = setTimeout(resolve, DRAW_PATIENCE_MS);
        waiting.current.push({
          version: v,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    [],
  );

  const [state, setState] = useState<LoopState>({ playing: false, speed: 60, step: 0, shown: 0 });
  const loop = useMemo(
    () =>
      new PlaybackLoop(stepGaps(steps, everyMinutes), 0, 60 satisfies Speed, {
        now: () => performance.now(),
        nextFrame,
        async show(step) {
          const shown = await client.showStep(step);
          if (!shown.ok) throw new Error(shown.error);
          latest.current += 1;
          setVersion(latest.current);
          await untilDrawn(latest.current);
        },
        onChange: (next) => {
          if (next.playing) setError(null);
          setState(next);
        },
        onError: setError,
      }),
    [client, steps, everyMinutes, untilDrawn],
  );

  // The link's step. Paused, not disposed, on unmount: StrictMode mounts twice with the same loop.
  useEffect(() => {
    if (start > 0) loop.seek(start);
    return () => loop.pause();
  }, [loop, start]);

  return { state, version, onDrawn, loop, error };
}
