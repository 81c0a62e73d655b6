// A demo page to look at the player with `npm run dev` before `system save-demo` exists in the build:
// records the built-in session with the engine in Node (a complete export each trading day, a delta every
// N market minutes), packs it as a demo file's tape and writes player.html with the tape in place of the
// placeholder, as `dev-demo.html` next to it (not committed). Then open http://localhost:5173/dev-demo.html.
//
//   npx tsx scripts/dev-demo.ts [every=5] [days=3] [out=dev-demo.html] [damage=N]
//
// `damage=N` cuts the last bytes off export N of the tape, to see how the player refuses a damaged demo.
import { readFileSync, writeFileSync } from 'node:fs';
import { DEMO_TAPE_PLACEHOLDER } from '../workers/export/contract';
import { packTape, recordTape } from '../workers/player/demo-tape.test-support';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.split('=');
    return [key ?? '', value ?? ''];
  }),
);
const everyMinutes = Number(args.get('every') ?? 5);
const days = Number(args.get('days') ?? 3);
const out = args.get('out') ?? 'dev-demo.html';
if (!Number.isInteger(everyMinutes) || everyMinutes < 1)
  throw new Error('every= takes a whole number of minutes');
if (!Number.isInteger(days) || days < 1 || days > 3)
  throw new Error('days= takes 1 to 3 (the built-in session)');

const made = recordTape({ everyMinutes, days });
const damage = args.get('damage');
if (damage !== undefined) {
  const file = made.files[Number(damage)];
  if (!file) throw new Error(`damage= takes an export's index, 0 to ${made.files.length - 1}`);
  file.bytes = file.bytes.subarray(0, file.bytes.byteLength - 20);
}
const tape = await packTape(made);
const page = readFileSync('player.html', 'utf8');
if (!page.includes(DEMO_TAPE_PLACEHOLDER)) throw new Error('player.html has no tape placeholder');
writeFileSync(
  out,
  page.replace(DEMO_TAPE_PLACEHOLDER, () => tape),
);
console.log(
  `${out}: ${made.files.length} exports over ${days} day(s), tape ${(tape.length / 1024).toFixed(0)} KB of base64`,
);
