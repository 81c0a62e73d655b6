import { describe, expect, it } from 'vitest';
import { pageTape } from './tape-text';

const pageWith = (elements: Record<string, string>) => ({
  getElementById: (id: string) =>
    id in elements ? ({ textContent: elements[id] } as unknown as HTMLElement) : null,
});

describe('the page’s tape', () => {
  it('is the text of #session-tape, untouched', () => {
    expect(pageTape(pageWith({ 'session-tape': '\n H4sI AAAA \n' }))).toEqual({
      kind: 'tape',
      text: '\n H4sI AAAA \n',
    });
  });

  it('is missing while the placeholder is still there, or without the element', () => {
    expect(pageTape(pageWith({ 'session-tape': '  __SESSION_TAPE__\n' }))).toEqual({ kind: 'placeholder' });
    expect(pageTape(pageWith({ root: '' }))).toEqual({ kind: 'missing' });
  });
});
