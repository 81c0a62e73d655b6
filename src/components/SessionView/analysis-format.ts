// How the strategy figures read: returns and drawdowns as percentages with their sign, money in dollars
// (P&L signed), Sharpe to two decimals, order times as exchange-local date and minute. `—` wherever there
// is no value (a win rate with no closed trade, a Sharpe on fewer than two returns). Pure, for the tests.

export const NONE = '—';

const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const signedPercent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});
/** Below 0.01 % two decimals would read `-0.00%`: such a return keeps two significant digits (`-0.0012%`). */
const smallSignedPercent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumSignificantDigits: 2,
  signDisplay: 'exceptZero',
});
const SMALL = 0.0001;
const signedShare = (fraction: number): string =>
  (fraction !== 0 && Math.abs(fraction) < SMALL ? smallSignedPercent : signedPercent).format(fraction);
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const signedMoney = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  signDisplay: 'exceptZero',
});

const given = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isFinite(value);

/** A return: `0.0123` -> `+1.23%`, `-0.004` -> `-0.40%`, `-0.0000123` -> `-0.0012%`, `0` -> `0.00%`. */
export const formatReturn = (fraction: number | null): string =>
  given(fraction) ? signedShare(fraction) : NONE;

/** A drawdown (a fall, given as a positive fraction): `0.032` -> `-3.20%`; none -> `0.00%`. */
export const formatDrawdown = (fraction: number | null): string =>
  given(fraction) ? (fraction === 0 ? signedPercent.format(0) : signedShare(-Math.abs(fraction))) : NONE;

/** A share such as the win rate: `0.6667` -> `66.67%`. */
export const formatShare = (fraction: number | null): string =>
  given(fraction) ? percent.format(fraction) : NONE;

/** The Sharpe ratio: `1.2345` -> `1.23`. */
export const formatSharpe = (ratio: number | null): string => (given(ratio) ? ratio.toFixed(2) : NONE);

/** An amount of money: `100004` -> `$100,004.00`. */
export const formatMoney = (value: number | null): string => (given(value) ? money.format(value) : NONE);

/** A profit or loss: `4` -> `+$4.00`, `-12.5` -> `-$12.50`, `0` -> `$0.00`. */
export const formatPnl = (value: number | null): string => (given(value) ? signedMoney.format(value) : NONE);

/** A price to the cent, smaller ones (below a dollar) to four decimals. */
export function formatPrice(value: number | null): string {
  if (!given(value)) return NONE;
  const size = Math.abs(value);
  return value.toFixed(size !== 0 && size < 1 ? 4 : 2);
}

/** Whether a P&L is drawn as a gain, a loss, or neither. */
export const pnlTone = (value: number | null): 'up' | 'down' | 'flat' =>
  !given(value) || value === 0 ? 'flat' : value > 0 ? 'up' : 'down';

/**
 * An exported exchange-local date-time as a table shows it: `2025-07-01T09:40:00` -> `2025-07-01 09:40`;
 * seconds kept when there are some (a seconds base), anything else shown as written.
 */
export function formatOrderTime(time: string | null): string {
  if (time === null || time === '') return NONE;
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(time);
  if (!match) return time;
  const seconds = match[3];
  return `${match[1]} ${match[2]}${seconds && Number(seconds) !== 0 ? `:${seconds}` : ''}`;
}
