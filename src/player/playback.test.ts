import { describe, expect, it } from 'vitest';
import { advance, stepGaps } from './playback';
import { type LoopState, PlaybackLoop } from './playback-loop';

const MINUTE = 60_000;

describe('stepGaps', () => {
  it('is the market time between steps, and one step for the night between two days', () => {
    const steps = [
      { marketTime: '2025-07-01T15:30:00', day: 0 },
      { marketTime: '2025-07-01T16:00:00', day: 0 },
      { marketTime: '2025-07-02T09:31:00', day: 1 },
      { marketTime: '2025-07-02T10:01:00', day: 1 },
      { marketTime: null, day: 1 },
    ];
    expect(stepGaps(steps, 30)).toEqual([30 * MINUTE, 30 * MINUTE, 30 * MINUTE, 30 * MINUTE]);
    const minutes = [
      { marketTime: '2025-07-01T09:30:00', day: 0 },
      { marketTime: '2025-07-01T09:31:00', day: 0 },
      { marketTime: '2025-07-01T09:45:00', day: 0 },
    ];
    expect(stepGaps(minutes, 1)).toEqual([MINUTE, 14 * MINUTE]);
  });
});

describe('advance', () => {
  const gaps = [MINUTE, MINUTE, 5 * MINUTE, MINUTE];

  it('runs market time at the speed asked for', () => {
    // 60x: one market minute a second.
    expect(advance({ step: 0, carry: 0 }, 999, 60, gaps)).toEqual({ step: 0, carry: 999 * 60 });
    expect(advance({ step: 0, carry: 0 }, 1000, 60, gaps)).toEqual({ step: 1, carry: 0 });
    // 1x: a minute of real time for a market minute; 10x: six seconds.
    expect(advance({ step: 0, carry: 0 }, 59_999, 1, gaps).step).toBe(0);
    expect(advance({ step: 0, carry: 0 }, 60_000, 1, gaps).step).toBe(1);
    expect(advance({ step: 1, carry: 0 }, 6_000, 10, gaps).step).toBe(2);
    // The carry counts towards the next, longer step.
    expect(advance({ step: 2, carry: 4 * MINUTE }, 1_000, 60, gaps)).toEqual({ step: 3, carry: 0 });
  });

  it('passes several steps at once when much time has gone, and stops at the last', () => {
    expect(advance({ step: 0, carry: 0 }, 2_500, 60, gaps)).toEqual({ step: 2, carry: 30_000 });
    expect(advance({ step: 0, carry: 0 }, 3_600_000, 60, gaps)).toEqual({ step: 4, carry: 0 });
    expect(advance({ step: 4, carry: 0 }, 1_000, 60, gaps)).toEqual({ step: 4, carry: 0 });
  });

  it('moves exactly one step a call as fast as possible', () => {
    expect(advance({ step: 1, carry: 0 }, 0, 'max', gaps)).toEqual({ step: 2, carry: 0 });
    expect(advance({ step: 2, carry: 0 }, 10_000_000, 'max', gaps)).toEqual({ step: 3, carry: 0 });
    expect(advance({ step: 4, carry: 0 }, 0, 'max', gaps)).toEqual({ step: 4, carry: 0 });
  });
});

/** A loop on fake time: frames come when the test says, and each step shown waits to be drawn. */
function fakePage(gaps: number[], start = 0) {
  let time = 0;
  const frames: (() => void)[] = [];
  const draws: { step: number; done: () => void; fail: (e: Error) => void }[] = [];
  const states: LoopState[] = [];
  const errors: string[] = [];
  let inFlight = 0;
  let most = 0;
  const loop = new PlaybackLoop(gaps, start, 60, {
    now: () => time,
    nextFrame: () => new Promise<void>((resolve) => frames.push(resolve)),
    show: (step) =>
      new Promise<void>((resolve, reject) => {
        inFlight++;
        most = Math.max(most, inFlight);
        draws.push({
          step,
          done: () => {
            inFlight--;
            resolve();
          },
          fail: (e) => {
            inFlight--;
            reject(e);
          },
        });
      }),
    onChange: (state) => states.push(state),
    onError: (message) => errors.push(message),
  });
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return {
    loop,
    states,
    errors,
    /** Steps asked to be shown, in order. */
    asked: () => draws.map((d) => d.step),
    mostInFlight: () => most,
    /** Lets `ms` of real time pass, then runs one animation frame. */
    async frame(ms: number) {
      time += ms;
      await settle();
      for (const resolve of frames.splice(0)) resolve();
      await settle();
    },
    /** The view finishes drawing the step asked for last. */
    async draw() {
      draws.at(-1)?.done();
      await settle();
    },
    async failDraw(message: string) {
      draws.at(-1)?.fail(new Error(message));
      await settle();
    },
  };
}

