import { formatCheckpoint, parseCheckpoint, type Checkpoint } from '@factledger/event-store';
import { DomainError, invalid } from '@factledger/shared';

/**
 * Cursors are opaque to clients: base64url of `transactionId:position`, the
 * gap-safe point after an event. Opaque so the encoding can change without
 * breaking anyone who only passes them back.
 */
export const encodeCursor = (c: Checkpoint): string => Buffer.from(formatCheckpoint(c), 'utf8').toString('base64url');

export function decodeCursor(cursor: string, field = 'after'): Checkpoint {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // Node's decoder ignores junk characters: only the canonical encoding is a cursor.
  if (cursor.length === 0 || cursor.length > 64 || Buffer.from(text, 'utf8').toString('base64url') !== cursor) throw badCursor(cursor, field);
  try {
    return parseCheckpoint(text);
  } catch (e) {
    if (e instanceof DomainError) throw badCursor(cursor, field);
    throw e;
  }
}

const badCursor = (cursor: string, field: string) =>
  invalid('events.invalid_cursor', `${field} "${cursor.slice(0, 80)}" is not a cursor returned by this API`, { field });
