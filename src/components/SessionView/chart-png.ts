// The chart saved as a PNG: lightweight-charts' screenshot of the chart (its panes, scales and markers,
// without the crosshair) under a band that says what it shows, in the chart's own colours (light or dark):
// the symbol, interval and bar, its prices, the compare overlay's percent and the session. Named like the
// page's other downloads: `session-tape-<session>-<symbol>-<interval>-<bar time>.png`.
import { formatCount } from '../../format';
import type { LegendBar, LegendCompare } from './bar-chart';
import { crosshairLabel } from './chart-time';
import { formatPercent } from './compare-overlay';

/** What the band above the picture says, line by line: a title, then quieter lines. */
export interface PngBand {
  title: string;
  lines: string[];
}

/** The colours and font the band is drawn in (the chart's theme). */
export interface PngStyle {
  background: string;
  text: string;
  muted: string;
  border: string;
  fontFamily: string;
}

/** The band of a chart: `TSLA 5m · Tue, Jul 1, 2025 10:15 ET`, its prices, the overlay, the session. */
export function pngBandOf(
  session: string | null,
  symbol: string | null,
  interval: string,
  last: LegendBar | null,
  compare: LegendCompare | null,
): PngBand {
  const title = `${symbol ?? 'No symbol'} ${interval}${last ? ` · ${crosshairLabel(last.time, interval)}` : ''}`;
  const lines: string[] = [];
  if (last) {
    const p = (value: number) => value.toFixed(2);
    lines.push(
      `O ${p(last.open)}  H ${p(last.high)}  L ${p(last.low)}  C ${p(last.close)}  V ${formatCount(last.volume)}`,
    );
  }
  if (compare) {
    lines.push(
      `Compared in percent from the first bar in view: ${symbol ?? '—'} ${formatPercent(compare.main)}, ` +
        `${compare.symbol} ${formatPercent(compare.compare)}`,
    );
  }
  lines.push(`${session ?? 'Session'} · Session Tape · times in ET (exchange time)`);
  return { title, lines };
}

const NOT_NAME_CHARACTERS = /[^\p{L}\p{M}\p{N}_-]+/gu;

/** A part of a file name: letters, digits, `_` and `-`, other runs as one `_`, at most 60 characters. */
export function namePart(text: string, fallback: string): string {
  const part = [
    ...text
      .normalize('NFC')
      .replace(NOT_NAME_CHARACTERS, '_')
      .replace(/^_+|_+$/g, ''),
  ]
    .slice(0, 60)
    .join('');
  return part === '' ? fallback : part;
}

/** `20250701_1015`: a bar's time (exchange-local seconds read as UTC, as the chart holds them). */
export function barStamp(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return 'undated';
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}_` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`
  );
}

/** `session-tape-Example_Session-TSLA-5m-20250701_1015.png` (the last bar's time; `undated` without bars). */
export function chartPngName(
  session: string | null,
  symbol: string | null,
  interval: string,
  lastBar: number | null,
): string {
  const parts = [
    'session-tape',
    namePart(session ?? '', 'session'),
    namePart(symbol ?? '', 'chart'),
    namePart(interval, 'bars'),
    lastBar === null ? 'undated' : barStamp(lastBar),
  ];
  return `${parts.join('-')}.png`;
}

const TITLE_PX = 15;
const LINE_PX = 12;
const PAD_PX = 10;
const GAP_PX = 5;

/** The band's height in CSS pixels for this many quieter lines. */
export const bandHeight = (lines: number): number => PAD_PX * 2 + TITLE_PX + lines * (LINE_PX + GAP_PX);

/**
 * A canvas of the band over the chart's screenshot, as wide as the screenshot. `scale` is the screenshot's
 * pixels per CSS pixel (the device's pixel ratio), so that the band's text is as sharp as the chart's.
 */
export function composeChartPng(
  shot: HTMLCanvasElement,
  band: PngBand,
  style: PngStyle,
  scale: number,
): HTMLCanvasElement {
  const top = Math.round(bandHeight(band.lines.length) * scale);
  const canvas = document.createElement('canvas');
  canvas.width = shot.width;
  canvas.height = shot.height + top;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  context.fillStyle = style.background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(shot, 0, top);
  context.save();
  context.scale(scale, scale);
  const width = shot.width / scale;
  context.textBaseline = 'top';
  context.fillStyle = style.text;
  context.font = `600 ${TITLE_PX}px ${style.fontFamily}`;
  context.fillText(band.title, PAD_PX, PAD_PX, width - PAD_PX * 2);
  context.fillStyle = style.muted;
  context.font = `${LINE_PX}px ${style.fontFamily}`;
  band.lines.forEach((line, i) => {
    context.fillText(line, PAD_PX, PAD_PX + TITLE_PX + GAP_PX + i * (LINE_PX + GAP_PX), width - PAD_PX * 2);
  });
  // The line between the band and the chart, as quiet as the chart's border.
  context.fillStyle = style.border;
  context.fillRect(0, top / scale - 1, width, 1);
  context.restore();
  return canvas;
}

/** The canvas as PNG bytes. */
/**
 * How long the Save PNG status (saved, or why not) stays: the view's own state, so that a live read does not
 * clear it at once (the view's read error is cleared by every read), then it goes by itself.
 */
export const PNG_STATUS_MS = 10_000;

/**
 * The status line after the view's `count`th save: the file's name, and from the second save which one it
 * is, so that the text changes each time (a live region says a text again only when it changed, and the
 * same paused chart saved twice gets the same name).
 */
export function pngSavedText(name: string, count: number): string {
  return count <= 1 ? `Saved ${name}` : `Saved ${name} (save ${count})`;
}

export function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) =>
        blob ? resolve(blob) : reject(new Error('the browser made no image of it (try a smaller window)')),
      'image/png',
    ),
  );
}
