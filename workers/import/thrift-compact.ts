// A bounded reader of Thrift compact-protocol structs (how Parquet writes its page headers): every length is
// checked against the bytes there are, and nesting is limited, so damaged bytes end in an error, never in a
// long loop or a huge allocation. Only what the Parquet guard needs: integers, booleans and nested structs;
// everything else is skipped.

export type CompactValue = number | bigint | boolean | CompactStruct | null;
export type CompactStruct = Map<number, CompactValue>;

const MAX_DEPTH = 16;

class Reader {
  offset: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
  ) {
    this.offset = start;
  }

  byte(): number {
    const byte = this.bytes[this.offset++];
    if (byte === undefined) throw new Error('a page header runs past the end of its column');
    return byte;
  }

  varint(): bigint {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.byte();
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('a page header holds an integer longer than 10 bytes');
  }

  zigzag(): bigint {
    const raw = this.varint();
    return (raw >> 1n) ^ -(raw & 1n);
  }

  skip(count: number): void {
    if (count < 0 || this.offset + count > this.bytes.length) {
      throw new Error('a page header holds a value longer than its column');
    }
    this.offset += count;
  }
}

const small = (value: bigint): number | bigint =>
  value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;

function readValue(reader: Reader, type: number, depth: number): CompactValue {
  switch (type) {
    case 1:
      return true;
    case 2:
      return false;
    case 3:
      reader.skip(1);
      return null;
    case 4:
    case 5:
    case 6:
      return small(reader.zigzag());
    case 7:
      reader.skip(8);
      return null;
    case 8:
      reader.skip(Number(reader.varint()));
      return null;
    case 9:
    case 10:
      readList(reader, depth);
      return null;
    case 12:
      return readStruct(reader, depth + 1);
    default:
      throw new Error(`a page header holds an unknown field type ${type}`);
  }
}

function readList(reader: Reader, depth: number): void {
  const head = reader.byte();
  const size = head >> 4 === 15 ? Number(reader.varint()) : head >> 4;
  // Each element takes at least one byte (booleans in lists do too), so the bytes bound the loop.
  if (size > reader.bytes.length - reader.offset) throw new Error('a page header lists more than it holds');
  for (let i = 0; i < size; i++) readValue(reader, head & 0x0f, depth + 1);
}

function readStruct(reader: Reader, depth: number): CompactStruct {
  if (depth > MAX_DEPTH) throw new Error('a page header nests too deep');
  const struct: CompactStruct = new Map();
  let field = 0;
  for (;;) {
    const head = reader.byte();
    if (head === 0) return struct;
    const type = head & 0x0f;
    field = head >> 4 === 0 ? Number(reader.zigzag()) : field + (head >> 4);
    struct.set(field, readValue(reader, type, depth));
  }
}

/** The struct that starts at `start`, and the offset just after it. */
export function readCompactStruct(bytes: Uint8Array, start: number): { struct: CompactStruct; end: number } {
  const reader = new Reader(bytes, start);
  const struct = readStruct(reader, 0);
  return { struct, end: reader.offset };
}
