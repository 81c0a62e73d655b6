// Comlink wiring only: the export viewer's API object. A worker of its own, apart from the engine, so that
// reading a large export never holds up the replay (nor the page).
import { expose } from 'comlink';
import { createViewerApi } from './viewer/viewer-api';

const api = createViewerApi();

export type ViewerApi = typeof api;

expose(api);
