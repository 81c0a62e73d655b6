// `npm run bench`: every benchmark, each reporting ratios measured side by side in the same run.
// `npm run bench -- demo viewer` runs only the ones named.
import { benchAnalysis } from './analysis.bench';
import { benchBrowser } from './browser/browser.bench';
import { benchDemo } from './demo.bench';
import { benchExport } from './export.bench';
import { benchHistory } from './history.bench';
import { benchIndicators } from './indicators.bench';
import { benchReplay } from './replay.bench';
import { benchScale } from './scale.bench';
import { benchViewer } from './viewer.bench';

const benches: [string, () => string[] | Promise<string[]>][] = [
  ['replay', benchReplay],
  ['history', benchHistory],
  ['export', benchExport],
  ['viewer', benchViewer],
  ['demo', benchDemo],
  ['indicators', benchIndicators],
  ['analysis', benchAnalysis],
  ['scale', benchScale],
  ['browser', benchBrowser],
];
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !benches.some(([n]) => n === name));
if (unknown.length > 0) {
  console.error(
    `no benchmark named ${unknown.join(', ')}; the benchmarks are ${benches.map(([n]) => n).join(', ')}`,
  );
  process.exit(2);
}

for (const [name, bench] of benches) {
  if (asked.length > 0 && !asked.includes(name)) continue;
  for (const line of await bench()) console.log(line);
  console.log();
}
