// Where an export's bytes are read from. A Blob is read in slices when asked: the worker never holds the
// whole file, only its index, and a row page reads just the bytes of its rows.

export interface ByteSource {
  readonly size: number;
  /** Bytes `start` (inclusive) to `end` (exclusive). */
  read(start: number, end: number): Promise<Uint8Array>;
}

/** Whether a Blob starts with gzip's magic bytes (a `.json.gz` download, say). */
export async function isGzip(blob: Blob): Promise<boolean> {
  const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The Blob unzipped, as a Blob again: streamed through the browser's DecompressionStream, so that the
 * text is never one string here; the viewer then reads it in slices like any other file.
 */
export function gunzipBlob(blob: Blob): Promise<Blob> {
  return new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).blob();
}

export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
  };
}

/** Bytes already in memory (tests). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (start, end) => bytes.subarray(start, end) };
}
