// Base64 for bytes embedded in a page (the demo file's tape). `btoa`/`atob` work on "binary strings", so
// the bytes go through them in slices small enough for `String.fromCharCode(...slice)`.

/** A multiple of 3 bytes, so that the slices' base64 texts join without padding in between. */
const SLICE = 3 * 8192;

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let at = 0; at < bytes.byteLength; at += SLICE) {
    parts.push(btoa(String.fromCharCode(...bytes.subarray(at, at + SLICE))));
  }
  return parts.join('');
}

/** Decodes base64 (white space ignored); null when the text is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return null;
  const binary = atob(clean);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
