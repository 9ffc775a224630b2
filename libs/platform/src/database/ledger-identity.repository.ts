import type { Kysely } from 'kysely';
import type { PlatformTables } from './platform.tables';

/** This ledger database's random identity (table ledger_identity, made by its migration). */
export async function ledgerId(db: Kysely<PlatformTables>): Promise<string> {
  const row = await db.selectFrom('ledger_identity').select('ledger_id').executeTakeFirst();
  if (!row) throw new Error('ledger_identity is empty: migrate the database first (npm run cli -- migrate)');
  return row.ledger_id;
}
