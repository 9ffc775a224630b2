import { sql, type Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';

/** The sealer's lease: one instance writes the tree (the log follower holds it as an advisory lock). */
export const SEALER_LOCK_KEY = 'factledger.audit.sealer';

/** The lease session's application_name: `factledger-sealer`, then `:` and the owner (the worker's instance id) when known. */
export const SEALER_APPLICATION_NAME = 'factledger-sealer';
export const sealerApplicationName = (owner?: string): string => (owner ? `${SEALER_APPLICATION_NAME}:${owner}` : SEALER_APPLICATION_NAME);

/**
 * Who holds the sealer's lease now, from the lock itself (PostgreSQL drops it
 * with a killed holder's session): the owner named in the holding session's
 * application_name (the whole name if it names none); null when no session
 * holds it. pg_locks and pg_stat_activity's pid and application_name are
 * visible to every role, so the API's role can read it.
 */
export async function sealerOwner(db: Kysely<AuditDb>): Promise<string | null> {
  const { rows } = await sql<{ application_name: string }>`
    SELECT a.application_name
      FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(${SEALER_LOCK_KEY}, 0)
     LIMIT 1`.execute(db);
  const name = rows[0]?.application_name;
  if (name === undefined) return null;
  return name.startsWith(`${SEALER_APPLICATION_NAME}:`) ? name.slice(SEALER_APPLICATION_NAME.length + 1) : name;
}

/** Asks the sealer for a checkpoint now (`POST /v1/checkpoints`); LISTENed on the sealer's own connection. */
export const CHECKPOINT_REQUEST_CHANNEL = 'factledger_audit_checkpoint';

/** Says which setting to fix when this role may not write the audit tables (only the sealer role may). */
export async function assertCanSeal(db: Kysely<AuditDb>): Promise<void> {
  const { rows } = await sql<{ role: string; ok: boolean }>`
    SELECT current_user AS role, bool_and(has_table_privilege(t, 'INSERT')) AS ok
      FROM unnest(ARRAY['audit_leaves', 'audit_nodes', 'audit_checkpoints', 'audit_signing_keys']) AS t`.execute(db);
  if (!rows[0]?.ok) {
    throw new Error(
      `the sealer connects as "${rows[0]?.role}", which may not write the audit tables: set SEALER_DATABASE_URL to the sealer role (factledger_sealer)`,
    );
  }
}
