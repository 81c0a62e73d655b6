// Plays the demo: on each animation frame, works out which step market time has reached (playback.ts) and
// asks for it, with at most one step being shown (the worker's showStep, then the view's read and draw) at
// any time. While a step is still being drawn, time keeps running and no other step is asked for; the next
// one asked for is then wherever playback has got to, so a slow view skips steps instead of queueing them.
// The clock, the frames and the showing are given, so the tests run it on fake time.
import { advance, type Position, type Speed } from './playback';

export interface LoopDeps {
  /** Real time in ms (performance.now in the page). */
  now(): number;
  /** Resolves at the next animation frame. */
  nextFrame(): Promise<void>;
  /** Shows a step and resolves once the view has drawn it; rejects when it cannot be shown. */
  show(step: number): Promise<void>;
  /** Told after every change of what the controls show. */
  onChange(state: LoopState): void;
  /** Told when a step could not be shown (playback then pauses). */
  onError(message: string): void;
}

export interface LoopState {
  playing: boolean;
  speed: Speed;
  /** The step asked for last: the slider's. */
  step: number;
  /** The step the view shows. */
  shown: number;
}

export class PlaybackLoop {
  private position: Position;
  private shown: number;
  private wanted: number | null = null;
  private inFlight = false;
  private playing = false;
  private speed: Speed;
  /** Bumped on every pause, so a loop of an earlier play stops. */
  private run = 0;

  /**
   * @param gaps market ms from each step to the next (playback.ts, `stepGaps`)
   * @param shown the step the view shows now
   */
  constructor(
    private readonly gaps: readonly number[],
    shown: number,
    speed: Speed,
    private readonly deps: LoopDeps,
  ) {
    this.shown = shown;
    this.position = { step: shown, carry: 0 };
    this.speed = speed;
  }

  get state(): LoopState {
    return { playing: this.playing, speed: this.speed, step: this.position.step, shown: this.shown };
  }

  private get last(): number {
    return this.gaps.length;
  }

  /** Plays from the step asked for; at the end, from the first step again. */
  play(): void {
    if (this.playing) return;
    if (this.position.step >= this.last) this.goTo(0);
    this.playing = true;
    this.changed();
    void this.loop(this.run);
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.run++;
    this.changed();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.changed();
  }

  /** Moves to a step (the slider, Home/End); playing goes on from there. */
  seek(step: number): void {
    this.goTo(step);
    this.changed();
  }

  /** One step back or forward (buttons, arrow keys): pauses first, as a person stepping wants to look. */
  stepBy(delta: number): void {
    this.pause();
    this.seek(this.position.step + delta);
  }

  private goTo(step: number): void {
    const to = Math.max(0, Math.min(this.last, Math.round(step)));
    this.position = { step: to, carry: 0 };
    this.request(to);
  }

  private changed(): void {
    this.deps.onChange(this.state);
  }

  private request(step: number): void {
    this.wanted = step;
    if (!this.inFlight) void this.pump();
  }

  /** Shows the step wanted last, one at a time, until no other is wanted. */
  private async pump(): Promise<void> {
    this.inFlight = true;
    try {
      while (this.wanted !== null) {
        const step = this.wanted;
        this.wanted = null;
        if (step === this.shown) continue;
        try {
          await this.deps.show(step);
          this.shown = step;
        } catch (error) {
          this.pause();
          this.deps.onError(error instanceof Error ? error.message : String(error));
        }
        this.changed();
      }
    } finally {
      this.inFlight = false;
    }
  }

  private async loop(run: number): Promise<void> {
    let then = this.deps.now();
    while (this.playing && run === this.run) {
      await this.deps.nextFrame();
      if (!this.playing || run !== this.run) return;
      // The last step asked for is still being drawn: time runs on, and is counted at the next frame.
      if (this.inFlight) continue;
      const now = this.deps.now();
      const before = this.position.step;
      this.position = advance(this.position, now - then, this.speed, this.gaps);
      then = now;
      if (this.position.step !== before) this.request(this.position.step);
      if (this.position.step >= this.last) {
        this.pause();
        return;
      }
      if (this.position.step !== before) this.changed();
    }
  }
}
