// The page's main-thread tasks read from a Chromium trace, each with its wall time beside its CPU time.
// A long task's wall time counts the time it waited for a core as well as the time it ran: on a machine whose
// cores the engine worker, V8's background threads and the compositors share with the page, a task of 20 ms
// of CPU is reported as 50-100 ms long. Its CPU time is what the page itself spent.
import type { Page } from '@playwright/test';

export interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** One task of a page's main thread, in milliseconds from the trace's clock. */
export interface MainThreadTask {
  wall: number;
  cpu: number;
}

export const eventsOf = (trace: unknown): TraceEvent[] =>
  Array.isArray(trace) ? trace : (trace as { traceEvents: TraceEvent[] }).traceEvents;

const threadKey = (e: TraceEvent) => `${e.pid}:${e.tid}`;

/** The trace's names of its threads, by `pid:tid`. */
export function threadNames(events: TraceEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(threadKey(e), e.args.name);
  return names;
}

/** The threads that are a page's main thread (a renderer's `CrRendererMain`). */
export function mainThreads(events: TraceEvent[]): Set<string> {
  return new Set(
    [...threadNames(events)].filter(([, name]) => name === 'CrRendererMain').map(([key]) => key),
  );
}

/** The tasks of every page main thread in the trace whose wall time is `minMs` or more. */
export function mainThreadTasks(events: TraceEvent[], minMs: number): MainThreadTask[] {
  const main = mainThreads(events);
  return events
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.name === 'ThreadControllerImpl::RunTask' &&
        main.has(threadKey(e)) &&
        (e.dur ?? 0) >= minMs * 1000,
    )
    .map((e) => ({ wall: Math.round((e.dur ?? 0) / 1000), cpu: Math.round((e.tdur ?? 0) / 1000) }));
}

/** What a trace written to a file records besides the tasks: enough to see what each thread spent them on. */
const DETAIL = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc', 'viz', 'benchmark'];

/**
 * Traces the page's tasks from now until the returned function is called, which returns every task of 50 ms
 * or more of wall time. With a `path`, the trace is also written there in detail, for
 * `node --import tsx scripts/long-task-trace.ts path` to sum up. Only one trace runs in a browser at a time.
 */
export async function traceMainThread(
  page: Page,
  options: { path?: string } = {},
): Promise<() => Promise<MainThreadTask[]>> {
  const browser = page.context().browser();
  if (!browser) throw new Error('tracing needs a browser (not a persistent context)');
  const categories = options.path ? ['toplevel', ...DETAIL] : ['toplevel'];
  await browser.startTracing(page, { categories, ...(options.path ? { path: options.path } : {}) });
  return async () => {
    const events = eventsOf(JSON.parse((await browser.stopTracing()).toString('utf8')));
    if (mainThreads(events).size === 0) throw new Error('the trace names no page main thread');
    // A trace that measured nothing must not pass as one with no long task: every main-thread task is
    // there, and each carries its CPU time.
    const all = mainThreadTasks(events, 0);
    const raw = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
    if (all.length === 0) throw new Error('the trace holds no task of the page main thread');
    if (raw.every((e) => e.tdur === undefined)) throw new Error("the trace's tasks carry no CPU time");
    return mainThreadTasks(events, 50);
  };
}
