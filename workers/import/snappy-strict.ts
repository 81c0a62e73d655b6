// A strict Snappy decoder for the Parquet guard. hyparquet's decoder reads a 4-byte literal length as a
// signed number: a damaged length turns negative and moves its read position backwards, so it can cycle over
// the same bytes for seconds. This one reads lengths unsigned and refuses any element that does not fit the
// input or the output, so a stream it accepts is one hyparquet decodes in one forward pass.

const fail = (what: string): never => {
  throw new Error(`Snappy data ${what}`);
};

/** Length of a literal whose tag is `tag`, and where its bytes start. */
function literal(input: Uint8Array, tag: number, pos: number): { length: number; start: number } {
  const short = (tag >>> 2) + 1;
  if (short <= 60) return { length: short, start: pos };
  const size = short - 60;
  if (pos + size > input.length) fail('ends inside a literal length');
  let length = 0;
  for (let i = size - 1; i >= 0; i--) length = length * 256 + (input[pos + i] as number);
  return { length: length + 1, start: pos + size };
}

/** Decodes `input` into exactly `size` bytes, or throws saying what is wrong. */
export function snappyStrict(input: Uint8Array, size: number): Uint8Array {
  const output = new Uint8Array(size);
  let pos = 0;
  while (pos < input.length && (input[pos] as number) >= 128) pos++; // the length preamble
  pos++;
  let out = 0;
  while (pos < input.length) {
    const tag = input[pos++] as number;
    if ((tag & 3) === 0) {
      const { length, start } = literal(input, tag, pos);
      if (start + length > input.length || out + length > size) fail('holds a literal longer than its page');
      output.set(input.subarray(start, start + length), out);
      out += length;
      pos = start + length;
      continue;
    }
    const kind = tag & 3;
    const bytes = kind === 1 ? 1 : kind === 2 ? 2 : 4;
    if (pos + bytes > input.length) fail('ends inside a copy');
    let offset = 0;
    for (let i = bytes - 1; i >= 0; i--) offset = offset * 256 + (input[pos + i] as number);
    const length = kind === 1 ? ((tag >>> 2) & 7) + 4 : (tag >>> 2) + 1;
    if (kind === 1) offset += (tag >>> 5) << 8;
    pos += bytes;
    if (offset === 0 || offset > out || out + length > size) fail('holds a copy outside its page');
    for (let i = 0; i < length; i++) output[out + i] = output[out - offset + i] as number;
    out += length;
  }
  if (out !== size) fail(`holds ${out} bytes where the page header says ${size}`);
  return output;
}
