import { sql, type Kysely } from 'kysely';

/** Position of the latest event; null for an empty log. Jobs wait for read models to reach it. */
export async function headPosition(db: Kysely<any>): Promise<string | null> {
  const { rows } = await sql<{ head: string | null }>`SELECT max(position)::text AS head FROM events`.execute(db);
  return rows[0]?.head ?? null;
}
