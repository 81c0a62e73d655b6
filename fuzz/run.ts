// `npm run fuzz`: every surface with many inputs, the figures printed, exit 1 on any crash, hang or state
// change after a refusal. `FUZZ_RUNS` (inputs per surface) and `FUZZ_SEED` change the run.
import { surfaces } from './surfaces';
import type { FuzzReport } from './types';

const runs = Number(process.env.FUZZ_RUNS ?? 20_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
console.log(
  `fuzz: ${runs.toLocaleString('en-US')} inputs per surface, seed ${seed} (FUZZ_SEED=${seed} repeats it)`,
);

const reports: FuzzReport[] = [];
for (const { name, surface } of await surfaces()) {
  const started = performance.now();
  const result = await surface(runs, seed);
  reports.push(result);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `  ${name}: ${result.inputs.toLocaleString('en-US')} inputs (${result.refused.toLocaleString('en-US')} refused) in ${seconds} s: ` +
      `${result.crashes} crashes, ${result.hangs} hangs, ${result.stateChanges} state changes after a refusal`,
  );
  for (const failure of result.failures) console.log(`    ${failure}`);
}
const total = (pick: (r: FuzzReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
const bad = total((r) => r.crashes + r.hangs + r.stateChanges);
console.log(
  `fuzz: ${total((r) => r.inputs).toLocaleString('en-US')} inputs across ${reports.length} surfaces; ` +
    `${total((r) => r.crashes)} crashes, ${total((r) => r.hangs)} hangs, ${total((r) => r.stateChanges)} state changes after a refusal`,
);
process.exit(bad === 0 ? 0 : 1);
