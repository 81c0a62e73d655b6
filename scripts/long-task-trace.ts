// Sums up a Chromium trace of the page (e2e/scale.spec.ts, SCALE_TRACE=file): the CPU time of every thread
// over the trace, and each long task of the page's main thread (50 ms or more) with its wall time beside
// its CPU time and what it spent them on. A task whose CPU time is far below its wall time was waiting for
// a core: the machine was busy, not the page.
//   node --import tsx scripts/long-task-trace.ts trace.json [min-ms]
import { readFileSync } from 'node:fs';
import { eventsOf, mainThreads, type TraceEvent, threadNames } from '../e2e/main-thread-trace';

const [file, minArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node --import tsx scripts/long-task-trace.ts trace.json [min-ms]');
  process.exit(2);
}
const minUs = Number(minArg ?? 50) * 1000;
const events = eventsOf(JSON.parse(readFileSync(file, 'utf8')));
const names = threadNames(events);
const processNames = new Map<number, string>();
for (const e of events)
  if (e.ph === 'M' && e.name === 'process_name' && e.args?.name) processNames.set(e.pid, e.args.name);

const byThread = new Map<string, TraceEvent[]>();
for (const e of events) {
  if (e.ph !== 'X' || e.dur === undefined) continue;
  const key = `${e.pid}:${e.tid}`;
  const list = byThread.get(key) ?? [];
  list.push(e);
  byThread.set(key, list);
}
const ms = (us: number) => (us / 1000).toFixed(0);

// Each thread's outermost events: their wall time and CPU time.
const rows: { thread: string; wall: number; cpu: number }[] = [];
for (const [key, list] of byThread) {
  list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let end = -1;
  let wall = 0;
  let cpu = 0;
  for (const e of list) {
    if (e.ts < end) continue;
    end = e.ts + (e.dur ?? 0);
    wall += e.dur ?? 0;
    cpu += e.tdur ?? 0;
  }
  const pid = Number(key.split(':')[0]);
  rows.push({ thread: `${processNames.get(pid) ?? pid} / ${names.get(key) ?? key}`, wall, cpu });
}
rows.sort((a, b) => b.cpu - a.cpu);
console.log('CPU time by thread (s), busy wall time beside it:');
for (const r of rows.filter((r) => r.cpu >= 50_000))
  console.log(`  ${(r.cpu / 1e6).toFixed(2).padStart(6)}  (wall ${(r.wall / 1e6).toFixed(2)})  ${r.thread}`);

const main = [...mainThreads(events)].flatMap((key) => byThread.get(key) ?? []);
const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) >= minUs);
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
  const end = task.ts + (task.dur ?? 0);
  const parts = main
    .filter(
      (e) =>
        e !== task &&
        PARTS.has(e.name) &&
        e.ts >= task.ts &&
        e.ts + (e.dur ?? 0) <= end &&
        (e.dur ?? 0) >= 3000,
    )
    .map((e) => `${e.name} ${ms(e.dur ?? 0)}/${ms(e.tdur ?? 0)}`);
  console.log(
    `  ${ms(task.dur ?? 0).padStart(4)} / ${ms(task.tdur ?? 0).padStart(3)}  ${parts.slice(0, 8).join('; ')}`,
  );
}
