// Undo and redo of the config form's edits in the JSON editor, without React. A form edit sets the
// editor's text from outside, which the browser's own undo history of the field does not hold (setting a
// field's value drops or skips it). So each form edit is kept as the text before and after it, and Ctrl+Z
// in the editor takes back the latest one while the text is still what that edit left; otherwise the key
// is the browser's (the user's own typing since). Redo is the same, the other way.

export interface TextEdit {
  before: string;
  after: string;
}

export interface EditStacks {
  undo: readonly TextEdit[];
  redo: readonly TextEdit[];
}

/** Form edits kept for undo; the oldest go first. */
export const MAX_KEPT_EDITS = 100;

export const NO_EDITS: EditStacks = { undo: [], redo: [] };

/** A form edit made: kept for undo, and what was undone can no longer be redone. */
export function recordEdit(stacks: EditStacks, before: string, after: string): EditStacks {
  if (before === after) return stacks;
  return { undo: [...stacks.undo, { before, after }].slice(-MAX_KEPT_EDITS), redo: [] };
}

/** The text before the latest form edit, when `current` is still what it left; null otherwise. */
export function undoEdit(stacks: EditStacks, current: string): { text: string; stacks: EditStacks } | null {
  const last = stacks.undo.at(-1);
  if (last === undefined || last.after !== current) return null;
  return { text: last.before, stacks: { undo: stacks.undo.slice(0, -1), redo: [...stacks.redo, last] } };
}

/** The text after the latest undone form edit, when `current` is what the undo left; null otherwise. */
export function redoEdit(stacks: EditStacks, current: string): { text: string; stacks: EditStacks } | null {
  const last = stacks.redo.at(-1);
  if (last === undefined || last.before !== current) return null;
  return { text: last.after, stacks: { undo: [...stacks.undo, last], redo: stacks.redo.slice(0, -1) } };
}
