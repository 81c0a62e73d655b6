// How each indicator of the catalogue (docs/export-format.md section 9) is drawn: its colour, a line or a
// histogram per output, and the reference levels of its pane. Pure data, so the chart, the toggles and the
// legend agree on colours, and the rules can be tested without a canvas.

/**
 * One colour per indicator, by its place in the session's list. Mid tones that read on the light and the
 * dark chart background alike, and none of them the candles' green or red.
 */
export const INDICATOR_PALETTE = [
  '#3b82f6', // blue
  '#f59e0b', // amber
  '#a855f7', // purple
  '#06b6d4', // cyan
  '#ec4899', // pink
  '#f97316', // orange
  '#14b8a6', // teal
  '#6366f1', // indigo
  '#84cc16', // lime
  '#0ea5e9', // sky
  '#d946ef', // fuchsia
  '#eab308', // yellow
] as const;

export function indicatorColor(index: number): string {
  const n = INDICATOR_PALETTE.length;
  return INDICATOR_PALETTE[((index % n) + n) % n] as string;
}

/** `#rrggbb` with an alpha, for what must not hide the candles (a histogram, a band's middle). */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export type LineDash = 'solid' | 'dashed' | 'dotted';

/** How one output is drawn. */
export interface OutputStyle {
  /** Column of the indicator's values (its place in `outputs`). */
  output: number;
  kind: 'line' | 'histogram';
  dash: LineDash;
  /** Levels hold until they change: drawn as steps rather than slopes. */
  step: boolean;
  width: 1 | 2;
  /** Drawn lighter than the indicator's colour (a band's middle, a histogram). */
  faint: boolean;
  /** Left out of the price scale's range, so that far levels do not squash the candles (pivots' r2, s3, ...). */
  ownScale: boolean;
}

export interface IndicatorStyle {
  outputs: OutputStyle[];
  /** Reference levels of a pane (rsi's 30 and 70), drawn as dotted lines. */
  levels: number[];
  /** Values are volumes: the scale shows them short (1.2M). */
  volume: boolean;
}

const LEVELS: Readonly<Record<string, number[]>> = {
  rsi: [30, 70],
  stochastic: [20, 80],
  williams_r: [-80, -20],
  cci: [-100, 100],
  volume_ratio: [1],
  macd: [0],
};

const VOLUME_NAMES = new Set(['obv', 'volume_sma']);
/** Levels that hold for a while: step lines. */
const STEP_NAMES = new Set(['high_low', 'donchian', 'swing_high', 'swing_low', 'pivot_points']);
/** Pivots beyond r1/s1 are often far from the day's prices. */
const FAR_PIVOTS = new Set(['r2', 'r3', 's2', 's3']);

/** Outputs that are the edges of a band or a range: thin solid lines. */
const EDGES = new Set(['upper', 'lower', 'high', 'low', 'macd', 'k']);

function outputStyle(name: string, output: string, index: number, count: number): OutputStyle {
  const style: OutputStyle = {
    output: index,
    kind: 'line',
    dash: 'solid',
    step: STEP_NAMES.has(name),
    width: 1,
    faint: false,
    ownScale: false,
  };
  if (name === 'macd' && output === 'histogram') return { ...style, kind: 'histogram', faint: true };
  // A band's middle (bbands, keltner, donchian) is dashed and lighter than its edges.
  if (output === 'middle') return { ...style, dash: 'dashed', faint: true };
  if (name === 'pivot_points') {
    if (output === 'pivot') return { ...style, width: 2 };
    return { ...style, dash: 'dotted', ownScale: FAR_PIVOTS.has(output) };
  }
  if (name === 'swing_high' || name === 'swing_low') return { ...style, dash: 'dotted', width: 2 };
  // A second line of an oscillator (macd's signal, stochastic's %D) is dashed.
  if ((name === 'macd' && output === 'signal') || (name === 'stochastic' && output === 'd'))
    return { ...style, dash: 'dashed' };
  if (EDGES.has(output)) return style;
  // A single line (moving averages, rsi, ...) is drawn a little bolder than the parts of a group; the
  // outputs of a group this app does not know are told apart by dashes.
  if (count === 1) return { ...style, width: 2 };
  return index === 0 ? style : { ...style, dash: index % 2 === 1 ? 'dashed' : 'dotted' };
}

/** How an indicator named `name` (the catalogue's, or any other) draws its outputs. */
export function indicatorStyle(name: string, outputs: readonly string[]): IndicatorStyle {
  return {
    outputs: outputs.map((output, i) => outputStyle(name, output, i, outputs.length)),
    levels: LEVELS[name] ?? [],
    volume: VOLUME_NAMES.has(name),
  };
}
