import { createStore } from 'zustand/vanilla';
import type { EngineClient } from '../engine-client';
import { createEngineSlice } from './engine-slice';
import { createSessionSlice } from './session-slice';
import type { AppState } from './types';

export type { AppState, SessionAction } from './types';

/** One store made of slices. The engine client is passed in, so tests can hand it a fake. */
export function createAppStore(client: EngineClient) {
  const store = createStore<AppState>()((...args) => ({
    ...createSessionSlice(client)(...args),
    ...createEngineSlice(client)(...args),
  }));
  // A worker can die between calls (an uncaught error while replaying): show it without waiting for a poll.
  client.onFailure((message) => store.setState({ workerError: message }));
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;
