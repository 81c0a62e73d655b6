// "Save to a file…": a complete (or delta) export that goes straight to a file as it is made, for exports
// too large to hold in the page (a thousand symbols make a gigabyte). Where the browser has
// `showSaveFilePicker`, the user picks the file and its handle goes to the engine worker, which writes the
// chunks itself as the exporter makes them: the page never sees the bytes. Elsewhere the engine sends the
// chunks to the page as they are made, each becomes a small Blob at once (the chunk's buffer is then
// dropped), and the Blob of them all is downloaded: the export is held once, never twice.
//
// Either way the export counts (the consumer's cursor moves) only once every byte is where it goes; a
// dialog dismissed exports nothing, and a cancel or a failure discards the partial file.
import type { ExportOptions, SavedExport, WritableFileHandle } from '../../workers/api/export-verbs';
import type { ExportProgress } from '../../workers/export/contract';
import type { EngineClient } from '../engine-client';

/** What `showSaveFilePicker` is asked (the part of its options this app uses). */
export interface SavePickerOptions {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}

/** `window.showSaveFilePicker`, or a stand-in in tests. */
export type SaveFilePicker = (options: SavePickerOptions) => Promise<WritableFileHandle>;

/** The browser's save dialog, or null where it has none (Firefox, Safari: the download fallback). */
export function browserSavePicker(scope: object = globalThis): SaveFilePicker | null {
  const picker = (scope as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  return typeof picker === 'function' ? (options) => picker.call(scope, options) : null;
}

/** Collects an export's chunks as they arrive: each one becomes a Blob at once, so its buffer can go. */
export class ChunkCollector {
  private readonly parts: Blob[] = [];
  bytes = 0;

  add(chunk: Uint8Array): void {
    this.parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
    this.bytes += chunk.length;
  }

  /** The whole export as one Blob made of the parts (no copy of their bytes). */
  blob(): Blob {
    return new Blob(this.parts, { type: 'application/json' });
  }
}

export type SaveOutcome =
  | { ok: true; saved: SavedExport; how: 'file' }
  | { ok: true; saved: SavedExport; how: 'download'; blob: Blob }
  /** The user closed the save dialog: nothing was exported. */
  | { ok: false; dismissed: true }
  | { ok: false; dismissed: false; error: string };

export interface SaveDeps {
  /** The browser's save dialog; null for the download fallback. */
  picker: SaveFilePicker | null;
  onProgress: (progress: ExportProgress) => void;
  /** Called once the dialog gave a file (with its name), before the export starts. */
  onFileChosen?: (name: string) => void;
}

const JSON_TYPES = [{ description: 'JSON export', accept: { 'application/json': ['.json'] } }];

const isAbort = (error: unknown): boolean => error instanceof Error && error.name === 'AbortError';

/** Makes an export with `options` and saves it as it is made (see the head of this file). */
export async function saveExport(
  client: EngineClient,
  options: ExportOptions,
  deps: SaveDeps,
): Promise<SaveOutcome> {
  if (deps.picker === null) {
    const chunks = new ChunkCollector();
    const result = await client.call('streamExport', options, (chunk) => chunks.add(chunk), deps.onProgress);
    if (!result.ok) return { ok: false, dismissed: false, error: result.error };
    return { ok: true, saved: result.value, how: 'download', blob: chunks.blob() };
  }
  // The name is checked (and the default one made) before the dialog opens, so a bad name asks nothing.
  const name = await client.call('suggestedExportName', options);
  if (!name.ok) return { ok: false, dismissed: false, error: name.error };
  let file: WritableFileHandle;
  try {
    file = await deps.picker({ suggestedName: name.value, types: JSON_TYPES });
  } catch (error) {
    if (isAbort(error)) return { ok: false, dismissed: true };
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, dismissed: false, error: `The save dialog failed: ${detail}` };
  }
  deps.onFileChosen?.(file.name);
  const result = await client.call('saveExportToFile', file, options, deps.onProgress);
  return result.ok
    ? { ok: true, saved: result.value, how: 'file' }
    : { ok: false, dismissed: false, error: result.error };
}
