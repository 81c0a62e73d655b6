// A forked process of the scale bench: measures one start (bench/scale-start.ts) and sends its figures to
// the parent. `helper` or `alone` as the argument.
import { measureStart } from './scale-start';

if (!process.send) throw new Error('bench/scale-start-entry.ts runs as a forked process of the scale bench');
const record = await measureStart(process.argv[2] === 'helper');
process.send(record, () => process.exit(0));
