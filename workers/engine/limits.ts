// The engine's own limits on what a caller may ask of it. The command language (workers/commands/) and
// the export contract module (workers/export/contract/) use these same values: one place to change them.

/** Upper bound for one `system advance`, so a typo cannot lock the engine for minutes. */
export const MAX_ADVANCE_MINUTES = 100_000;

/** The fastest replay speed (`system speed X`): market minutes per wall-clock minute. */
export const MAX_SPEED_MULTIPLIER = 1_000_000;

/** The speed that means "as fast as possible", as the original system's `speed_multiplier` 0 does. */
export const AS_FAST_AS_POSSIBLE = 0;

/** What a speed may be, for messages. */
export const SPEED_RULE = `0 (as fast as possible) or a number > 0 and <= ${MAX_SPEED_MULTIPLIER}`;

/** Whether `multiplier` is a speed the replay accepts: 0, or a number > 0 up to the maximum. */
export function isSpeed(multiplier: number): boolean {
  return Number.isFinite(multiplier) && multiplier >= 0 && multiplier <= MAX_SPEED_MULTIPLIER;
}

/**
 * How deep objects and lists may nest in a session configuration. Validating, copying and exporting a
 * configuration walk it recursively; thousands of levels (in a field that is only kept, not used) would
 * overflow the stack. The original's configurations nest 4 levels; 64 leaves room for any kept section.
 */
export const MAX_CONFIG_DEPTH = 64;
