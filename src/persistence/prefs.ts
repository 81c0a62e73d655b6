// The page's small preferences (the tool tab shown, the panes' sizes): strings in localStorage, read at
// once when the page loads so that it opens as it was left, without a flash of the default layout. A browser
// that gives the page no localStorage (some do on file:// pages, or with storage blocked) keeps them for
// the page's lifetime only.

/** The shape react-resizable-panels' `useDefaultLayout` takes as its storage, so one object serves both. */
export interface Prefs {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Preferences in memory only (tests, and browsers without localStorage). */
export function memoryPrefs(): Prefs {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => {
      values.set(key, value);
    },
  };
}

/** localStorage, or memory where the browser refuses it. */
export function browserPrefs(): Prefs {
  const fallback = memoryPrefs();
  let local: Storage | null = null;
  try {
    local = window.localStorage;
    local.getItem('session-tape:probe');
  } catch {
    local = null;
  }
  if (local === null) return fallback;
  const storage = local;
  return {
    getItem(key) {
      try {
        return storage.getItem(key) ?? fallback.getItem(key);
      } catch {
        return fallback.getItem(key);
      }
    },
    setItem(key, value) {
      fallback.setItem(key, value);
      try {
        storage.setItem(key, value);
      } catch {
        // Full or refused: kept in memory for this page's lifetime.
      }
    },
  };
}

/**
 * `prefs` for the split-pane library's saved layout: a kept value that is not an object of finite numbers
 * (edited by hand, or written by something else on the same origin) reads as none, since the library parses
 * it while rendering and would otherwise fail the page at every load.
 */
export function checkedLayoutPrefs(prefs: Prefs): Prefs {
  return {
    getItem(key) {
      const value = prefs.getItem(key);
      if (value === null) return null;
      try {
        const parsed: unknown = JSON.parse(value);
        const sound =
          typeof parsed === 'object' &&
          parsed !== null &&
          !Array.isArray(parsed) &&
          Object.values(parsed).every((n) => typeof n === 'number' && Number.isFinite(n));
        return sound ? value : null;
      } catch {
        return null;
      }
    },
    setItem: (key, value) => prefs.setItem(key, value),
  };
}
