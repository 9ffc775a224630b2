import { Kysely, sql } from 'kysely';

/**
 * The refuse-change triggers of the append-only tables fire in every session.
 * Ordinary (origin) triggers are skipped when a session sets
 * `session_replication_role = replica`, which any superuser or replication
 * tool can do; `ENABLE ALWAYS` makes them fire there too. (A superuser can
 * still `ALTER TABLE ... DISABLE TRIGGER`; the signed Merkle checkpoints are
 * what catch that.)
 */
const IMMUTABLE_TABLES = ['events', 'audit_signing_keys', 'audit_leaves', 'audit_nodes', 'audit_checkpoints'];

const triggersOf = (table: string) => [`${table}_immutable_rows`, `${table}_immutable_table`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of IMMUTABLE_TABLES) {
    for (const trigger of triggersOf(table)) {
      await sql`ALTER TABLE ${sql.table(table)} ENABLE ALWAYS TRIGGER ${sql.id(trigger)}`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of IMMUTABLE_TABLES) {
    for (const trigger of triggersOf(table)) {
      await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER ${sql.id(trigger)}`.execute(db);
    }
  }
}
