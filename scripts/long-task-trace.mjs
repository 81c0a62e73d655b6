// Sums up a Chromium trace of the page (e2e/scale.spec.ts, SCALE_TRACE=file): the CPU time of every thread
// over the trace, and each long task of the page's main thread (50 ms or more) with its wall time beside
// its CPU time and what it spent them on. A task whose CPU time is far below its wall time was waiting for
// a core: the machine was busy, not the page.
//   node scripts/long-task-trace.mjs trace.json [min-ms]
import { readFileSync } from 'node:fs';

const [file, minArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/long-task-trace.mjs trace.json [min-ms]');
  process.exit(2);
}
const minUs = Number(minArg ?? 50) * 1000;
const parsed = JSON.parse(readFileSync(file, 'utf8'));
const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;

const threadNames = new Map();
const processNames = new Map();
for (const e of events) {
  if (e.ph !== 'M') continue;
  if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  if (e.name === 'process_name') processNames.set(e.pid, e.args.name);
}
const byThread = new Map();
for (const e of events) {
  if (e.ph !== 'X' || e.dur === undefined) continue;
  const key = `${e.pid}:${e.tid}`;
  if (!byThread.has(key)) byThread.set(key, []);
  byThread.get(key).push(e);
}
const ms = (us) => (us / 1000).toFixed(0);

// Each thread's outermost events: their wall time and CPU time.
const rows = [];
for (const [key, list] of byThread) {
  list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  let end = -1;
  let wall = 0;
  let cpu = 0;
  for (const e of list) {
    if (e.ts < end) continue;
    end = e.ts + e.dur;
    wall += e.dur;
    cpu += e.tdur ?? 0;
  }
  const pid = Number(key.split(':')[0]);
  rows.push({ thread: `${processNames.get(pid) ?? pid} / ${threadNames.get(key) ?? key}`, wall, cpu });
}
rows.sort((a, b) => b.cpu - a.cpu);
console.log('CPU time by thread (s), busy wall time beside it:');
for (const r of rows.filter((r) => r.cpu >= 50_000))
  console.log(`  ${(r.cpu / 1e6).toFixed(2).padStart(6)}  (wall ${(r.wall / 1e6).toFixed(2)})  ${r.thread}`);

const mainKey = [...threadNames].find(([, name]) => name === 'CrRendererMain')?.[0];
const main = mainKey ? byThread.get(mainKey) : [];
const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur >= minUs);
console.log(
  `\nMain-thread tasks of ${ms(minUs)} ms or more: ${tasks.length} (wall / CPU ms, then the biggest parts)`,
);
const PARTS = new Set([
  'FunctionCall',
  'FireAnimationFrame',
  'HandlePostMessage',
  'TimerFire',
  'Layout',
  'UpdateLayoutTree',
  'PrePaint',
  'Paint',
  'Commit',
  'MinorGC',
  'MajorGC',
  'V8.GC_MC_INCREMENTAL',
  'EventDispatch',
]);
for (const task of tasks) {
  const end = task.ts + task.dur;
  const parts = main
    .filter((e) => e !== task && PARTS.has(e.name) && e.ts >= task.ts && e.ts + e.dur <= end && e.dur >= 3000)
    .map((e) => `${e.name} ${ms(e.dur)}/${ms(e.tdur ?? 0)}`);
  console.log(
    `  ${ms(task.dur).padStart(4)} / ${ms(task.tdur ?? 0).padStart(3)}  ${parts.slice(0, 8).join('; ')}`,
  );
}
