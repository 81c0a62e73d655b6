// Every limit a caller of the export contract can run into, in one place. The engine's own limits live
// in the engine (the ground floor cannot import this module) and are re-exported here, so that the
// command language, the command line and the UI read them all from the contract.

export { isSpeed, MAX_ADVANCE_MINUTES, MAX_SPEED_MULTIPLIER, SPEED_RULE } from '../../engine/limits';

/**
 * Longest export file name, in UTF-8 bytes, as it is written (with `.json` added when it had no extension).
 * File systems allow 255 bytes (not characters: `é` takes 2, most CJK characters 3); the `_2`, `_3`, ...
 * that keeps two exports apart takes at most 7 more (`_999999`), so 240 leaves room for it.
 */
export const MAX_FILE_NAME_BYTES = 240;

/** Longest suffix `uniqueFileName` adds (`_999999`): it tries at most this many names. */
export const MAX_UNIQUE_SUFFIX = 999_999;

/** Longest part of a default file name taken from the session name, in UTF-8 bytes. */
export const MAX_SESSION_PART_BYTES = 150;

/** Longest consumer name. */
export const MAX_CONSUMER_NAME_LENGTH = 64;

/** Exports of a session whose cursors are remembered for `since=`; older ones are forgotten first. */
export const MAX_REMEMBERED_EXPORTS = 10_000;
