// `npm run bench`: every benchmark, each reporting ratios measured side by side in the same run.
import { benchExport } from './export.bench';
import { benchHistory } from './history.bench';
import { benchReplay } from './replay.bench';
import { benchViewer } from './viewer.bench';

for (const bench of [benchReplay, benchHistory, benchExport]) {
  for (const line of bench()) console.log(line);
  console.log();
}

for (const line of await benchViewer()) console.log(line);
