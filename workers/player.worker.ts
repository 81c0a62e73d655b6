// Comlink wiring only: the demo player's worker (the tape in a demo file, workers/player/). Chart series
// leave as transferred buffers, as in the mirror worker.
import { expose, transfer } from 'comlink';
import type { ViewQuery } from './mirror/mirror-api';
import { viewBuffers } from './mirror/view';
import { createPlayerApi } from './player/player-api';

const player = createPlayerApi();

const api = {
  ...player,
  view(query: ViewQuery) {
    const read = player.view(query);
    return transfer(read, viewBuffers(read));
  },
};

export type PlayerApi = typeof api;

expose(api);
