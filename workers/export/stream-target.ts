// A chunk target over an asynchronous writer: a file the user chose (`FileSystemWritableFileStream`, written
// by the engine worker itself), or the page receiving the chunks as they are made. The exporter hands each
// chunk over at once and goes on; the writer works through them meanwhile. Between symbols the exporter
// awaits `drain`, which holds it while more than `highWater` bytes wait, so that a writer slower than the
// exporter never makes the chunks pile up in memory (a 1 GB export holds at most a few of them).
//
// A writer that fails stops the export at the next chunk or symbol: `write` and `drain` throw its error.
// The export is then dropped uncounted, and the caller aborts the writer (a partial file is discarded).

import type { ChunkTarget } from './byte-sink';

/** What a stream target writes to: the subset of `WritableStream`/`FileSystemWritableFileStream` it uses. */
export interface ChunkWriter {
  /** Takes the chunk; it is not touched again by the target (its buffer may be transferred). */
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}

/** How many bytes may wait for the writer before the exporter holds (a few chunks). */
export const STREAM_HIGH_WATER = 8 * 1024 * 1024;

export class StreamTarget implements ChunkTarget {
  /** The writer keeps each chunk until it is written: never reuse one. */
  readonly reusesChunks = false;
  /** Bytes the writer has taken for good (written to the file, received by the page). */
  written = 0;
  private waiting = 0;
  private failure: { error: unknown } | null = null;
  private last: Promise<void> = Promise.resolve();

  constructor(
    private readonly writer: ChunkWriter,
    private readonly highWater = STREAM_HIGH_WATER,
  ) {}

  /** True once the writer failed: an export stopped then was stopped by the writer, not by itself. */
  get failed(): boolean {
    return this.failure !== null;
  }

  write(chunk: Uint8Array): void {
    this.check();
    const length = chunk.length;
    this.waiting += length;
    // The writer queues writes in order; only the last one needs keeping to wait for all of them.
    this.last = this.writer.write(chunk).then(
      () => {
        this.waiting -= length;
        this.written += length;
      },
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
  }

  /** Waits while too many bytes wait for the writer; throws the writer's error if it failed. */
  async drain(): Promise<void> {
    if (this.waiting > this.highWater) await this.last;
    this.check();
  }

  /** Waits for every write; throws the writer's error if one failed. The writer stays open. */
  async flush(): Promise<void> {
    await this.last;
    this.check();
  }

  /** Waits for every write, then closes the writer: only then are the bytes where they go. */
  async close(): Promise<void> {
    await this.flush();
    await this.writer.close();
  }

  /** Drops what was written (a partial file is discarded); never throws. */
  async abort(reason: string): Promise<void> {
    try {
      await this.writer.abort(new Error(reason));
    } catch {
      // Already failed or closed: there is nothing left to discard.
    }
  }

  private check(): void {
    if (this.failure) throw this.failure.error;
  }
}
