import { sql, type Kysely } from 'kysely';

export interface IdempotencyRecord {
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
}

/** Claims a key; returns the existing record when someone claimed it first. */
export async function claimKey(
  db: Kysely<any>,
  claim: { actor: string; key: string; method: string; path: string; requestHash: string },
): Promise<IdempotencyRecord | null> {
  const inserted = await sql`
    INSERT INTO idempotency_keys (actor, key, method, path, request_hash)
    VALUES (${claim.actor}, ${claim.key}, ${claim.method}, ${claim.path}, ${claim.requestHash})
    ON CONFLICT (actor, key) DO NOTHING`.execute(db);
  if (Number(inserted.numAffectedRows ?? 0) === 1) return null;
  const { rows } = await sql<IdempotencyRecord>`
    SELECT method, path, request_hash, status_code, response_body, response_headers
      FROM idempotency_keys WHERE actor = ${claim.actor} AND key = ${claim.key}`.execute(db);
  return rows[0] ?? null;
}

export async function completeKey(
  db: Kysely<any>,
  done: { actor: string; key: string; statusCode: number; body: unknown; headers: Record<string, string> },
): Promise<void> {
  await sql`
    UPDATE idempotency_keys
       SET status_code = ${done.statusCode}, response_body = ${JSON.stringify(done.body)}::jsonb,
           response_headers = ${JSON.stringify(done.headers)}::jsonb, completed_at = now()
     WHERE actor = ${done.actor} AND key = ${done.key}`.execute(db);
}

/** Frees a key whose request failed, so a retry runs again (it appended nothing). */
export async function releaseKey(db: Kysely<any>, actor: string, key: string): Promise<void> {
  await sql`DELETE FROM idempotency_keys WHERE actor = ${actor} AND key = ${key} AND status_code IS NULL`.execute(db);
}
