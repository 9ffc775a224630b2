import { sql, type Kysely } from 'kysely';

/**
 * Waits until every committed event is visible to gap-safe readers. The
 * horizon is cluster-wide: any open transaction anywhere on the server (another
 * test file's, say) hides later commits until it ends.
 */
export async function settleLog(db: Kysely<any>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ hidden: string }>`
      SELECT count(*) FILTER (WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot()))::text AS hidden FROM events`.execute(db);
    if (rows[0]!.hidden === '0') return;
    if (Date.now() > deadline) throw new Error(`${rows[0]!.hidden} committed events stayed invisible to gap-safe readers for ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
