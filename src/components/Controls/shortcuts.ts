// Keyboard shortcuts of the session controls: Space starts, pauses or resumes; `.` or ArrowRight steps one
// minute. Never while typing in a field, and Space is left alone on buttons and links (it presses them).
import type { ControlAvailability } from './availability';

export type ShortcutAction = 'start' | 'pause' | 'resume' | 'step';

/** What the shortcut handler needs of a keydown event. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  /** The focused element's tag name (upper case), or null. */
  targetTag: string | null;
  /** True for a contenteditable target. */
  targetEditable: boolean;
}

/** For `aria-keyshortcuts` and the hints. */
export const SHORTCUTS = { toggle: 'Space', step: '. ArrowRight' } as const;

const FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const PRESSABLE = new Set(['BUTTON', 'A', 'SUMMARY']);

/** Whether a key pressed with `press`'s target is typing in a field (the field's own key, not the page's). */
export const isTyping = (press: Pick<KeyPress, 'targetTag' | 'targetEditable'>): boolean =>
  press.targetEditable || (press.targetTag !== null && FIELDS.has(press.targetTag));

export function shortcutFor(press: KeyPress, can: ControlAvailability): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (isTyping(press)) return null;
  if (press.key === ' ') {
    if (press.repeat || (press.targetTag !== null && PRESSABLE.has(press.targetTag))) return null;
    if (can.pause) return 'pause';
    if (can.resume) return 'resume';
    if (can.start) return 'start';
    return null;
  }
  if (press.key === '.' || press.key === 'ArrowRight') return can.step ? 'step' : null;
  return null;
}

/** The `KeyPress` of a DOM keyboard event. */
export function keyPressOf(event: KeyboardEvent): KeyPress {
  const target = event.target instanceof HTMLElement ? event.target : null;
  return {
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    altKey: event.altKey,
    repeat: event.repeat,
    targetTag: target ? target.tagName : null,
    targetEditable: target ? target.isContentEditable : false,
  };
}
