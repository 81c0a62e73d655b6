// The trades and quotes of one generated minute, made from the minute's bar after the fact: the first trade
// at the open, the last at the close, the high and the low each reached by a trade, no trade outside them,
// sizes that sum to the volume, times strictly inside the minute and in order. The bar is read, never
// changed, so asking for trades cannot move a price.

import { MS_PER_MINUTE } from './calendar';
import type { BarColumns, QuoteColumns, TickColumns } from './columns';
import { EXCHANGE_CODES } from './columns';
import { normalDraw } from './quantile-draws';
import type { Random } from './random';

/**
 * Mean and standard deviation of one trade's size under `tradeSize` (an odd lot of 1-99 one time in five,
 * else 100 x ceil(3 x an exponential)): the bar's volume is drawn as the sum of its trades with these.
 */
export const MEAN_TRADE_SIZE = 0.2 * 50 + 0.8 * 100 * (1 / (1 - Math.exp(-1 / 3)));
export const SD_TRADE_SIZE = Math.sqrt(
  0.2 * ((99 * 100 * 199) / 6 / 99) +
    0.8 * 10_000 * ((2 * Math.exp(-1 / 3)) / (1 - Math.exp(-1 / 3)) ** 2 + 1 / (1 - Math.exp(-1 / 3))) -
    MEAN_TRADE_SIZE ** 2,
);

function tradeSize(random: Random): number {
  // Mostly round lots with a long tail, some odd lots.
  if (random.next() < 0.2) return random.int(1, 99);
  return 100 * Math.ceil(-Math.log(1 - random.next()) * 3);
}

// Weighted venue choice: Nasdaq and NYSE carry most of the tape.
const EXCHANGE_WEIGHTS = [0.3, 0.2, 0.15, 0.1, 0.08, 0.07, 0.05, 0.05];

function exchangeIndex(random: Random): number {
  let r = random.next();
  for (let i = 0; i < EXCHANGE_WEIGHTS.length; i++) {
    r -= EXCHANGE_WEIGHTS[i] as number;
    if (r < 0) return i;
  }
  return EXCHANGE_CODES.length - 1;
}

/** A price rounded to whole cents, never below one cent: the generator's prices and quotes are all such. */
export const cents = (x: number) => Math.max(0.01, Math.round(x * 100) / 100);

// Scratch rows for one minute, reused (a minute has at most a few hundred trades).
let prices = new Float64Array(512);
let sizes = new Float64Array(512);

/** Prices from `a` at index `ia` to `b` at `ib` along a random bridge, rounded to cents, kept in [low, high]. */
function bridge(
  ia: number,
  a: number,
  ib: number,
  b: number,
  sigma: number,
  low: number,
  high: number,
  random: Random,
): void {
  let x = a;
  for (let i = ia + 1; i < ib; i++) {
    const left = ib - i + 1;
    x += (b - x) / left + sigma * Math.sqrt((left - 1) / left) * normalDraw(random);
    x = Math.min(high, Math.max(low, x));
    prices[i] = Math.min(high, Math.max(low, Math.round(x * 100) / 100));
  }
}

/** The `count` prices of the minute's trades (in `prices`), anchored on the bar's open, high, low and close. */
function tradePrices(
  open: number,
  high: number,
  low: number,
  close: number,
  count: number,
  random: Random,
): void {
  prices[0] = open;
  prices[count - 1] = close;
  if (count < 3) return;
  const interior = count - 2;
  const needHigh = high > Math.max(open, close);
  const needLow = low < Math.min(open, close);
  // Where the extremes are reached: distinct interior trades.
  const atHigh = needHigh ? 1 + Math.floor(random.next() * interior) : -1;
  let atLow = -1;
  if (needLow) {
    atLow = 1 + Math.floor(random.next() * (needHigh ? interior - 1 : interior));
    if (needHigh && atLow >= atHigh) atLow++;
  }
  if (atHigh > 0) prices[atHigh] = high;
  if (atLow > 0) prices[atLow] = low;
  // A path between the anchors, with steps of a size that spans about the bar's range.
  const sigma = (0.6 * (high - low)) / Math.sqrt(count);
  const anchors = [0, atHigh, atLow, count - 1].filter((i) => i >= 0).sort((a, b) => a - b);
  for (let k = 0; k + 1 < anchors.length; k++) {
    const ia = anchors[k] as number;
    const ib = anchors[k + 1] as number;
    bridge(ia, prices[ia] as number, ib, prices[ib] as number, sigma, low, high, random);
  }
}

/** The `count` sizes (in `sizes`): drawn like real trades, then scaled so that they sum to `volume` exactly. */
function tradeSizes(volume: number, count: number, random: Random): void {
  let raw = 0;
  for (let i = 0; i < count; i++) {
    const s = tradeSize(random);
    sizes[i] = s;
    raw += s;
  }
  let total = 0;
  let largest = 0;
  for (let i = 0; i < count; i++) {
    const scaled = ((sizes[i] as number) * volume) / raw;
    // Round lots stay round lots when they can.
    const s =
      (sizes[i] as number) >= 100 && scaled >= 100
        ? Math.round(scaled / 100) * 100
        : Math.max(1, Math.round(scaled));
    sizes[i] = s;
    total += s;
    if (s > (sizes[largest] as number)) largest = i;
  }
  // What rounding left over goes to the largest trade; if that would take it below one share, the others
  // give the rest in turn (the volume is at least one share a trade, so this ends).
  let rest = volume - total;
  for (let i = largest; rest !== 0; i = (i + 1) % count) {
    const s = sizes[i] as number;
    const next = Math.max(1, s + rest);
    rest -= next - s;
    sizes[i] = next;
  }
}

/**
 * Appends the trades (and one quote at each trade) of bar `bar` of `bars`, which had `count` trades, drawing
 * from `random` (seeded for the symbol, date and minute). `ticks` or `quotes` may be null: the same random
 * numbers are drawn either way, so the rows do not depend on which are kept.
 */
export function appendMinuteTrades(
  bars: BarColumns,
  bar: number,
  count: number,
  random: Random,
  spreadBps: number,
  ticks: TickColumns | null,
  quotes: QuoteColumns | null,
): void {
  if (prices.length < count) {
    prices = new Float64Array(2 * count);
    sizes = new Float64Array(2 * count);
  }
  const start = bars.time[bar] as number;
  tradePrices(
    bars.open[bar] as number,
    bars.high[bar] as number,
    bars.low[bar] as number,
    bars.close[bar] as number,
    count,
    random,
  );
  tradeSizes(bars.volume[bar] as number, count, random);
  // Evenly spread trade times with jitter, strictly inside the minute and strictly in order (a gap of at
  // least a tenth of the spacing, 17 ms or more at the busiest minute, separates two trades).
  const spacing = (MS_PER_MINUTE - 2) / count;
  for (let k = 0; k < count; k++) {
    const price = prices[k] as number;
    const time = start + 1 + Math.floor(k * spacing + random.next() * spacing * 0.9);
    const venue = exchangeIndex(random);
    const halfSpread = Math.max(0.005, (price * spreadBps) / 20_000);
    let bid = cents(price - halfSpread);
    if (bid >= price) bid = cents(price - 0.01);
    const ask = Math.max(cents(price + halfSpread), cents(bid + 0.01));
    const bidSize = 100 * random.int(1, 20);
    const askSize = 100 * random.int(1, 20);
    ticks?.append(time, price, sizes[k] as number, venue);
    quotes?.append(time, bid, ask, bidSize, askSize);
  }
}
