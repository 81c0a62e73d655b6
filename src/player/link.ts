// The player's place in the page's address, so a link opens the demo where it was being watched:
// `#step=120&symbol=MSFT&interval=5m`. `step` counts from 1, as the controls say "step 120 of 390". A
// value that is not one of these forms is ignored (the first step, the first symbol, one-minute bars);
// a symbol or interval the tape does not hold falls back the same way when the view reads it.

export interface PlayerLink {
  /** Index of the step, from 0. */
  step: number | null;
  symbol: string | null;
  interval: string | null;
}

/** A ticker as exports name them: letters, digits and the few signs used in class shares or indices. */
const SYMBOL = /^[A-Za-z0-9][A-Za-z0-9.\-^=]{0,15}$/;
/** An interval key as exports write them (workers/common/interval-key.ts). */
const INTERVAL = /^[1-9][0-9]{0,5}[smhdw]$/;
const STEP = /^[1-9][0-9]{0,8}$/;

/** Reads a hash (`#step=…`, or empty); `steps` is how many the tape holds. */
export function readLink(hash: string, steps: number): PlayerLink {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const step = params.get('step');
  const symbol = params.get('symbol');
  const interval = params.get('interval');
  const index = step !== null && STEP.test(step) ? Number(step) - 1 : null;
  return {
    step: index !== null && index < steps ? index : null,
    symbol: symbol !== null && SYMBOL.test(symbol) ? symbol : null,
    interval: interval !== null && INTERVAL.test(interval) ? interval : null,
  };
}

/** The hash for a place in the demo (leading `#`). */
export function linkHash(step: number, symbol: string | null, interval: string): string {
  const params = new URLSearchParams({ step: String(step + 1) });
  if (symbol !== null) params.set('symbol', symbol);
  params.set('interval', interval);
  return `#${params.toString()}`;
}

/**
 * Calls `write` with the latest value at most once every `ms` (the first at once, the last always):
 * browsers refuse `history.replaceState` called on every frame of a fast replay.
 */
export function throttled<T>(write: (value: T) => void, ms: number): { (value: T): void; flush(): void } {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: { value: T } | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending === null) return;
    const { value } = pending;
    pending = null;
    last = Date.now();
    write(value);
  };
  const call = (value: T) => {
    pending = { value };
    const wait = last + ms - Date.now();
    if (wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };
  return Object.assign(call, { flush });
}
