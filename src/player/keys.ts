// The player's keys: Space plays or pauses, ← and → step, Home and End go to the first and last step, and
// 1 to 4 pick a speed. Keys typed into a field are left alone (the slider is the exception: its own arrow
// keys would move it a second time), and so is Space on a button, which the button itself answers.
import type { Speed } from './playback';

export type KeyAction =
  | { kind: 'toggle' }
  | { kind: 'step'; delta: number }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'speed'; speed: Speed };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** What has focus: its tag, its `type` for an input, and whether it is editable text. */
  target: { tagName: string; type?: string | undefined; isContentEditable?: boolean } | null;
}

const SPEED_KEYS: Record<string, Speed> = { '1': 1, '2': 10, '3': 60, '4': 'max' };

/** The keys listed to the person, in the order the controls show them. */
export const KEY_HELP = 'Space play/pause · ← → step · Home/End · 1–4 speed';

function inField(target: KeyPress['target']): boolean {
  if (!target) return false;
  const tag = target.tagName.toUpperCase();
  if (target.isContentEditable) return true;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && target.type !== 'range';
}

const activates = (target: KeyPress['target']): boolean => {
  const tag = target?.tagName.toUpperCase();
  return tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || target?.type === 'radio';
};

/** What a key press does in the player, or null to leave it to the page. */
export function keyAction(press: KeyPress): KeyAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey || inField(press.target)) return null;
  switch (press.key) {
    case ' ':
      return activates(press.target) ? null : { kind: 'toggle' };
    case 'ArrowLeft':
      return { kind: 'step', delta: -1 };
    case 'ArrowRight':
      return { kind: 'step', delta: 1 };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    default: {
      const speed = SPEED_KEYS[press.key];
      return speed === undefined ? null : { kind: 'speed', speed };
    }
  }
}
