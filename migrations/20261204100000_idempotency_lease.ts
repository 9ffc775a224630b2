import { Kysely, sql } from 'kysely';

/**
 * Idempotency keys as leases. A claim records when it was made and a token;
 * a retry that finds a claim older than the lease (its request crashed before
 * storing a response) takes it over by compare-and-set on the token, so only
 * one retry re-runs the command, and only the claim's holder completes or
 * releases it. Old keys are purged by `created_at` (its index).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE idempotency_keys ADD COLUMN claimed_at timestamptz`.execute(db);
  await sql`UPDATE idempotency_keys SET claimed_at = created_at`.execute(db);
  await sql`ALTER TABLE idempotency_keys ALTER COLUMN claimed_at SET NOT NULL, ALTER COLUMN claimed_at SET DEFAULT now()`.execute(db);
  await sql`ALTER TABLE idempotency_keys ADD COLUMN claim_token uuid NOT NULL DEFAULT gen_random_uuid()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE idempotency_keys DROP COLUMN claim_token, DROP COLUMN claimed_at`.execute(db);
}
