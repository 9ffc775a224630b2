import { sql, type Kysely } from 'kysely';
import type { Checkpoint } from '@factledger/event-store';

/** Events after a checkpoint, counted on the (transaction_id, position) index; stops at `cap` when given. */
export async function countEventsAfter(db: Kysely<any>, after: Checkpoint, cap?: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*)::text AS n FROM (
      SELECT 1 FROM events
       WHERE (transaction_id, position) > (${after.transactionId}::xid8, ${after.position}::bigint)
       ${cap === undefined ? sql`` : sql`LIMIT ${cap}`}
    ) after_checkpoint`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Committed events after the checkpoint exist, even if an older transaction still hides them from gap-safe reads. */
export async function hasEventsAfter(db: Kysely<any>, after: Checkpoint): Promise<boolean> {
  const { rows } = await sql<{ pending: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM events WHERE (transaction_id, position) > (${after.transactionId}::xid8, ${after.position}::bigint)
    ) AS pending`.execute(db);
  return rows[0]?.pending === true;
}
