// What the page's address keeps of what the app shows (issue 13): the export open in the viewer, the export
// of the history shown in the offline replay, and the symbol and interval drawn there; and (issue 17) the
// live chart's symbol, interval and compare symbol when they are not what a fresh page shows. Reloading the
// page, or opening the address again in the same browser, shows the same view. Pure; tested in Node.
//
// Exports are named by their key in the browser's storage (keep-exports.ts), which outlives the page: the
// ids a page gives its exports start again at 1 on every load.

export interface ViewAddress {
  /** The export open in the export viewer. */
  view: string | null;
  /** The export of the history whose step the offline replay shows. */
  replay: string | null;
  /** The symbol and interval the replay draws. */
  symbol: string | null;
  interval: string | null;
  /** The live chart's symbol, interval and compare symbol (`chart`, `chart_interval`, `vs`). */
  chart: string | null;
  chartInterval: string | null;
  vs: string | null;
}

export const NO_ADDRESS: ViewAddress = {
  view: null,
  replay: null,
  symbol: null,
  interval: null,
  chart: null,
  chartInterval: null,
  vs: null,
};

/** Storage keys are `<ms>-export-<n>` (with `-<n>` when two collide); nothing else is taken from an address. */
const EXPORT_KEY = /^[0-9]{1,16}-export-[0-9]{1,9}(-[0-9]{1,6})?$/;
const SYMBOL = /^[A-Za-z0-9.^_-]{1,16}$/;
const INTERVAL = /^[0-9]{1,3}[smhdw]$/;

const valid = (value: string | null, rule: RegExp): string | null =>
  value !== null && rule.test(value) ? value : null;

/**
 * Reads `#view=…&replay=…&symbol=…&interval=…&chart=…&chart_interval=…&vs=…`; a part that is missing or
 * malformed is left out.
 */
export function parseViewAddress(hash: string): ViewAddress {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  return {
    view: valid(params.get('view'), EXPORT_KEY),
    replay: valid(params.get('replay'), EXPORT_KEY),
    symbol: valid(params.get('symbol'), SYMBOL),
    interval: valid(params.get('interval'), INTERVAL),
    chart: valid(params.get('chart'), SYMBOL),
    chartInterval: valid(params.get('chart_interval'), INTERVAL),
    vs: valid(params.get('vs'), SYMBOL),
  };
}

/**
 * The hash for `address` ('' when it shows nothing worth keeping); the symbol and interval go with a replay,
 * the live chart's interval and compare symbol with its symbol.
 */
export function formatViewAddress(address: ViewAddress): string {
  const params = new URLSearchParams();
  if (address.view) params.set('view', address.view);
  if (address.replay) {
    params.set('replay', address.replay);
    if (address.symbol) params.set('symbol', address.symbol);
    if (address.interval) params.set('interval', address.interval);
  }
  if (address.chart) {
    params.set('chart', address.chart);
    if (address.chartInterval) params.set('chart_interval', address.chartInterval);
    if (address.vs) params.set('vs', address.vs);
  }
  const text = params.toString();
  return text === '' ? '' : `#${text}`;
}
