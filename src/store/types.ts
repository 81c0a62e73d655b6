// The whole store's state: every slice's shape, joined. Each slice's shape lives beside the slice
// (`<name>-types.ts` beside `<name>-slice.ts`) and imports nothing of the store, so there is no loop.
import type { CompareSlice } from './compare-types';
import type { ConfigSlice } from './config-types';
import type { ConsoleSlice } from './console-types';
import type { DemoSlice } from './demo-types';
import type { EngineSlice } from './engine-types';
import type { ExportsSlice } from './exports-types';
import type { ImportSlice } from './import-types';
import type { IndicatorSlice } from './indicator-types';
import type { LayoutSlice } from './layout-types';
import type { MirrorSlice } from './mirror-types';
import type { OfflineSlice } from './offline-types';
import type { SessionSlice } from './session-types';
import type { StorageSlice } from './storage-types';
import type { ViewerSlice } from './viewer-types';

export type AppState = SessionSlice &
  EngineSlice &
  ExportsSlice &
  DemoSlice &
  ConsoleSlice &
  ViewerSlice &
  CompareSlice &
  OfflineSlice &
  MirrorSlice &
  ConfigSlice &
  ImportSlice &
  IndicatorSlice &
  StorageSlice &
  LayoutSlice;
