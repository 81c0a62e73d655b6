// The console slice's shape: the command language typed on the page, and its answers.

export interface ConsoleEntry {
  id: number;
  input: string;
  ok: boolean;
  message: string;
  /** The name of the export or demo file the command made, if any. */
  fileName?: string;
}

export interface ConsoleSlice {
  /** Oldest first; at most CONSOLE_ENTRY_LIMIT. */
  consoleEntries: ConsoleEntry[];
  /** Lines entered, oldest first, for ArrowUp/ArrowDown. */
  consoleHistory: string[];
  consoleBusy: boolean;
  runConsoleCommand(line: string): Promise<void>;
  clearConsole(): void;
}
