// A box that scrolls by keyboard (ScrollBox.tsx: a rows table, the raw text, Compare's added rows) answers
// its own keys: Space, the arrows, Home, End and the Page keys scroll it. The session's shortcuts listen on
// the window (Space pauses, → steps), so these keys are kept from reaching it; the browser still scrolls
// (nothing is prevented).
import type { KeyboardEvent } from 'react';

const SCROLL_KEYS = new Set([
  ' ',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

export function keepScrollKeys(event: KeyboardEvent<HTMLElement>): void {
  if (SCROLL_KEYS.has(event.key)) event.stopPropagation();
}
