import { describe, expect, it } from 'vitest';
import { type KeyPress, keyAction } from './keys';

const press = (key: string, target: KeyPress['target'] = { tagName: 'BODY' }, mods = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

describe('the player keys', () => {
  it('play, step, go to the ends and pick speeds', () => {
    expect(keyAction(press(' '))).toEqual({ kind: 'toggle' });
    expect(keyAction(press('ArrowLeft'))).toEqual({ kind: 'step', delta: -1 });
    expect(keyAction(press('ArrowRight'))).toEqual({ kind: 'step', delta: 1 });
    expect(keyAction(press('Home'))).toEqual({ kind: 'first' });
    expect(keyAction(press('End'))).toEqual({ kind: 'last' });
    expect(keyAction(press('1'))).toEqual({ kind: 'speed', speed: 1 });
    expect(keyAction(press('4'))).toEqual({ kind: 'speed', speed: 'max' });
    expect(keyAction(press('x'))).toBeNull();
  });

  it('work on the slider, but leave text fields, shortcuts and a button’s own Space alone', () => {
    const slider = { tagName: 'INPUT', type: 'range' };
    expect(keyAction(press('ArrowRight', slider))).toEqual({ kind: 'step', delta: 1 });
    expect(keyAction(press('ArrowRight', { tagName: 'INPUT', type: 'text' }))).toBeNull();
    expect(keyAction(press('1', { tagName: 'TEXTAREA' }))).toBeNull();
    expect(keyAction(press(' ', { tagName: 'DIV', isContentEditable: true }))).toBeNull();
    expect(keyAction(press('ArrowLeft', { tagName: 'BODY' }, { altKey: true }))).toBeNull();
    expect(keyAction(press('1', { tagName: 'BODY' }, { ctrlKey: true }))).toBeNull();
    expect(keyAction(press(' ', { tagName: 'BUTTON' }))).toBeNull();
    expect(keyAction(press(' ', { tagName: 'INPUT', type: 'radio' }))).toBeNull();
    expect(keyAction(press('ArrowLeft', { tagName: 'BUTTON' }))).toEqual({ kind: 'step', delta: -1 });
  });
});
