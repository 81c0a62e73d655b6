// The system panel shows states as the file writes them and never breaks on missing thread information:
// the original's `threads: null` or `{}`, a stage without `thread_info`, lower-case states.
import { describe, expect, it } from 'vitest';
import {
  originalComplete,
  originalDelta,
  originalNothing,
} from '../../../workers/mirror/original-exports.test-support';
import { exportShown, STAGES, speedShown, stageStatus, systemState } from './system-status';

const textsOf = (threads: unknown) => STAGES.map((stage) => stageStatus(threads, stage).text);

describe('system panel status', () => {
  it('shows the system state as written, in any case', () => {
    expect(systemState(originalComplete().system_manager)).toBe('stopped');
    expect(systemState({ _state: 'RUNNING' })).toBe('RUNNING');
    expect(systemState({ _state: 'SystemState.PAUSED' })).toBe('SystemState.PAUSED');
    expect(systemState({ _state: 3 })).toBe('3');
    expect(systemState({})).toBe('—');
    expect(systemState(null)).toBe('—');
  });

  it('shows every stage as not known when the file has no thread information', () => {
    for (const threads of [
      null,
      undefined,
      {},
      [],
      'none',
      originalNothing().threads,
      originalComplete().threads,
    ])
      expect(textsOf(threads)).toEqual(['not known', 'not known', 'not known', 'not known']);
    expect(stageStatus(null, 'data_processor')).toEqual({ text: 'not known', tone: 'plain', thread: null });
    expect(textsOf({ session_coordinator: null, data_processor: 5 })[0]).toBe('not known');
  });

  it("shows each stage's state as written, not alive only when the file says so", () => {
    const threads = originalDelta().threads;
    expect(STAGES.map((stage) => stageStatus(threads, stage))).toEqual([
      { text: 'stopped', tone: 'plain', thread: 'thread SessionCoordinator (daemon)' },
      { text: 'not alive', tone: 'dead', thread: 'thread DataProcessor (daemon)' },
      // No thread_info: its state is shown, whether it is alive is not known.
      { text: 'stopped', tone: 'plain', thread: null },
      // Not in the file at all.
      { text: 'not known', tone: 'plain', thread: null },
    ]);
  });

  it("colours this app's states, in either case, and reads _running when there is no state", () => {
    const alive = { thread_info: { name: 'T', is_alive: true, daemon: false } };
    const one = (thread: unknown) => stageStatus({ data_processor: thread }, 'data_processor');
    expect(one({ ...alive, _running: true, state: 'running' })).toEqual({
      text: 'running',
      tone: 'running',
      thread: 'thread T',
    });
    expect(one({ ...alive, state: 'PAUSED' })).toMatchObject({ text: 'PAUSED', tone: 'paused' });
    expect(one({ ...alive, state: 'finished' }).tone).toBe('finished');
    expect(one({ ...alive, _running: true }).text).toBe('running');
    expect(one({ _running: false }).text).toBe('not running');
    expect(one({ ...alive }).text).toBe('alive');
    expect(one({ thread_info: null, state: 'idle' }).text).toBe('idle');
    expect(one({ thread_info: { is_alive: false }, state: 'running' })).toMatchObject({
      text: 'not alive',
      tone: 'dead',
    });
  });

  it("names the export shown and the speed, also for the original's files", () => {
    expect(exportShown({ mode: 'delta', sequence: 3, generated_at: '2025-12-03T14:15:30-05:00' })).toBe(
      '#3 delta · 14:15:30',
    );
    expect(exportShown({ complete: true, diff_mode: false, generated_at: '2025-12-03T14:15:30-05:00' })).toBe(
      'complete · 14:15:30',
    );
    expect(exportShown({ diff_mode: true })).toBe('delta');
    expect(exportShown({})).toBe('—');
    expect(exportShown(null)).toBe('—');
    expect(speedShown({ speed_multiplier: 60 })).toBe('60×');
    expect(speedShown({ speed_multiplier: 0 })).toBe('as fast as possible');
    expect(speedShown({})).toBe('—');
  });
});
