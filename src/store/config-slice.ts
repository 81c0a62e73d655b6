// The config slice: the session config editor. The text is checked by the engine once typing pauses
// (`checkConfig`: the ignored sections, or one line naming the field); Apply puts it in force
// (`applyConfig`, refused while a session runs); the configuration applied last, and any saved by name,
// are kept in the browser.

import type { StateCreator } from 'zustand';
import type { ConfigView } from '../../workers/api/engine-api';
import type { SaveFile } from '../downloads';
import type { EngineClient } from '../engine-client';
import type { AppStorage, StoredConfig } from '../persistence/storage';
import { readTextFile } from '../read-text-file';
import {
  CHECK_DELAY_MS,
  configFileName,
  configProblem,
  debounce,
  sameConfigText,
  type Timers,
} from './config-editor';
import { insertSessionIndicator } from './config-indicators';
import type { ConfigEditorState, ConfigSlice, SavedConfigSummary } from './config-types';
import type { AppState } from './types';

export interface ConfigDeps {
  storage: AppStorage;
  saveFile: SaveFile;
  now: () => number;
  timers?: Timers;
  checkDelayMs?: number;
}

export const APPLIED_CONFIG_KEY = 'applied';
export const savedConfigKey = (name: string) => `saved:${name.trim()}`;

const INITIAL: ConfigEditorState = {
  text: '',
  inForce: null,
  check: { status: 'idle' },
  origin: 'in force',
  applying: false,
  notice: null,
  goTo: null,
};

const summaryOf = (c: StoredConfig): SavedConfigSummary => ({
  key: c.key,
  name: c.name,
  sessionName: c.sessionName,
  savedAt: c.savedAt,
});

