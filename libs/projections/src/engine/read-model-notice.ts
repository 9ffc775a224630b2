import { sql, type RawBuilder } from 'kysely';

/**
 * The channel on which a read model announces that what readers see of it
 * changed: its active version applied a batch, was switched or was reset.
 * Sent inside the transaction that makes the change, so it is delivered at
 * commit and never for a change that rolled back.
 */
export const READ_MODELS_CHANNEL = 'factledger_read_models';

export interface ReadModelNotice {
  projection: string;
  version: number;
  /** The version's checkpoint position after the change ("0" after a reset). */
  position: string;
  change: 'advance' | 'switch' | 'reset';
}

/** A pg_notify call for a statement's select list (small payload: name, version, position, change). */
export const readModelNoticeSql = (projection: RawBuilder<unknown> | string, version: RawBuilder<unknown> | number, position: RawBuilder<unknown> | string, change: ReadModelNotice['change']): RawBuilder<unknown> =>
  sql`pg_notify(${READ_MODELS_CHANNEL}, json_build_object('projection', ${projection}::text, 'version', ${version}::int, 'position', ${position}::text, 'change', ${change}::text)::text)`;

export function parseReadModelNotice(payload: string | undefined): ReadModelNotice | null {
  try {
    const notice = JSON.parse(payload ?? '') as Partial<ReadModelNotice>;
    return typeof notice.projection === 'string' && typeof notice.position === 'string' ? (notice as ReadModelNotice) : null;
  } catch {
    return null;
  }
}
