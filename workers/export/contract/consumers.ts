// Consumer names (docs/export-format.md section 4): each consumer has its own cursor, so a name is a key
// that the command language, the export panel and the exporter must all accept or refuse alike.

import { MAX_CONSUMER_NAME_LENGTH } from './limits';

/** The consumer of an export that names none. */
export const DEFAULT_CONSUMER = 'default';

/** The UI's own live mirror: its exports feed the charts and are not the user's files. */
export const LIVE_CONSUMER = 'ui';

const CONSUMER_NAME = new RegExp(`^[A-Za-z0-9_.-]{1,${MAX_CONSUMER_NAME_LENGTH}}$`);

/** What a consumer name may be, for messages. */
export const CONSUMER_NAME_RULE = `1-${MAX_CONSUMER_NAME_LENGTH} letters, digits, "_", "-" or "."`;

export function isConsumerName(name: string): boolean {
  return CONSUMER_NAME.test(name);
}
