import { sql, type Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';

/** The sealer's lease: one instance writes the tree (the log follower holds it as an advisory lock). */
export const SEALER_LOCK_KEY = 'factledger.audit.sealer';

/** Asks the sealer for a checkpoint now (`POST /v1/checkpoints`); LISTENed on the sealer's own connection. */
export const CHECKPOINT_REQUEST_CHANNEL = 'factledger_audit_checkpoint';

/** Says which setting to fix when this role may not write the audit tables (only the sealer role may). */
export async function assertCanSeal(db: Kysely<AuditDb>): Promise<void> {
  const { rows } = await sql<{ role: string; ok: boolean }>`
    SELECT current_user AS role, bool_and(has_table_privilege(t, 'INSERT')) AS ok
      FROM unnest(ARRAY['audit_leaves', 'audit_nodes', 'audit_checkpoints', 'audit_signing_keys']) AS t`.execute(db);
  if (!rows[0]?.ok) {
    throw new Error(`the sealer connects as "${rows[0]?.role}", which may not write the audit tables: set SEALER_DATABASE_URL to the sealer role (factledger_sealer)`);
  }
}
