// Comlink wiring only: the mirror worker (the UI's live copy of the session and the offline replay of
// export files). Chart series and indicator lines leave as transferred buffers.
import { expose, transfer } from 'comlink';
import { createMirrorApi, type ViewQuery } from './mirror/mirror-api';
import { viewBuffers } from './mirror/view';

const mirror = createMirrorApi();

const api = {
  ...mirror,
  view(query: ViewQuery) {
    const read = mirror.view(query);
    return transfer(read, viewBuffers(read));
  },
};

export type MirrorApi = typeof api;

expose(api);
