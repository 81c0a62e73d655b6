// Every fuzzing surface, briefly, in the unit tests: a few hundred inputs each from a fixed seed, with no
// crash, hang or change after a refusal. `npm run fuzz` runs the same surfaces with many more.
import { describe, expect, it } from 'vitest';
import { surfaces } from './surfaces';

const RUNS = 300;
const SEED = 20_261_129;

const found = await surfaces();

describe('fuzzing', () => {
  it('has a surface for every input path', () => {
    expect(found.map((s) => s.name)).toEqual(['commands', 'configs', 'imports', 'mirror', 'viewer']);
  });
  for (const { name, surface } of found) {
    it(`${name}: ${RUNS} inputs, no crash, hang or change after a refusal`, async () => {
      const report = await surface(RUNS, SEED);
      expect(report.failures).toEqual([]);
      expect(report.inputs).toBe(RUNS);
      expect(report.crashes + report.hangs + report.stateChanges).toBe(0);
    }, 120_000);
  }
});
