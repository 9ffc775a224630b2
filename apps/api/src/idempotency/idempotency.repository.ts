import { sql, type Kysely } from 'kysely';
import type { IdempotencyKeysTable, PlatformTables } from '@factledger/platform';

type Db = Kysely<PlatformTables>;

/** What a stored key answers with: its columns as the table describes them (platform.tables.ts). */
export type IdempotencyRecord = Pick<IdempotencyKeysTable, 'method' | 'path' | 'request_hash' | 'status_code' | 'response_body' | 'response_headers'>;

export type ClaimOutcome =
  /** The caller holds the key (new, or taken over from a claim whose lease ran out) and runs the request. */
  | { claimed: true; token: string; takenOver: boolean }
  /** Someone holds or completed the key: replay, refuse or wait. */
  | { claimed: false; record: IdempotencyRecord };

/**
 * Claims a key. A claim older than the lease without a response is one whose
 * request died (crash, lost connection): a retry with the same request takes
 * it over, compare-and-set on the claim's token so only one retry does. Re-running
 * is safe because the request's ids derive from the key: what already landed
 * answers with its original result and appends nothing.
 */
export async function claimKey(
  db: Db,
  claim: { actor: string; key: string; method: string; path: string; requestHash: string },
  leaseMs: number,
): Promise<ClaimOutcome> {
  let record: IdempotencyRecord | undefined;
  // A key released or taken over between our statements: look again (bounded; then it is busy).
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({ actor: claim.actor, key: claim.key, method: claim.method, path: claim.path, request_hash: claim.requestHash })
      .onConflict((oc) => oc.columns(['actor', 'key']).doNothing())
      .returning('claim_token')
      .executeTakeFirst();
    if (inserted) return { claimed: true, token: inserted.claim_token, takenOver: false };

    const { rows } = await sql<IdempotencyRecord & { claim_token: string; lease_expired: boolean }>`
      SELECT method, path, request_hash, status_code, response_body, response_headers, claim_token,
             status_code IS NULL AND claimed_at < now() - ${leaseMs} * interval '1 millisecond' AS lease_expired
        FROM idempotency_keys WHERE actor = ${claim.actor} AND key = ${claim.key}`.execute(db);
    const found = rows[0];
    if (!found) continue;
    const { claim_token: heldBy, lease_expired: expired, ...existing } = found;
    record = existing;
    if (!expired || existing.request_hash !== claim.requestHash) return { claimed: false, record };

    const taken = await sql<{ claim_token: string }>`
      UPDATE idempotency_keys SET claim_token = gen_random_uuid(), claimed_at = now()
       WHERE actor = ${claim.actor} AND key = ${claim.key} AND status_code IS NULL AND claim_token = ${heldBy}
      RETURNING claim_token`.execute(db);
    if (taken.rows[0]) return { claimed: true, token: taken.rows[0].claim_token, takenOver: true };
  }
  return {
    claimed: false,
    record: record ?? {
      method: claim.method,
      path: claim.path,
      request_hash: claim.requestHash,
      status_code: null,
      response_body: null,
      response_headers: null,
    },
  };
}

/** Stores the response, if the caller still holds the claim (a retry may have taken it over). */
export async function completeKey(
  db: Db,
  done: { actor: string; key: string; token: string; statusCode: number; body: unknown; headers: Record<string, string> },
): Promise<boolean> {
  const result = await sql`
    UPDATE idempotency_keys
       SET status_code = ${done.statusCode}, response_body = ${JSON.stringify(done.body)}::jsonb,
           response_headers = ${JSON.stringify(done.headers)}::jsonb, completed_at = now()
     WHERE actor = ${done.actor} AND key = ${done.key} AND claim_token = ${done.token} AND status_code IS NULL`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** Frees a key whose request failed, so a retry runs again (it appended nothing); only its holder can. */
export async function releaseKey(db: Db, actor: string, key: string, token: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('actor', '=', actor)
    .where('key', '=', key)
    .where('claim_token', '=', token)
    .where('status_code', 'is', null)
    .execute();
}

/**
 * Forgets keys made more than `retentionHours` ago, oldest first, at most
 * `batchSize`: completed ones, and claims as old (their request is long dead;
 * a retry would have taken them over). Returns how many went.
 */
export async function purgeExpiredKeys(db: Db, retentionHours: number, batchSize = 1000): Promise<number> {
  const result = await sql`
    DELETE FROM idempotency_keys k
     USING (SELECT actor, key FROM idempotency_keys
             WHERE created_at < now() - ${retentionHours} * interval '1 hour'
               AND (status_code IS NOT NULL OR claimed_at < now() - ${retentionHours} * interval '1 hour')
             ORDER BY created_at LIMIT ${batchSize}) old
     WHERE k.actor = old.actor AND k.key = old.key`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
