// What a reload keeps of the export panel and the speed: two stores over the same preferences stand for
// the page before and after a reload.
import { describe, expect, it } from 'vitest';
import type { ConfigView } from '../../workers/api/engine-api';
import { hashSeed } from '../../workers/engine/random';
import type { EngineSnapshot } from '../../workers/engine/types';
import { type EngineClient, engineClientOf } from '../engine-client';
import { memoryPrefs, type Prefs } from '../persistence/prefs';
import { createAppStore } from './index';
import { configKey, EXPORT_PREF, SPEED_PREF } from './kept-settings';

const snapshotAt = (speedMultiplier: number) => ({ speedMultiplier, state: 'STOPPED' }) as EngineSnapshot;

/** A page over `prefs` whose engine answers setSpeed and excludable; every call is recorded. */
function page(prefs: Prefs, excludable: string[] = ['ticks', 'quotes', 'historical']) {
  const calls: { method: string; args: unknown[] }[] = [];
  const client: EngineClient = engineClientOf({
    call: ((method: string, ...args: unknown[]) => {
      calls.push({ method, args });
      if (method === 'setSpeed') return Promise.resolve({ ok: true, value: snapshotAt(args[0] as number) });
      if (method === 'excludable') return Promise.resolve(excludable);
      return Promise.reject(new Error(`unexpected call ${method}`));
    }) as EngineClient['call'],
    restart: () => {},
    onFailure: () => () => {},
    dispose: () => {},
  });
  const store = createAppStore(client, { prefs });
  /** The engine as a reload finds it: the configuration `text` in force, at its own speed. */
  const engineAt = (text: string, speed: number) =>
    store.setState((s) => ({
      snapshot: snapshotAt(speed),
      config: { ...s.config, inForce: { text, sessionName: 'S' } as ConfigView },
    }));
  const speedCalls = () => calls.filter((c) => c.method === 'setSpeed').map((c) => c.args[0]);
  return { store, engineAt, speedCalls };
}

describe('the export panel after a reload', () => {
  it('keeps the consumer, the Leave out choices, the layout and gzip', () => {
    const prefs = memoryPrefs();
    const before = page(prefs).store;
    before.getState().updateExportSettings({ consumer: 'replay', exclude: ['ticks', 'quotes'] });
    before.getState().updateExportSettings({ layout: 'compact', gzip: true, fileName: 'once.json' });
    const after = page(prefs).store.getState().exportSettings;
    expect(after).toMatchObject({
      consumer: 'replay',
      exclude: ['ticks', 'quotes'],
      layout: 'compact',
      gzip: true,
    });
    // The file name is for one export; it does not come back.
    expect(after.fileName).toBe('');
  });

  it('ignores kept values that are not what the page writes, and keeps the rest', () => {
    const prefs = memoryPrefs();
    prefs.setItem(
      EXPORT_PREF,
      JSON.stringify({ consumer: 7, exclude: ['ticks', 3], layout: 'tiny', gzip: true }),
    );
    expect(page(prefs).store.getState().exportSettings).toMatchObject({
      consumer: 'default',
      exclude: [],
      layout: 'pretty',
      gzip: true,
    });
    prefs.setItem(EXPORT_PREF, '{not json');
    expect(page(prefs).store.getState().exportSettings.consumer).toBe('default');
  });

  it('drops kept exclusions the configuration in force does not have', async () => {
    const prefs = memoryPrefs();
    page(prefs)
      .store.getState()
      .updateExportSettings({ exclude: ['ticks', 'analysis'] });
    const { store } = page(prefs, ['ticks', 'quotes']);
    await store.getState().loadExcludable();
    expect(store.getState().exportSettings.exclude).toEqual(['ticks']);
  });

  it('brings dropped exclusions back when the kept configuration is applied again after a first read', async () => {
    const prefs = memoryPrefs();
    page(prefs)
      .store.getState()
      .updateExportSettings({ exclude: ['ticks', 'symbols.TSLA'] });
    // A reload reads the choices first against the default configuration (no TSLA), then restores the
    // configuration applied last, which has it.
    const offered = ['ticks', 'quotes'];
    const { store } = page(prefs, offered);
    await store.getState().loadExcludable();
    expect(store.getState().exportSettings.exclude).toEqual(['ticks']);
    offered.push('symbols.TSLA');
    await store.getState().loadExcludable();
    expect(store.getState().exportSettings.exclude).toEqual(['ticks', 'symbols.TSLA']);
    // A choice made since is what is kept from then on.
    store.getState().updateExportSettings({ exclude: ['quotes'] });
    await store.getState().loadExcludable();
    expect(store.getState().exportSettings.exclude).toEqual(['quotes']);
    expect(JSON.parse(prefs.getItem(EXPORT_PREF) ?? '{}').exclude).toEqual(['quotes']);
  });
});

describe('the speed after a reload', () => {
  it('is set again in the engine when the same configuration is in force', async () => {
    const prefs = memoryPrefs();
    const before = page(prefs);
    before.engineAt('{"session": "a"}', 60);
    await before.store.getState().setSpeed(600);
    expect(JSON.parse(prefs.getItem(SPEED_PREF) ?? '{}')).toMatchObject({ speed: 600 });

    const after = page(prefs);
    after.engineAt('{"session": "a"}', 60);
    await after.store.getState().reapplyKeptSpeed();
    expect(after.speedCalls()).toEqual([600]);
    expect(after.store.getState().snapshot?.speedMultiplier).toBe(600);
  });

  it('is left alone under another configuration, or when the engine already runs at it', async () => {
    const prefs = memoryPrefs();
    const before = page(prefs);
    before.engineAt('{"session": "a"}', 60);
    await before.store.getState().setSpeed(0);

    const other = page(prefs);
    other.engineAt('{"session": "b"}', 60);
    await other.store.getState().reapplyKeptSpeed();
    expect(other.speedCalls()).toEqual([]);
    expect(other.store.getState().snapshot?.speedMultiplier).toBe(60);

    const same = page(prefs);
    same.engineAt('{"session": "a"}', 0);
    await same.store.getState().reapplyKeptSpeed();
    expect(same.speedCalls()).toEqual([]);
  });
});

describe('the configuration a kept speed belongs to', () => {
  it('is the same for texts the editor holds the same (line endings, trailing space), not for others', () => {
    const text = '{\n  "session_name": "a"\n}';
    expect(configKey(text.replace(/\n/g, '\r\n'))).toBe(configKey(text));
    expect(configKey(`${text}\n\n  `)).toBe(configKey(text));
    expect(configKey(text.replace('"a"', '"b"'))).not.toBe(configKey(text));
  });

  it("is the text's length and the engine's FNV-1a (hashSeed with seed 0), which the page repeats", () => {
    // The page cannot load the engine's hash (layers/ui-types-only): this keeps the two the same hash.
    for (const text of ['', '{"session_name": "a"}', '{"symbols": ["RIVN", "AAPL"], "é": "ü"}'])
      expect(configKey(text)).toBe(`${text.length}:${hashSeed(text, 0).toString(16)}`);
  });
});
