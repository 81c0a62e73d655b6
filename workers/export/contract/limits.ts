// Every limit a caller of the export contract can run into, in one place. The engine's own limits live
// in the engine (the ground floor cannot import this module) and are re-exported here, so that the
// command language, the command line and the UI read them all from the contract.

export { isSpeed, MAX_ADVANCE_MINUTES, MAX_SPEED_MULTIPLIER, SPEED_RULE } from '../../engine/limits';

/** Longest file name accepted from a user, in characters (file systems allow 255 bytes). */
export const MAX_FILE_NAME_LENGTH = 200;

/** Longest consumer name. */
export const MAX_CONSUMER_NAME_LENGTH = 64;

/** Exports of a session whose cursors are remembered for `since=`; older ones are forgotten first. */
export const MAX_REMEMBERED_EXPORTS = 10_000;
