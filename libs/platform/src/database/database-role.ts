import { sql } from 'kysely';
import type { SqlConnection } from './platform.tables';

export interface DatabaseRoleFacts {
  role: string;
  superuser: boolean;
  /** The role may change the log itself: it owns `events` (or is a member of its owner). */
  ownsLog: boolean;
}

export async function databaseRoleFacts(db: SqlConnection): Promise<DatabaseRoleFacts> {
  const { rows } = await sql<{ role: string; superuser: boolean; owns_log: boolean }>`
    SELECT current_user AS role, r.rolsuper AS superuser,
           coalesce(pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = to_regclass('public.events')), 'USAGE'), false) AS owns_log
      FROM pg_roles r WHERE r.rolname = current_user`.execute(db);
  const row = rows[0]!;
  return { role: row.role, superuser: row.superuser, ownsLog: row.owns_log };
}

export class DatabaseRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseRoleError';
  }
}

/**
 * The API and worker must not be able to rewrite history: a production process
 * connected as a superuser or as the log's owner refuses to start (the role
 * split is what makes the triggers more than a guard against accidents).
 * Elsewhere it is a warning, so a single-role development database still runs.
 */
export async function checkApplicationRole(db: SqlConnection, options: { production: boolean; warn: (message: string) => void }): Promise<void> {
  const facts = await databaseRoleFacts(db);
  if (!facts.superuser && !facts.ownsLog) return;
  const message =
    `DATABASE_URL connects as "${facts.role}", ${facts.superuser ? 'a superuser' : 'the owner of the events table'}: this process could alter or drop the log. ` +
    'Connect the API and worker as the application role (factledger_app; `factledger db-init` creates it) and run migrations with MIGRATION_DATABASE_URL';
  if (options.production) throw new DatabaseRoleError(message);
  options.warn(message);
}
