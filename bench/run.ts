// `npm run bench`: every benchmark, each reporting ratios measured side by side in the same run.
import { benchReplay } from './replay.bench';

for (const line of benchReplay()) console.log(line);
