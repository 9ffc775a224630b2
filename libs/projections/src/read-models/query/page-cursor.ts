import { isCalendarDate, LedgerPatterns } from '@factledger/ledger-domain';
import { invalid, isPosition } from '@factledger/shared';
import { QueryErrorCodes, type Basis, type ReadRequest } from './basis';

/**
 * Opaque page cursor. It carries the basis of the first page, so every page
 * of a list is read at the same position and date however the log moves on.
 */
interface PageCursor {
  p: string;
  v: string;
  k: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The shape of each key a list's cursor carries, checked before the keys
 * reach SQL: a forged key must be refused, never compared with a column.
 */
export type CursorKey = (key: string) => boolean;

export const CursorKeys = {
  metricKey: (k) => LedgerPatterns.metricKey.test(k),
  slug: (k) => LedgerPatterns.slug.test(k),
  uuid: (k) => LedgerPatterns.uuid.test(k),
  /** A log sequence number: bigint, like a position. */
  seq: (k) => isPosition(k),
} satisfies Record<string, CursorKey>;

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export const encodeCursor = (basis: Basis, keys: string[]): string =>
  Buffer.from(JSON.stringify({ p: basis.position, v: basis.validAt, k: keys } satisfies PageCursor)).toString('base64url');

const bad = (reason: string) => invalid(QueryErrorCodes.cursorInvalid, `cursor ${reason}`, { field: 'cursor', reason });

export function decodeCursor(cursor: string, keys: readonly CursorKey[]): PageCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad('is not a cursor from a previous page');
  }
  const c = parsed as Partial<PageCursor> | null;
  const valid =
    isPosition(c?.p, { allowZero: true }) &&
    isCalendarDate(c?.v) &&
    Array.isArray(c?.k) &&
    c.k.length === keys.length &&
    c.k.every((k, i) => typeof k === 'string' && keys[i]!(k));
  if (!valid) throw bad('is not a cursor from a previous page of this list');
  return c as PageCursor;
}

/** The request with the cursor's basis; an asOf or validAt that contradicts it is refused. */
export function continueFrom(
  request: ReadRequest,
  cursor: string | undefined,
  keys: readonly CursorKey[],
): { request: ReadRequest; after: string[] | null } {
  if (cursor === undefined) return { request, after: null };
  const c = decodeCursor(cursor, keys);
  if ((request.asOf !== undefined && request.asOf !== c.p) || (request.validAt !== undefined && request.validAt !== c.v)) {
    throw invalid(
      QueryErrorCodes.cursorBasisMismatch,
      `The cursor continues a list read at position ${c.p} and validAt ${c.v}; drop asOf and validAt or send those`,
      {
        field: 'cursor',
        reason: 'contradicts asOf or validAt',
        position: c.p,
        validAt: c.v,
      },
    );
  }
  return { request: { ...request, asOf: c.p, validAt: c.v }, after: c.k };
}

/** Rows were read with limit + 1: the extra one says whether there is a next page. */
export function pageOf<Row, T>(rows: Row[], limit: number, basis: Basis, keysOf: (row: Row) => string[], toItem: (row: Row) => T): Page<T> {
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  return { items: items.map(toItem), nextCursor: more ? encodeCursor(basis, keysOf(items.at(-1)!)) : null };
}
