// Comlink wiring only: the mirror worker (the UI's live copy of the session and the offline replay of
// export files). Chart series leave as transferred buffers.
import { expose, transfer } from 'comlink';
import { createMirrorApi, type ViewQuery } from './mirror/mirror-api';
import type { BarSeries } from './mirror/series';

const mirror = createMirrorApi();

/** The buffers of a series' columns, to transfer rather than copy. */
const buffersOf = ({ time, open, high, low, close, volume }: BarSeries): ArrayBuffer[] =>
  [time, open, high, low, close, volume].map((c) => c.buffer as ArrayBuffer);

const api = {
  ...mirror,
  view(query: ViewQuery) {
    const read = mirror.view(query);
    return read.series ? transfer(read, buffersOf(read.series)) : read;
  },
};

export type MirrorApi = typeof api;

expose(api);