describe('PlaybackLoop', () => {
  it('shows one step a second at 60x with one-minute steps', async () => {
    const page = fakePage([MINUTE, MINUTE, MINUTE, MINUTE]);
    page.loop.play();
    await page.frame(500);
    expect(page.asked()).toEqual([]);
    await page.frame(500);
    expect(page.asked()).toEqual([1]);
    await page.draw();
    await page.frame(1000);
    await page.draw();
    expect(page.asked()).toEqual([1, 2]);
    expect(page.loop.state).toMatchObject({ playing: true, step: 2, shown: 2 });
  });

  it('never has two steps in flight, and skips the steps a slow view missed', async () => {
    const page = fakePage(Array.from({ length: 20 }, () => MINUTE));
    page.loop.play();
    await page.frame(1000);
    expect(page.asked()).toEqual([1]);
    // The view takes five seconds to draw step 1: nothing else is asked for meanwhile.
    for (let i = 0; i < 5; i++) await page.frame(1000);
    expect(page.asked()).toEqual([1]);
    await page.draw();
    await page.frame(16);
    // Six seconds and a frame after play: step 6 next, steps 2 to 5 never shown.
    expect(page.asked()).toEqual([1, 6]);
    expect(page.mostInFlight()).toBe(1);
  });

  it('as fast as possible, asks for the next step once the last is drawn', async () => {
    const page = fakePage([MINUTE, MINUTE, MINUTE, MINUTE]);
    page.loop.setSpeed('max');
    page.loop.play();
    await page.frame(16);
    await page.frame(16);
    expect(page.asked()).toEqual([1]);
    await page.draw();
    await page.frame(16);
    expect(page.asked()).toEqual([1, 2]);
    expect(page.mostInFlight()).toBe(1);
  });

  it('pauses at the end, and Play there starts again from the first step', async () => {
    const page = fakePage([MINUTE, MINUTE]);
    page.loop.play();
    await page.frame(10_000);
    expect(page.asked()).toEqual([2]);
    expect(page.loop.state).toMatchObject({ playing: false, step: 2 });
    await page.draw();
    page.loop.play();
    expect(page.loop.state).toMatchObject({ playing: true, step: 0 });
    expect(page.asked()).toEqual([2, 0]);
  });

  it('seeks while playing, steps pause, and a step that cannot be shown pauses with its error', async () => {
    const page = fakePage(
      Array.from({ length: 10 }, () => MINUTE),
      3,
    );
    page.loop.play();
    page.loop.seek(7);
    expect(page.loop.state).toMatchObject({ playing: true, step: 7 });
    await page.draw();
    page.loop.stepBy(-1);
    expect(page.loop.state).toMatchObject({ playing: false, step: 6 });
    page.loop.stepBy(-100);
    expect(page.loop.state.step).toBe(0);
    // Step 6 is in flight; asking for 0 meanwhile waits for it instead of queueing a third.
    expect(page.asked()).toEqual([7, 6]);
    await page.draw();
    expect(page.asked()).toEqual([7, 6, 0]);
    page.loop.play();
    await page.failDraw('the worker died');
    expect(page.errors).toEqual(['the worker died']);
    expect(page.loop.state.playing).toBe(false);
  });
});
