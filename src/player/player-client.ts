// The demo player's worker (workers/player.worker.ts), supervised like the app's mirror worker. The build
// inlines it into the page as a classic blob: worker (scripts/vite-inline-workers.ts), because a demo opened
// from disk (file://) may not load a worker script from a URL: the page must make no request at all.
import type { Result } from '../../workers/common/result';
import type { ViewQuery, ViewRead } from '../../workers/mirror/mirror-api';
import type { OpenedTape } from '../../workers/player/player-api';
import type { PlayerApi } from '../../workers/player.worker';
import { type SupervisedWorker, superviseWorker, type WorkerLike } from '../worker-supervisor';

export type { OpenedTape, TapeFacts, TapeStep } from '../../workers/player/player-api';

/** The player worker died, failed to load or stopped answering. */
// Vite finds the worker only when this expression is written inline with literal options.
const createPlayerWorker = (): WorkerLike =>
  new Worker(new URL('../../workers/player.worker.ts', import.meta.url), { type: 'module', name: 'player' });

export class PlayerWorkerError extends Error {
  override name = 'PlayerWorkerError';
}

export interface PlayerClient extends SupervisedWorker<PlayerApi> {
  /** Reads the tape's header and first export (the page's base64 text), and shows its first step. */
  openTape(base64: string): Promise<Result<OpenedTape>>;
  /** Settles once the whole tape is read and replayed aside; the error names the export at fault. */
  tapeChecked(): Promise<Result<true>>;
  /** Shows the replay as it stood after step `index`. */
  showStep(index: number): Promise<Result<number>>;
  /** Everything a session view draws, in one answer; the series' buffers are transferred. */
  view(query: ViewQuery): Promise<ViewRead>;
}

/**
 * How long one call may take. Opening reads and replays the whole tape (a long demo is hundreds of
 * megabytes of JSON once inflated); a step is a day's complete export and its deltas at most.
 */
export const PLAYER_TIMEOUT_MS = 120_000;

export interface PlayerClientOptions {
  timeoutMs?: number;
  createWorker?: () => WorkerLike;
}

export function createPlayerClient(options: PlayerClientOptions = {}): PlayerClient {
  const worker = superviseWorker<PlayerApi>({
    label: 'player',
    createWorker: options.createWorker ?? createPlayerWorker,
    timeoutMs: options.timeoutMs ?? PLAYER_TIMEOUT_MS,
    deadError: (message) => new PlayerWorkerError(message),
  });
  return {
    ...worker,
    openTape: (base64) => worker.call('openTape', base64),
    tapeChecked: () => worker.call('tapeChecked'),
    showStep: (index) => worker.call('showStep', index),
    view: (query) => worker.call('view', query),
  };
}
