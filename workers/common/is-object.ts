// A parsed JSON value that is an object with fields (not null, not a list): what every reader of configs and
// exports checks before looking inside.

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
