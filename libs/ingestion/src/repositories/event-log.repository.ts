import { sql, type Kysely } from 'kysely';

/** Position of the latest event; null for an empty log. Jobs wait for read models to reach it. */
export async function headPosition(db: Kysely<any>): Promise<string | null> {
  const { rows } = await sql<{ head: string | null }>`SELECT max(position)::text AS head FROM events`.execute(db);
  return rows[0]?.head ?? null;
}

export interface StoredEvent {
  id: string;
  streamId: string;
  type: string;
  data: Record<string, unknown>;
}

/** The stored events among these ids (a lookup by the unique event id). */
export async function eventsByIds(db: Kysely<any>, ids: readonly string[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<StoredEvent>`
    SELECT event_id::text AS id, stream_id AS "streamId", event_type AS type, data
      FROM events WHERE event_id = ANY(${sql.val([...ids])}::uuid[]) ORDER BY position`.execute(db);
  return rows;
}
