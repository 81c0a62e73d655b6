// The config slice's shape: the configuration editor and the configurations kept by name.

import type { ConfigView } from '../../workers/api/engine-api';
import type { SessionIndicatorInfo, TradingCalendarView } from '../engine-client';
import type { ConfigCheck } from './config-editor';
import type { SessionIndicatorEntry } from './config-indicators';

export interface ConfigEditorState {
  /** The editor's text. */
  text: string;
  /** The configuration in force, as the engine answered; null before its first answer. */
  inForce: ConfigView | null;
  check: ConfigCheck;
  /** Where the text came from, in a few words (`in force`, a file name, `the default`, a saved name). */
  origin: string;
  applying: boolean;
  /** The last action's outcome, one sentence. */
  notice: { ok: boolean; text: string } | null;
  /**
   * A request for the editor to put the caret at the start of `line` and scroll it into view (Go to line,
   * and Apply refused for a problem on a line); `seq` grows with each request, so the same line twice moves
   * the caret twice.
   */
  goTo: { line: number; seq: number } | null;
}

export interface SavedConfigSummary {
  key: string;
  name: string;
  sessionName: string;
  savedAt: number;
}

export interface ConfigSlice {
  config: ConfigEditorState;
  /** Configurations kept in this browser by name, newest first. */
  savedConfigs: SavedConfigSummary[];
  /** Puts the configuration in force in the editor (at start-up, and after a restart). */
  loadConfiguration(): Promise<void>;
  /** The user typed: the text is checked once typing pauses. */
  editConfig(text: string, origin?: string): void;
  loadConfigFile(file: Blob, fileName: string): Promise<void>;
  /** Downloads the editor's text as JSON. */
  saveConfigFile(): void;
  /**
   * Puts the editor's text in force; true when the engine took it. With `stopFirst` ("Stop and apply") a
   * running or paused session is stopped first, once the text is known to be valid.
   */
  applyConfig(options?: { stopFirst?: boolean }): Promise<boolean>;
  /** Asks the editor to move the caret to `line` and scroll it into view. */
  goToConfigLine(line: number): void;
  /** The built-in default configuration in the editor (applied with Apply). */
  resetConfigToDefault(): Promise<void>;
  /** The text of the configuration in force back in the editor. */
  revertConfig(): void;
  keepConfig(name: string): Promise<void>;
  openSavedConfig(key: string): Promise<void>;
  deleteSavedConfig(key: string): Promise<void>;
  loadSavedConfigs(): Promise<void>;
  dismissConfigNotice(): void;
  /** The engine's indicator catalogue, asked once for "Add indicator"; null until it answered. */
  indicatorCatalogue: SessionIndicatorInfo[] | null;
  loadIndicatorCatalogue(): Promise<void>;
  /** The exchange calendar of the supported dates, asked once for the config form's date picker. */
  tradingCalendar: TradingCalendarView | null;
  loadTradingCalendar(): Promise<void>;
  /**
   * Adds a session indicator entry to the editor's text (checked at once); false when it cannot. `write`,
   * when given, is how the text is put: the config form passes the editor's writer, so Ctrl+Z takes the
   * entry back as any form edit.
   */
  addIndicator(entry: SessionIndicatorEntry, write?: (text: string) => void): boolean;
}
