// Checks a Parquet file's pages before hyparquet decodes them, so that a damaged file is refused in bounded
// time. hyparquet trusts the counts it reads: a run-length run claiming two billion values makes it write two
// billion values (minutes at 100% CPU in the engine worker, where Cancel cannot reach a synchronous loop).
// Every count that drives a loop is checked here against what the file's bytes and row counts can hold;
// each check costs at most one pass over the page's bytes.

import type { FileMetaData } from 'hyparquet';
import { snappyStrict } from './snappy-strict';
import { type CompactStruct, readCompactStruct } from './thrift-compact';

/** More rows than this in one row group is not a file of one-minute bars (2008-2028 has ~11M minutes). */
export const MAX_ROWS_PER_GROUP = 16_000_000;
/** A page decompressing to more than this is damaged (writers cut pages at about 1 MiB). */
const MAX_PAGE_BYTES = 64 << 20;

const PAGE_DATA = 0;
const PAGE_DICTIONARY = 2;
const PAGE_DATA_V2 = 3;
const ENCODING_PLAIN_DICTIONARY = 2;
const ENCODING_RLE_DICTIONARY = 8;
const CODEC_UNCOMPRESSED = 'UNCOMPRESSED';
const CODEC_SNAPPY = 'SNAPPY';

/** Thrown inside the guard only; the caller turns it into one refusal. */
class Damaged extends Error {}

const damaged = (what: string): never => {
  throw new Damaged(what);
};

const int = (struct: CompactStruct | undefined, field: number): number => {
  const value = struct?.get(field);
  return typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : 0;
};

function varint(bytes: Uint8Array, at: { offset: number }): number {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = bytes[at.offset++];
    if (byte === undefined) return damaged('a run header runs past the end of its page');
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return value;
  }
  return damaged('a run header is longer than 5 bytes');
}

/**
 * Walks the runs of a run-length/bit-packed hybrid stream: no run may claim more values than remain (a
 * bit-packed run may pad to its group of 8) or more bytes than the stream has.
 */
export function checkRuns(bytes: Uint8Array, bitWidth: number, values: number): void {
  if (bitWidth > 32) damaged(`a bit width of ${bitWidth}`);
  const at = { offset: 0 };
  let seen = 0;
  while (seen < values) {
    const header = varint(bytes, at);
    const bitPacked = header % 2 === 1;
    const count = bitPacked ? Math.floor(header / 2) * 8 : Math.floor(header / 2);
    const size = bitPacked ? (count / 8) * bitWidth : (bitWidth + 7) >> 3;
    if (count === 0) damaged('an empty run');
    if (count > values - seen + (bitPacked ? 7 : 0)) {
      damaged(`a run of ${count.toLocaleString('en-US')} values where ${values - seen} remain`);
    }
    if (at.offset + size > bytes.length) damaged('a run longer than its page');
    at.offset += size;
    seen += count;
  }
}

function decompress(bytes: Uint8Array, size: number, codec: string): Uint8Array {
  if (codec === CODEC_UNCOMPRESSED) return bytes;
  if (codec !== CODEC_SNAPPY) return damaged(`compression ${codec} (SNAPPY or none are read)`);
  return snappyStrict(bytes, size);
}

interface Column {
  codec: string;
  optional: boolean;
  rows: number;
}

function checkDataPageV1(page: Uint8Array, header: CompactStruct, column: Column): void {
  const data = header.get(5) as CompactStruct | undefined;
  const values = int(data, 1);
  if (values > column.rows) damaged(`a page of ${values} values in a row group of ${column.rows} rows`);
  let offset = 0;
  if (column.optional) {
    if (page.length < 4) damaged('a page shorter than its levels');
    const length = new DataView(page.buffer, page.byteOffset).getUint32(0, true);
    if (4 + length > page.length) damaged('definition levels longer than their page');
    checkRuns(page.subarray(4, 4 + length), 1, values);
    offset = 4 + length;
  }
  checkDictionaryIndices(page.subarray(offset), int(data, 2), values);
}

