import { Kysely, sql } from 'kysely';

/**
 * `factledger_oldest_transaction()`: the oldest transaction open anywhere in
 * the cluster that holds a transaction id, i.e. holds back the snapshot xmin
 * gap-safe readers wait behind (a `psql` left in BEGIN after a write stalls
 * every projector). /health reports its age. pg_stat_activity shows another
 * role's sessions only to holders of pg_read_all_stats: the owner holds it
 * (granted by the role bootstrap), and this function, SECURITY DEFINER,
 * answers for it with no query text, so the application role needs no
 * monitoring privilege of its own. Without the grant it sees the owner's
 * sessions only (and answers nothing for others').
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION factledger_oldest_transaction()
    RETURNS TABLE (pid integer, age_ms bigint, state text, application_name text, database text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      SELECT a.pid, (extract(epoch FROM clock_timestamp() - a.xact_start) * 1000)::bigint, a.state, a.application_name, a.datname::text
        FROM pg_stat_activity a
       WHERE a.backend_xid IS NOT NULL AND a.xact_start IS NOT NULL AND a.pid <> pg_backend_pid()
       ORDER BY a.xact_start
       LIMIT 1
    $$`.execute(db);
  // Default privileges already give EXECUTE to the application role only (20261206030000_least_privilege).
  await sql`REVOKE ALL ON FUNCTION factledger_oldest_transaction() FROM PUBLIC`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION factledger_oldest_transaction()`.execute(db);
}
