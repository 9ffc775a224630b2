import { sql, type Kysely } from 'kysely';

/** This ledger database's random identity (table ledger_identity, made by its migration). */
export async function ledgerId(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ ledger_id: string }>`SELECT ledger_id::text AS ledger_id FROM ledger_identity`.execute(db);
  if (!rows[0]) throw new Error('ledger_identity is empty: migrate the database first (npm run cli -- migrate)');
  return rows[0].ledger_id;
}
