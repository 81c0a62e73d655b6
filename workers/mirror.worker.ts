// Comlink wiring only: the mirror worker (the UI's live copy of the session and the offline replay of
// export files). Chart series leave as transferred buffers.
import { expose, transfer } from 'comlink';
import { createMirrorApi, type Source } from './mirror/mirror-api';

const mirror = createMirrorApi();

const api = {
  ...mirror,
  series(source: Source, symbol: string, interval: string, from?: number) {
    const series = mirror.series(source, symbol, interval, from);
    if (!series) return null;
    const { time, open, high, low, close, volume } = series;
    return transfer(
      series,
      [time, open, high, low, close, volume].map((c) => c.buffer as ArrayBuffer),
    );
  },
};

export type MirrorApi = typeof api;

expose(api);
