// A text file the user picked, read whole: plain or gzipped (`.json.gz`), told apart by gzip's magic bytes
// rather than by the name, since a download may have lost its extension.

const GZIP_MAGIC = [0x1f, 0x8b] as const;

export async function readTextFile(file: Blob): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) return file.text();
  return new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
}
