import { describe, expect, it } from 'vitest';
import { MAX_KEPT_EDITS, NO_EDITS, recordEdit, redoEdit, undoEdit } from './form-undo';

describe("the form's edits undone in the editor", () => {
  it('takes the latest edit back, then forward, while the text is what it left', () => {
    let stacks = recordEdit(NO_EDITS, 'a', 'b');
    stacks = recordEdit(stacks, 'b', 'c');
    const back = undoEdit(stacks, 'c');
    expect(back?.text).toBe('b');
    const twice = back && undoEdit(back.stacks, 'b');
    expect(twice?.text).toBe('a');
    const again = twice && redoEdit(twice.stacks, 'a');
    expect(again?.text).toBe('b');
  });

  it("leaves the key to the browser once the user typed since (the text is not the edit's)", () => {
    const stacks = recordEdit(NO_EDITS, 'a', 'b');
    expect(undoEdit(stacks, 'b typed')).toBeNull();
    const back = undoEdit(stacks, 'b');
    expect(back && redoEdit(back.stacks, 'a typed')).toBeNull();
    // A new edit after an undo: what was undone cannot be redone.
    expect(back && redoEdit(recordEdit(back.stacks, 'a', 'x'), 'x')).toBeNull();
  });

  it('keeps a bounded number of edits and ignores one that changes nothing', () => {
    let stacks = NO_EDITS;
    for (let i = 0; i < MAX_KEPT_EDITS + 5; i++) stacks = recordEdit(stacks, String(i), String(i + 1));
    expect(stacks.undo).toHaveLength(MAX_KEPT_EDITS);
    expect(recordEdit(stacks, 'same', 'same')).toBe(stacks);
  });
});
