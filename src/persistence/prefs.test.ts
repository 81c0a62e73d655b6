import { describe, expect, it } from 'vitest';
import { checkedLayoutPrefs, memoryPrefs } from './prefs';

describe('the saved pane layout', () => {
  it('reads a layout of numbers as it was kept, and anything else as none', () => {
    const prefs = memoryPrefs();
    const checked = checkedLayoutPrefs(prefs);
    checked.setItem('layout', '{"session":62.5,"tools":37.5}');
    expect(checked.getItem('layout')).toBe('{"session":62.5,"tools":37.5}');
    for (const bad of ['null', '[50,50]', '{"session":"wide"}', '{"session":1e999}', '{not json', '7'])
      expect(checkedLayoutPrefs(memoryPrefsWith('layout', bad)).getItem('layout')).toBeNull();
    expect(checked.getItem('missing')).toBeNull();
  });
});

function memoryPrefsWith(key: string, value: string) {
  const prefs = memoryPrefs();
  prefs.setItem(key, value);
  return prefs;
}
