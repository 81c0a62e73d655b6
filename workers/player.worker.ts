// Comlink wiring only: the demo player's worker (the tape in a demo file, workers/player/). Chart series
// leave as transferred buffers, as in the mirror worker.
import { expose, transfer } from 'comlink';
import type { ViewQuery } from './mirror/mirror-api';
import type { BarSeries } from './mirror/series';
import { createPlayerApi } from './player/player-api';

const player = createPlayerApi();

/** The buffers of a series' columns, to transfer rather than copy. */
const buffersOf = ({ time, open, high, low, close, volume }: BarSeries): ArrayBuffer[] =>
  [time, open, high, low, close, volume].map((c) => c.buffer as ArrayBuffer);

const api = {
  ...player,
  view(query: ViewQuery) {
    const read = player.view(query);
    return read.series ? transfer(read, buffersOf(read.series)) : read;
  },
};

export type PlayerApi = typeof api;

expose(api);
