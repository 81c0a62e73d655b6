// The verbs the UI can call on the engine, as plain data in and out: the session's, the exports' and the
// console's, the configuration's and the imports'. `engine.worker.ts` exposes this object through Comlink
// and marks export bytes for transfer; tests call it directly.

import { createConfigVerbs } from './config-verbs';
import type { EngineHost } from './engine-host';
import { createExportVerbs } from './export-verbs';
import { createImportVerbs } from './import-verbs';
import { createRuntime, type Runtime, type RuntimeOptions } from './runtime';
import { createSessionVerbs } from './session-verbs';

export type { ConfigView } from './config-verbs';
export type { CommandReply, ExportOptions, ExportPayload, ProgressListener } from './export-verbs';
export type { ImportRequest, PendingImport } from './import-verbs';
export type { StartProgress } from './session-verbs';

/**
 * `runtime` is the engine at start-up; `make` builds a fresh one for a new configuration (the worker and
 * tests pass `createRuntime`). Imports of symbols the new configuration still has are carried over.
 */
export function createEngineApi(
  runtime: Runtime,
  make: (options: RuntimeOptions) => Runtime = createRuntime,
) {
  const host: EngineHost = { runtime };
  const imports = createImportVerbs(host);
  return {
    ...createSessionVerbs(host),
    ...createExportVerbs(host),
    ...imports.verbs,
    ...createConfigVerbs(host, make, imports.carryOver),
  };
}

export type EngineApiObject = ReturnType<typeof createEngineApi>;