export const createConfigSlice =
  (client: EngineClient, deps: ConfigDeps): StateCreator<AppState, [], [], ConfigSlice> =>
  (set, get) => {
    const patch = (p: Partial<ConfigEditorState>) => set((s) => ({ config: { ...s.config, ...p } }));
    /** Numbers checks, so a slow answer to an older text never overwrites a newer one. */
    let checks = 0;

    const check = async () => {
      const { text } = get().config;
      const mine = ++checks;
      patch({ check: { status: 'checking' } });
      try {
        const result = await client.call('checkConfig', text);
        if (mine !== checks) return;
        patch({
          check: result.ok
            ? { status: 'ok', sessionName: result.value.sessionName, ignored: result.value.ignored }
            : configProblem(result.error, text),
        });
      } catch (error) {
        if (mine !== checks) return;
        patch({ check: { status: 'idle' } });
        get().reportError(error);
      }
    };
    const checker = debounce(() => void check(), deps.checkDelayMs ?? CHECK_DELAY_MS, deps.timers);

    /** The editor shows `view` (the configuration in force) as checked; a pending check is dropped. */
    const showInForce = (view: ConfigView, extra: Partial<ConfigEditorState> = {}) => {
      checker.cancel();
      checks++;
      patch({
        inForce: view,
        text: view.text,
        origin: 'in force',
        check: { status: 'ok', sessionName: view.sessionName, ignored: view.ignored },
        ...extra,
      });
    };

    const setText = (text: string, origin: string) => {
      patch({ text, origin, notice: null });
      checker.schedule();
    };

    return {
      config: INITIAL,
      savedConfigs: [],
      indicatorCatalogue: null,
      tradingCalendar: null,

      async loadConfiguration() {
        try {
          const view = await client.call('configuration');
          // Edits typed while the configuration was on its way (or being restored) are the user's: keep them.
          const { text, inForce } = get().config;
          if (text !== '' && text !== (inForce?.text ?? '')) {
            patch({ inForce: view });
            return;
          }
          showInForce(view);
        } catch (error) {
          get().reportError(error);
        }
      },

      editConfig(text, origin) {
        setText(text, origin ?? get().config.origin);
      },

      async loadConfigFile(file, fileName) {
        try {
          setText(await readTextFile(file), fileName);
          checker.flush();
        } catch (error) {
          patch({
            notice: { ok: false, text: `Could not read ${fileName}: ${(error as Error).message ?? error}` },
          });
        }
      },

      saveConfigFile() {
        const { text, check: c, inForce } = get().config;
        const sessionName = c.status === 'ok' ? c.sessionName : (inForce?.sessionName ?? 'session');
        deps.saveFile(new Blob([text], { type: 'application/json' }), configFileName(sessionName));
      },

      async applyConfig(options = {}) {
        const stopFirst = options.stopFirst === true;
        const { text, applying } = get().config;
        if (applying) return false;
        if (get().storage.restore.active) {
          // The restore re-imports data sets against the configuration it applied: wait for it.
          patch({
            notice: { ok: false, text: 'Wait until the data kept in this browser is restored, then apply.' },
          });
          return false;
        }
        checker.cancel();
        patch({ applying: true, notice: null });
        try {
          const result = await client.call('applyConfig', text, { stopFirst });
          if (!result.ok) {
            patch({ notice: { ok: false, text: result.error } });
            // The text itself may be the problem: show where, and take the caret there.
            if (!/^the session is /.test(result.error)) {
              const problem = configProblem(result.error, text);
              patch({ check: problem });
              if (problem.line !== null) get().goToConfigLine(problem.line);
            }
            return false;
          }
          const view = result.value;
          const done = stopFirst ? 'Stopped the session and applied' : 'Applied';
          showInForce(view, {
            notice: {
              ok: true,
              text: `${done}: session “${view.sessionName}”. It starts from its first day.`,
            },
          });
          const state = get();
          await Promise.all([state.refresh(), state.loadExcludable(), state.importRefresh()]);
          // Data sets kept for symbols this configuration brings back replay again.
          await get().restoreWaitingImports();
          const kept = await deps.storage.put('configs', {
            key: APPLIED_CONFIG_KEY,
            kind: 'applied',
            name: 'last applied',
            text: view.text,
            sessionName: view.sessionName,
            savedAt: deps.now(),
          });
          get().noteSaveOutcome('the applied configuration', kept);
          return true;
        } catch (error) {
          get().reportError(error);
          return false;
        } finally {
          patch({ applying: false });
        }
      },

      async resetConfigToDefault() {
        try {
          setText(await client.call('defaultConfigText'), 'the default');
          checker.flush();
        } catch (error) {
          get().reportError(error);
        }
      },

      revertConfig() {
        const { inForce } = get().config;
        if (inForce) showInForce(inForce, { notice: null });
      },

      async keepConfig(name) {
        const trimmed = name.trim();
        if (trimmed === '') return;
        const { text, check: c } = get().config;
        if (c.status === 'error') {
          patch({ notice: { ok: false, text: 'Fix the configuration before keeping it.' } });
          return;
        }
        const record: StoredConfig = {
          key: savedConfigKey(trimmed),
          kind: 'saved',
          name: trimmed,
          text,
          sessionName: c.status === 'ok' ? c.sessionName : '',
          savedAt: deps.now(),
        };
        const outcome = await deps.storage.put('configs', record);
        get().noteSaveOutcome(`the configuration “${trimmed}”`, outcome);
        if (outcome.ok) {
          patch({ notice: { ok: true, text: `Kept in this browser as “${trimmed}”.` } });
          await get().loadSavedConfigs();
        } else {
          patch({ notice: { ok: false, text: `Could not keep “${trimmed}”: ${outcome.message}.` } });
        }
      },

      async openSavedConfig(key) {
        const found = (await deps.storage.getAll('configs')).find((c) => c.key === key);
        if (!found) return;
        setText(found.text, `saved “${found.name}”`);
        checker.flush();
      },

      async deleteSavedConfig(key) {
        await deps.storage.delete('configs', [key]);
        await get().loadSavedConfigs();
      },

      async loadSavedConfigs() {
        const all = await deps.storage.getAll('configs');
        set({
          savedConfigs: all
            .filter((c) => c.kind === 'saved')
            .sort((a, b) => b.savedAt - a.savedAt)
            .map(summaryOf),
        });
      },

      dismissConfigNotice: () => patch({ notice: null }),

      goToConfigLine(line) {
        patch({ goTo: { line, seq: (get().config.goTo?.seq ?? 0) + 1 } });
      },

      async loadIndicatorCatalogue() {
        if (get().indicatorCatalogue !== null) return;
        try {
          set({ indicatorCatalogue: await client.call('indicatorCatalogue') });
        } catch (error) {
          get().reportError(error);
        }
      },

      async loadTradingCalendar() {
        if (get().tradingCalendar !== null) return;
        try {
          const answer = await client.call('tradingCalendar');
          if (answer.ok) set({ tradingCalendar: answer.value });
          else
            patch({ notice: { ok: false, text: `Could not read the exchange calendar: ${answer.error}` } });
        } catch (error) {
          get().reportError(error);
        }
      },

      addIndicator(entry, write) {
        const inserted = insertSessionIndicator(get().config.text, entry);
        if (!inserted.ok) {
          patch({ notice: { ok: false, text: `Could not add ${entry.name}: ${inserted.error}.` } });
          return false;
        }
        // Through the editor's writer when given (an undoable form edit), else straight into the text.
        if (write) write(inserted.value);
        else setText(inserted.value, get().config.origin);
        // Checked at once, as a loaded file is: the engine names the field of a bad entry.
        checker.flush();
        return true;
      },
    };
  };

/** Whether the editor's text differs from the configuration in force. */
export const selectConfigDirty = (state: AppState): boolean =>
  state.config.inForce !== null && !sameConfigText(state.config.text, state.config.inForce.text);
