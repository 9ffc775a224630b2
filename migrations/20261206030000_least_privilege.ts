import { Kysely, sql } from 'kysely';

/**
 * Least privilege (issue 11). The owner (who runs migrations) keeps every
 * table and function; the application role reads the log and appends only
 * through factledger_append*, which run as the owner (SECURITY DEFINER, with
 * a pinned search_path so a caller's schemas cannot stand in for ours); the
 * sealer role alone INSERTs audit rows. Nobody but the owner may UPDATE,
 * DELETE, TRUNCATE, ALTER or DROP the log: those need ownership, which the
 * application role does not have. Role names as in database-roles.ts
 * (repeated: migrations import no code outside this folder but the migrator).
 */
const OWNER = 'factledger_owner';
const APP = 'factledger_app';
const SEALER = 'factledger_sealer';

const APPEND_FUNCTIONS = [
  'factledger_append(text, text, text, jsonb)',
  'factledger_append_checked(text, text, text, jsonb)',
  'factledger_append_many(jsonb)',
];
const TRIGGER_FUNCTIONS = ['factledger_refuse_change()', 'factledger_audit_refuse_change()'];
const LOG_TABLES = ['events', 'streams'];
const AUDIT_TABLES = ['audit_signing_keys', 'audit_leaves', 'audit_nodes', 'audit_checkpoints'];
/** Tables whose writer is the application itself (its rows are not evidence), with what their code does to them. */
const APP_TABLES: Record<string, string> = {
  idempotency_keys: 'SELECT, INSERT, UPDATE, DELETE', // claims, completions, releases, the purge
  report_texts: 'SELECT, INSERT, DELETE', // stored before the event, redacted by deleting
  projection_checkpoints: 'SELECT, INSERT, UPDATE, DELETE', // the projector engine's progress
  projection_registry: 'SELECT, INSERT, UPDATE', // upsert and FOR UPDATE of the active version
};

export async function up(db: Kysely<any>): Promise<void> {
  // The roles are made by `factledger db-init` (an administrator); a superuser running this
  // migration directly (benchmarks, old setups) gets them made here, without LOGIN.
  await sql`
    DO $$ DECLARE r text; BEGIN
      FOREACH r IN ARRAY ARRAY[${sql.lit(OWNER)}, ${sql.lit(APP)}, ${sql.lit(SEALER)}] LOOP
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r);
        IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
          RAISE EXCEPTION 'role % does not exist', r USING HINT = 'run "factledger db-init" with DATABASE_ADMIN_URL set first';
        END IF;
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
      END LOOP;
    END $$`.execute(db);

  const app = sql.id(APP);
  const sealer = sql.id(SEALER);
  await sql`REVOKE ALL ON SCHEMA public FROM PUBLIC`.execute(db);
  await sql`GRANT USAGE ON SCHEMA public TO ${app}, ${sealer}`.execute(db);

  for (const table of [
    ...LOG_TABLES,
    ...AUDIT_TABLES,
    'ledger_identity',
    'schema_migrations',
    'schema_migrations_lock',
    ...Object.keys(APP_TABLES),
  ]) {
    await sql`REVOKE ALL ON TABLE ${sql.table(table)} FROM PUBLIC, ${app}, ${sealer}`.execute(db);
  }
  for (const table of [...LOG_TABLES, 'ledger_identity']) await sql`GRANT SELECT ON TABLE ${sql.table(table)} TO ${app}, ${sealer}`.execute(db);
  for (const table of AUDIT_TABLES) {
    await sql`GRANT SELECT ON TABLE ${sql.table(table)} TO ${app}`.execute(db);
    await sql`GRANT SELECT, INSERT ON TABLE ${sql.table(table)} TO ${sealer}`.execute(db);
  }
  for (const [table, privileges] of Object.entries(APP_TABLES))
    await sql`GRANT ${sql.raw(privileges)} ON TABLE ${sql.table(table)} TO ${app}`.execute(db);

  for (const fn of APPEND_FUNCTIONS) {
    // pg_temp last: a caller's temporary table can never shadow events or streams.
    await sql`ALTER FUNCTION ${sql.raw(fn)} SECURITY DEFINER SET search_path = public, pg_temp`.execute(db);
    await sql`REVOKE ALL ON FUNCTION ${sql.raw(fn)} FROM PUBLIC`.execute(db);
    await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(fn)} TO ${app}`.execute(db);
  }
  for (const fn of TRIGGER_FUNCTIONS) await sql`REVOKE ALL ON FUNCTION ${sql.raw(fn)} FROM PUBLIC`.execute(db);

  // Tables of later migrations: ordinary application tables (the app writes them) unless the
  // migration locks them down explicitly, as above for the log and the audit tables.
  const forOwner = sql`ALTER DEFAULT PRIVILEGES FOR ROLE ${sql.id(OWNER)}`;
  await sql`${forOwner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`.execute(db);
  await sql`${forOwner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`.execute(db);
  await sql`${forOwner} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`.execute(db);
  await sql`${forOwner} IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${app}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const app = sql.id(APP);
  const forOwner = sql`ALTER DEFAULT PRIVILEGES FOR ROLE ${sql.id(OWNER)}`;
  await sql`${forOwner} IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM ${app}`.execute(db);
  await sql`${forOwner} GRANT EXECUTE ON FUNCTIONS TO PUBLIC`.execute(db);
  await sql`${forOwner} IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${app}`.execute(db);
  await sql`${forOwner} IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${app}`.execute(db);
  for (const fn of [...APPEND_FUNCTIONS, ...TRIGGER_FUNCTIONS]) await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(fn)} TO PUBLIC`.execute(db);
  for (const fn of APPEND_FUNCTIONS) await sql`ALTER FUNCTION ${sql.raw(fn)} SECURITY INVOKER RESET search_path`.execute(db);
  await sql`GRANT USAGE ON SCHEMA public TO PUBLIC`.execute(db);
}
