import { describe, expect, it } from 'vitest';
import { FRESH, type Recall, recall } from './line-history';

describe('console line history', () => {
  const history = ['help', 'system start', 'system advance 5'];

  it('walks back from the newest line, keeping the draft, and forward to the draft again', () => {
    let state: Recall = FRESH;
    let value = 'system st';
    const press = (direction: 'up' | 'down') => {
      const next = recall(history, state, value, direction);
      if (next) ({ state, value } = next);
      return value;
    };
    expect(press('up')).toBe('system advance 5');
    expect(press('up')).toBe('system start');
    expect(press('up')).toBe('help');
    expect(press('up')).toBe('help');
    expect(press('down')).toBe('system start');
    expect(press('down')).toBe('system advance 5');
    expect(press('down')).toBe('system st');
    expect(state).toEqual(FRESH);
    expect(press('down')).toBe('system st');
  });

  it('does nothing without history', () => {
    expect(recall([], FRESH, 'x', 'up')).toBeNull();
    expect(recall([], FRESH, 'x', 'down')).toBeNull();
  });
});
