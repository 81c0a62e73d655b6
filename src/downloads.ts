// Saving a Blob as a file from the page: an object URL clicked through a hidden <a download>. The URL is
// revoked a minute later, not at once: revoking right after `click()` can cancel the download in some
// browsers. Gzip goes through the browser's own CompressionStream, streamed from the Blob.
import { nextTask } from './next-task';

/** How long an object URL stays valid after its download started. */
export const REVOKE_AFTER_MS = 60_000;

/** `x.json` -> `x.json.gz`. */
export const gzipName = (fileName: string): string => `${fileName}.gz`;

/** The Blob compressed with gzip, without reading it into a string or one big buffer on this thread. */
export function gzipBlob(blob: Blob): Promise<Blob> {
  const stream = blob.stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream, { headers: { 'Content-Type': 'application/gzip' } }).blob();
}

/** Starts the browser's download of `blob` as `fileName`. */
export function saveBlob(blob: Blob, fileName: string, revokeAfterMs = REVOKE_AFTER_MS): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
}

export type SaveFile = (blob: Blob, fileName: string) => void;

/** Downloads an export's bytes, gzipped when asked (the name then already ends in `.gz`). */
export async function downloadBlob(
  blob: Blob,
  downloadName: string,
  gzip: boolean,
  save: SaveFile = saveBlob,
): Promise<void> {
  const file = gzip ? await gzipBlob(blob) : blob;
  await nextTask();
  save(file, downloadName);
}
