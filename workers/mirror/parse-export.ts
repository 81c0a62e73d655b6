// Export bytes, as a file or the live feed delivers them (gzip-compressed or not), into a parsed JSON
// value or a one-line reason.

import type { Result } from '../common/result';

const decoder = () => new TextDecoder('utf-8', { fatal: true });

/** Bytes of an export (possibly gzip-compressed) as a parsed JSON value, or a one-line reason. */
export async function parseExportBytes(name: string, bytes: Uint8Array): Promise<Result<unknown>> {
  let data = bytes;
  if (data[0] === 0x1f && data[1] === 0x8b) {
    try {
      const stream = new Blob([data as Uint8Array<ArrayBuffer>])
        .stream()
        .pipeThrough(new DecompressionStream('gzip'));
      data = new Uint8Array(await new Response(stream).arrayBuffer());
    } catch {
      return { ok: false, error: `${name}: the gzip data is damaged` };
    }
  }
  try {
    return { ok: true, value: JSON.parse(decoder().decode(data)) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `${name}: not a JSON file (${detail})` };
  }
}