function checkDataPageV2(raw: Uint8Array, header: CompactStruct, column: Column): void {
  const data = header.get(8) as CompactStruct | undefined;
  const values = int(data, 1);
  const nulls = int(data, 2);
  const definitionBytes = int(data, 5);
  const repetitionBytes = int(data, 6);
  if (values > column.rows) damaged(`a page of ${values} values in a row group of ${column.rows} rows`);
  if (nulls > values) damaged(`${nulls} nulls in a page of ${values} values`);
  if (repetitionBytes !== 0) damaged('repeated values (bars have one value per column and row)');
  if (definitionBytes < 0 || definitionBytes > raw.length)
    damaged('definition levels longer than their page');
  if (column.optional) checkRuns(raw.subarray(0, definitionBytes), 1, values);
  const size = int(header, 2) - definitionBytes;
  if (size < 0 || size > MAX_PAGE_BYTES) damaged(`a page of ${size} bytes`);
  const compressed = data?.get(7) !== false;
  const body = raw.subarray(definitionBytes);
  const page = compressed && size > 0 ? decompress(body, size, column.codec) : body;
  checkDictionaryIndices(page, int(data, 4), values - nulls);
}

/** Dictionary-encoded values: a bit width byte, then runs of indices. */
function checkDictionaryIndices(page: Uint8Array, encoding: number, values: number): void {
  if (encoding !== ENCODING_RLE_DICTIONARY && encoding !== ENCODING_PLAIN_DICTIONARY) return;
  const width = page[0];
  if (width === undefined) {
    damaged('a dictionary page without its indices');
    return;
  }
  if (width > 0) checkRuns(page.subarray(1), width, values);
}

/** Checks one column chunk's pages, each header and body inside the chunk. */
function checkChunk(chunk: Uint8Array, column: Column): void {
  let offset = 0;
  while (offset < chunk.length) {
    const { struct: header, end } = readCompactStruct(chunk, offset);
    const type = int(header, 1);
    const uncompressed = int(header, 2);
    const compressed = int(header, 3);
    if (compressed < 0 || end + compressed > chunk.length) damaged('a page longer than its column');
    if (uncompressed < 0 || uncompressed > MAX_PAGE_BYTES) damaged(`a page of ${uncompressed} bytes`);
    const raw = chunk.subarray(end, end + compressed);
    if (type === PAGE_DATA) checkDataPageV1(decompress(raw, uncompressed, column.codec), header, column);
    else if (type === PAGE_DATA_V2) checkDataPageV2(raw, header, column);
    else if (type === PAGE_DICTIONARY) decompress(raw, uncompressed, column.codec);
    offset = end + compressed;
  }
}

export type ByteSource = (start: number, end: number) => Promise<ArrayBuffer>;

/**
 * Why the pages of `columns` (schema indexes of the columns read) are damaged, or null when every count
 * fits. Reads each chunk once; the footer's sizes are checked against the file's size before any read.
 */
export async function parquetDamage(
  read: ByteSource,
  fileSize: number,
  metadata: FileMetaData,
  columns: readonly number[],
): Promise<string | null> {
  try {
    for (const group of metadata.row_groups) {
      const rows = Number(group.num_rows);
      if (!(rows >= 0 && rows <= MAX_ROWS_PER_GROUP)) damaged(`a row group of ${group.num_rows} rows`);
      for (const index of columns) {
        const chunk = group.columns[index]?.meta_data;
        if (!chunk) return damaged(`column ${index + 1} has no data`);
        const start = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
        const length = Number(chunk.total_compressed_size);
        if (!(start >= 0 && length >= 0 && start + length <= fileSize)) {
          damaged(`column ${chunk.path_in_schema.join('.')} lies outside the file's ${fileSize} bytes`);
        }
        const repetition = metadata.schema[index + 1]?.repetition_type;
        if (repetition === 'REPEATED') damaged('a repeated column (bars have one value per column and row)');
        const optional = repetition !== 'REQUIRED';
        const bytes = new Uint8Array(await read(start, start + length));
        checkChunk(bytes, { codec: chunk.codec, optional, rows });
      }
    }
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
