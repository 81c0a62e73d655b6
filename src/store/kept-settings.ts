// The export panel's options and the speed, kept as small preferences so that a reload keeps the place
// (docs/kept-settings.md). Read values are checked: anything that is not what the page would have written
// (another version, an edit by hand) is ignored, field by field, and the default stands.
import type { ExportLayout } from '../../workers/export/contract';
import type { Prefs } from '../persistence/prefs';
import { configTextOf } from './config-editor';
import type { ExportSettings } from './exports-types';

export const EXPORT_PREF = 'session-tape:export-options';
export const SPEED_PREF = 'session-tape:speed';

/** The export panel's options a reload keeps; the file name and auto-export are for one moment only. */
export type KeptExportSettings = Pick<ExportSettings, 'consumer' | 'exclude' | 'layout' | 'gzip'>;

const LAYOUTS: readonly ExportLayout[] = ['pretty', 'compact'];

const parsed = (prefs: Prefs, key: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(prefs.getItem(key) ?? 'null');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
};

export function readExportSettings(prefs: Prefs): Partial<KeptExportSettings> {
  const kept = parsed(prefs, EXPORT_PREF);
  if (kept === null) return {};
  const out: Partial<KeptExportSettings> = {};
  if (typeof kept.consumer === 'string') out.consumer = kept.consumer;
  if (Array.isArray(kept.exclude) && kept.exclude.every((e) => typeof e === 'string'))
    out.exclude = kept.exclude as string[];
  if (LAYOUTS.includes(kept.layout as ExportLayout)) out.layout = kept.layout as ExportLayout;
  if (typeof kept.gzip === 'boolean') out.gzip = kept.gzip;
  return out;
}

export function writeExportSettings(prefs: Prefs, settings: ExportSettings): void {
  const { consumer, exclude, layout, gzip } = settings;
  prefs.setItem(EXPORT_PREF, JSON.stringify({ consumer, exclude, layout, gzip }));
}

/** The speed set last, and the configuration it was set under (a hash of its text). */
export interface KeptSpeed {
  speed: number;
  config: string;
}

export function readSpeed(prefs: Prefs): KeptSpeed | null {
  const kept = parsed(prefs, SPEED_PREF);
  if (kept === null) return null;
  const { speed, config } = kept;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0 || typeof config !== 'string')
    return null;
  return { speed, config };
}

export function writeSpeed(prefs: Prefs, kept: KeptSpeed): void {
  prefs.setItem(SPEED_PREF, JSON.stringify(kept));
}

/**
 * A short fingerprint of a configuration's text (FNV-1a), the same for texts `sameConfigText` holds the same:
 * the text itself can be large. (The engine's `hashSeed`, workers/engine/random.ts, is the same hash with
 * seed 0. It is not shared: the page loads no module of workers/, workers/common/ included, and imports
 * from there with `import type` only (layers/ui-types-only); the engine imports nothing of src/.)
 */
export function configKey(raw: string): string {
  const text = configTextOf(raw);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length}:${(hash >>> 0).toString(16)}`;
}
