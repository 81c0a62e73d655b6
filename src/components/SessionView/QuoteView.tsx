import { formatCount } from '../../format';
import type { Quote, SymbolRow } from '../../mirror-client';

type Row = Record<string, string | number | null>;

/** The consolidated tape's venue codes that the engine writes (docs/export-format.md). */
const VENUES: Record<string, string> = {
  Q: 'Nasdaq',
  N: 'NYSE',
  P: 'NYSE Arca',
  Z: 'Cboe BZX',
  K: 'Cboe EDGX',
  V: 'IEX',
  X: 'Nasdaq PSX',
  D: 'FINRA ADF',
};

const num = (row: Row | null, key: string): number | null => {
  const value = row?.[key];
  return typeof value === 'number' ? value : null;
};
const text = (row: Row | null, key: string): string | null => {
  const value = row?.[key];
  return typeof value === 'string' ? value : null;
};
const price = (value: number | null) => (value === null ? '—' : value.toFixed(2));
const size = (value: number | null) => (value === null ? '—' : formatCount(value));

/** The last trade and the current quote of the selected symbol, as the mirror last received them. */
export function QuoteView({
  name,
  symbol,
  quote,
  row,
}: {
  /** The region's name, unique on the page (SessionView's `label`). */
  name: string;
  symbol: string | null;
  quote: Quote | null;
  row: SymbolRow | null;
}) {
  const tick = quote?.tick ?? null;
  const book = quote?.quote ?? null;
  const last = num(tick, 'price') ?? row?.lastPrice ?? null;
  const venue = text(tick, 'exchange');
  const bid = num(book, 'bid');
  const ask = num(book, 'ask');
  const none = symbol !== null && tick === null && book === null;
  return (
    <section className="quote-view" aria-label={name} data-testid="quote-view">
      <div className="quote-view__head">
        <span className="quote-view__symbol">{symbol ?? '—'}</span>
        <span className="quote-view__last number" data-testid="quote-last">
          {price(last)}
        </span>
      </div>
      {none && (
        // A demo or a set of exports made without ticks and quotes (exclude=ticks,quotes) never has any.
        <p className="quote-view__none" data-testid="quote-none">
          No trade or quote of {symbol} in what has been read: the price is the last bar's close.
        </p>
      )}
      {!none && (
        <dl className="quote-view__facts">
          <div>
            <dt>Last trade</dt>
            <dd className="number">
              {size(num(tick, 'size'))} @ {price(num(tick, 'price'))}
            </dd>
          </div>
          <div>
            <dt>Venue</dt>
            <dd title={venue ? `venue code ${venue}` : undefined}>
              {venue ? (VENUES[venue] ?? venue) : '—'}
            </dd>
          </div>
          <div>
            <dt>Trade time</dt>
            <dd className="number" data-testid="quote-tick-time">
              {text(tick, 'timestamp') ?? '—'} ET
            </dd>
          </div>
          <div>
            <dt>Bid</dt>
            <dd className="number quote-view__bid" data-testid="quote-bid">
              {price(bid)} <span className="quote-view__size">× {size(num(book, 'bid_size'))}</span>
            </dd>
          </div>
          <div>
            <dt>Ask</dt>
            <dd className="number quote-view__ask" data-testid="quote-ask">
              {price(ask)} <span className="quote-view__size">× {size(num(book, 'ask_size'))}</span>
            </dd>
          </div>
          <div>
            <dt>Spread</dt>
            <dd className="number">{bid !== null && ask !== null ? (ask - bid).toFixed(2) : '—'}</dd>
          </div>
          <div>
            <dt>Quote time</dt>
            <dd className="number">{text(book, 'timestamp') ?? '—'} ET</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
