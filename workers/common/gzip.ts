// Gzip through the platform's own CompressionStream / DecompressionStream (browsers since 2023, Node 18+):
// the demo writer compresses its tape with it and the demo player's worker inflates it, so no library is
// shipped for it.

import { concatBytes } from './bytes';

/** Collects a stream of byte chunks into one array, refusing to hold more than `limit` bytes. */
export async function collectBytes(
  stream: ReadableStream<Uint8Array>,
  limit = Number.MAX_SAFE_INTEGER,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError(`more than ${limit} bytes once inflated`);
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}

const streamOf = (bytes: Uint8Array): ReadableStream<BufferSource> =>
  new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });

export function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return collectBytes(streamOf(bytes).pipeThrough(new CompressionStream('gzip')));
}

/** Inflates gzip bytes; throws on a damaged stream or one that inflates past `limit` bytes. */
export function gunzip(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  return collectBytes(streamOf(bytes).pipeThrough(new DecompressionStream('gzip')), limit);
}
