// The shown-symbols slice's shape: which symbols the live charts draw, told to the engine so that its `ui`
// feed carries full rows only for them (issue 16: the mirror holds only what the page shows).

export interface ShownSlice {
  /** The symbols the live charts draw, as last told to the engine (empty before the first chart read). */
  liveShown: readonly string[];
  /** Why the engine refused the last list (an unknown symbol), one sentence; null once one is taken. */
  shownError: string | null;
  /** Tells the engine which symbols the live charts draw; the same list again is not sent twice. */
  showLiveSymbols(symbols: readonly string[], force?: boolean): Promise<void>;
}
