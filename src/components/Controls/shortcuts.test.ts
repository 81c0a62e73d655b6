import { describe, expect, it } from 'vitest';
import { controlAvailability } from './availability';
import { type KeyPress, shortcutFor } from './shortcuts';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  targetTag: 'BODY',
  targetEditable: false,
  ...more,
});

describe('session shortcuts', () => {
  it('toggles with Space: start when stopped, pause when running, resume when paused', () => {
    expect(shortcutFor(press(' '), controlAvailability('STOPPED', false))).toBe('start');
    expect(shortcutFor(press(' '), controlAvailability('FINISHED', false))).toBe('start');
    expect(shortcutFor(press(' '), controlAvailability('RUNNING', false))).toBe('pause');
    expect(shortcutFor(press(' '), controlAvailability('PAUSED', false))).toBe('resume');
  });

  it('steps with "." or ArrowRight when stepping is possible', () => {
    expect(shortcutFor(press('.'), controlAvailability('PAUSED', false))).toBe('step');
    expect(shortcutFor(press('ArrowRight'), controlAvailability('RUNNING', false))).toBe('step');
    expect(shortcutFor(press('.'), controlAvailability('STOPPED', false))).toBeNull();
  });

  it('stays out of the way while typing, on pressable elements, with modifiers, or while busy', () => {
    const paused = controlAvailability('PAUSED', false);
    for (const targetTag of ['INPUT', 'TEXTAREA', 'SELECT']) {
      expect(shortcutFor(press(' ', { targetTag }), paused)).toBeNull();
      expect(shortcutFor(press('.', { targetTag }), paused)).toBeNull();
    }
    expect(shortcutFor(press('.', { targetTag: 'DIV', targetEditable: true }), paused)).toBeNull();
    expect(shortcutFor(press(' ', { targetTag: 'BUTTON' }), paused)).toBeNull();
    expect(shortcutFor(press('ArrowRight', { targetTag: 'BUTTON' }), paused)).toBe('step');
    expect(shortcutFor(press(' ', { repeat: true }), paused)).toBeNull();
    expect(shortcutFor(press('.', { ctrlKey: true }), paused)).toBeNull();
    expect(shortcutFor(press(' ', { metaKey: true }), paused)).toBeNull();
    expect(shortcutFor(press(' '), controlAvailability('PAUSED', true))).toBeNull();
    expect(shortcutFor(press('x'), paused)).toBeNull();
  });
});
