// The tape's last stages (gzip, then base64) in slices, with a call between slices. Why: a large tape
// (hundreds of megabytes for many symbols over days) takes seconds to compress, and the page's engine client
// declares a worker stuck after 10 s without a word. Each call lets the demo report progress, which keeps
// the call alive, and check Cancel. The bytes are those of `gzip` and `toBase64` in workers/common.

import { toBase64 } from '../common/base64';
import { collectBytes } from '../common/gzip';

/** Bytes handed to the compressor at a time; a multiple of 3 so that base64 slices join without padding. */
const SLICE_BYTES = 3 * 1024 * 1024;

/** Gzip of `bytes`; `between` runs after each slice and may throw to stop (the stream is then cancelled). */
export async function gzipInSlices(
  bytes: Uint8Array,
  between: () => void,
  sliceBytes = SLICE_BYTES,
): Promise<Uint8Array> {
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  // Read while writing: the stream holds little, so writes wait for reads.
  const reading = collectBytes(stream.readable);
  try {
    for (let at = 0; at < bytes.byteLength; at += sliceBytes) {
      await writer.write(bytes.subarray(at, at + sliceBytes) as Uint8Array<ArrayBuffer>);
      between();
    }
    await writer.close();
  } catch (error) {
    await writer.abort(error).catch(() => {});
    await reading.catch(() => {});
    throw error;
  }
  return reading;
}

/** Base64 of `bytes`, slice by slice; `between` runs after each slice and may throw to stop. */
export function base64InSlices(bytes: Uint8Array, between: () => void, sliceBytes = SLICE_BYTES): string {
  if (sliceBytes % 3 !== 0) throw new RangeError('base64 slices must be a multiple of 3 bytes');
  const parts: string[] = [];
  for (let at = 0; at < bytes.byteLength; at += sliceBytes) {
    parts.push(toBase64(bytes.subarray(at, at + sliceBytes)));
    between();
  }
  return parts.join('');
}
