import { describe, expect, it } from 'vitest';
import { GrowableColumns } from './growable-columns';

describe('growable columns', () => {
  it('holds what it was given and what was appended, as views, growing its room by doubling', () => {
    const given = Float64Array.from([60, 120]);
    const columns = new GrowableColumns(given, Float64Array.from([1, 2]));
    // Taken as they are: no copy until an append needs room.
    expect(columns.time.buffer).toBe(given.buffer);
    columns.append(Float64Array.from([180]), Float64Array.from([3]));
    columns.push(240, 4);
    expect(Array.from(columns.time)).toEqual([60, 120, 180, 240]);
    expect(Array.from(columns.value)).toEqual([1, 2, 3, 4]);
    // A thousand appends of one row: the room grows a few times, never to more than twice what is held.
    let grown = 0;
    let room = columns.capacity;
    for (let i = 0; i < 1000; i++) {
      columns.append([300 + 60 * i], [5 + i]);
      if (columns.capacity !== room) {
        grown++;
        room = columns.capacity;
      }
    }
    expect(columns.length).toBe(1004);
    expect(grown).toBeLessThanOrEqual(8);
    expect(columns.capacity).toBeLessThanOrEqual(2 * columns.length);
    expect(columns.time[1003]).toBe(300 + 60 * 999);
    expect(columns.value[1003]).toBe(5 + 999);
    columns.clear();
    expect(columns.length).toBe(0);
    expect(() => columns.append([1, 2], [1])).toThrow(/differ in length/);
  });
});
