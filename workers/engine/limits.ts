// The engine's own limits on what a caller may ask of it. The command language (workers/commands/) and
// the export contract module (workers/export/contract/) use these same values: one place to change them.

/** Upper bound for one `system advance`, so a typo cannot lock the engine for minutes. */
export const MAX_ADVANCE_MINUTES = 100_000;

/** The fastest replay speed (`system speed X`): market minutes per wall-clock minute. */
export const MAX_SPEED_MULTIPLIER = 1_000_000;
