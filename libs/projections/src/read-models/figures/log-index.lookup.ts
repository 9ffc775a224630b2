import { sql, type RawBuilder } from 'kysely';
import type { AsOf } from '../query/basis';
import { isoTimestamp } from '../shared/batch-rows';

/**
 * The figures log's entry for a historical basis, as one SELECT of (name NULL,
 * seq, position, recordedAt) to run beside the cursors: the event at that
 * position, or the end of the longest prefix recorded by that time. null: the
 * basis needs no lookup (the head, or position 0).
 */
export function logEntryAt(schema: string, asOf: AsOf): RawBuilder<unknown> | null {
  if (asOf.kind === 'head' || (asOf.kind === 'position' && asOf.position === '0')) return null;
  const log = sql.id(schema, 'log');
  const columns = sql`NULL::text AS name, seq::text AS seq, position::text AS position, ${isoTimestamp(sql.ref('recorded_at'))} AS "recordedAt"`;
  return asOf.kind === 'position'
    ? sql`SELECT ${columns} FROM ${log} WHERE position = ${asOf.position}::bigint`
    : // Qualified: a bare seq in ORDER BY is the text output column ('9' sorts after '12').
      sql`SELECT ${columns} FROM ${log} l WHERE l.recorded_max <= ${asOf.at}::timestamptz ORDER BY l.recorded_max DESC, l.seq DESC LIMIT 1`;
}
