// Exports streamed to a target as they are made: the same bytes as the in-memory export whether the target
// lets the sink reuse its chunk or keeps each one, and a writer's failure or slowness seen by the exporter.
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, type ChunkTarget, recycleChunks } from './byte-sink';
import { backtestOf, configJson } from './export.test-support';
import { Exporter } from './exporter';
import { type ChunkWriter, StreamTarget } from './stream-target';

// 2025-12-03 14:15:30 in New York: every export of a test says the same generated_at.
const DEC_3 = Date.UTC(2025, 11, 3, 19, 15, 30);

function exporterOf(symbols: number) {
  const names = Array.from({ length: symbols }, (_, i) => `SY${String.fromCharCode(65 + i)}`);
  const backtest = backtestOf(
    configJson((json) => {
      json.session_data_config.symbols = names;
      json.session_data_config.streams = ['1m', '5m', 'ticks', 'quotes'];
      json.session_data_config.historical = { enabled: true, data: [{ interval: '1m', trailing_days: 2 }] };
      const strategies = json.session_data_config.strategies as { config: { symbols?: string[] } }[];
      for (const strategy of strategies) strategy.config.symbols = names.slice(0, 1);
    }),
  );
  backtest.start();
  backtest.advance(60);
  return new Exporter(backtest, () => DEC_3);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Byte-for-byte equality, told as a size and the first difference (a deep diff of megabytes is slow). */
function sameBytes(actual: Uint8Array, expected: Uint8Array): string {
  if (actual.length !== expected.length) return `${actual.length} bytes, expected ${expected.length}`;
  const at = actual.findIndex((b, i) => b !== expected[i]);
  return at < 0 ? 'same' : `byte ${at} differs`;
}

function inMemory(exporter: Exporter, layout: 'pretty' | 'compact'): Uint8Array {
  const pending = exporter.prepare({ complete: true, layout });
  if (!pending.ok) throw new Error(pending.error);
  return concat(pending.value.result.chunks);
}

/** A synchronous target that copies what it is given (so the sink may reuse the chunk), and its buffers. */
function copyingTarget() {
  const copies: Uint8Array[] = [];
  const buffers = new Set<ArrayBufferLike>();
  const target: ChunkTarget = {
    reusesChunks: true,
    write(chunk) {
      buffers.add(chunk.buffer);
      copies.push(chunk.slice());
    },
  };
  return { target, copies, buffers };
}

describe('streamed export', () => {
  it('gives a synchronous target the same bytes as the in-memory export, reusing one buffer', () => {
    const exporter = exporterOf(3);
    for (const layout of ['pretty', 'compact'] as const) {
      const expected = inMemory(exporter, layout);
      const { target, copies, buffers } = copyingTarget();
      // Prepared, not counted: every export of the test is sequence 1 and says the same.
      const pending = exporter.prepare({ complete: true, layout, target });
      if (!pending.ok) throw new Error(pending.error);
      expect(pending.value.result.chunks).toEqual([]);
      expect(pending.value.result.bytes).toBe(expected.length);
      expect(copies.length).toBeGreaterThan(1);
      expect(buffers.size).toBe(1);
      expect(sameBytes(concat(copies), expected)).toBe('same');
    }
  });

  it('gives a target that keeps its chunks a fresh buffer for each, with the same bytes', () => {
    const exporter = exporterOf(3);
    const expected = inMemory(exporter, 'pretty');
    const kept: Uint8Array[] = [];
    const pending = exporter.prepare({
      complete: true,
      target: { reusesChunks: false, write: (chunk) => kept.push(chunk) },
    });
    if (!pending.ok) throw new Error(pending.error);
    expect(new Set(kept.map((c) => c.buffer)).size).toBe(kept.length);
    expect(sameBytes(concat(kept), expected)).toBe('same');
  });

  it('writes the next export into buffers given back, with the same bytes', () => {
    const exporter = exporterOf(2);
    const expected = inMemory(exporter, 'pretty');
    const given = [new ArrayBuffer(CHUNK_SIZE), new ArrayBuffer(CHUNK_SIZE)];
    new Uint8Array(given[0] as ArrayBuffer).fill(0x7b); // stale bytes must not leak into the export
    recycleChunks(given);
    const pending = exporter.prepare({ complete: true });
    if (!pending.ok) throw new Error(pending.error);
    const buffers = pending.value.result.chunks.map((c) => c.buffer);
    expect(given.every((b) => buffers.includes(b))).toBe(true);
    expect(sameBytes(concat(pending.value.result.chunks), expected)).toBe('same');
  });

  it('moves no cursor while streaming: the export counts only at commit', () => {
    const exporter = exporterOf(2);
    const before = exporter.cursorFingerprint();
    const { target } = copyingTarget();
    const pending = exporter.prepare({ complete: true, target });
    if (!pending.ok) throw new Error(pending.error);
    expect(exporter.cursorFingerprint()).toBe(before);
    expect(pending.value.commit().ok).toBe(true);
    expect(exporter.cursorFingerprint()).not.toBe(before);
  });

  it('stops at a target that throws, moving no cursor', () => {
    const exporter = exporterOf(2);
    const before = exporter.cursorFingerprint();
    let writes = 0;
    const target: ChunkTarget = {
      reusesChunks: true,
      write() {
        if (++writes === 2) throw new Error('disk full');
      },
    };
    expect(() => exporter.export({ complete: true, target })).toThrow('disk full');
    expect(writes).toBe(2);
    expect(exporter.cursorFingerprint()).toBe(before);
  });
});

/** A writer whose writes settle only when the test lets them. */
function heldWriter() {
  const settle: (() => void)[] = [];
  const written: Uint8Array[] = [];
  const writer: ChunkWriter = {
    write: (chunk) =>
      new Promise<void>((resolve) => {
        settle.push(() => {
          written.push(chunk);
          resolve();
        });
      }),
    close: async () => {},
    abort: async () => {},
  };
  return { writer, settle, written };
}

describe('StreamTarget', () => {
  it('holds the exporter at drain while more than its high water waits, and counts what was written', async () => {
    const { writer, settle, written } = heldWriter();
    const target = new StreamTarget(writer, 10);
    target.write(new Uint8Array(8));
    await target.drain(); // 8 bytes wait: under the high water, no hold
    target.write(new Uint8Array(8));
    let drained = false;
    const draining = target.drain().then(() => {
      drained = true;
    });
    await Promise.resolve();
    expect(drained).toBe(false);
    expect(target.written).toBe(0);
    for (const go of settle) go();
    await draining;
    expect(drained).toBe(true);
    expect(target.written).toBe(16);
    expect(written.length).toBe(2);
  });

  it('throws the writer error at the next write, drain or close, and aborts the writer', async () => {
    let aborted: unknown = null;
    const writer: ChunkWriter = {
      write: () => Promise.reject(new Error('quota exceeded')),
      close: () => Promise.reject(new Error('must not close')),
      abort: async (reason) => {
        aborted = reason;
      },
    };
    const target = new StreamTarget(writer);
    target.write(new Uint8Array(4));
    await expect(target.close()).rejects.toThrow('quota exceeded');
    expect(() => target.write(new Uint8Array(4))).toThrow('quota exceeded');
    await expect(target.drain()).rejects.toThrow('quota exceeded');
    await target.abort('stopped');
    expect(aborted).toBeInstanceOf(Error);
    expect((aborted as Error).message).toBe('stopped');
  });
});
