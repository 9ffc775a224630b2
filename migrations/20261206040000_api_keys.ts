import { Kysely, sql } from 'kysely';

/**
 * API keys. Only the SHA-256 of each token is stored. The name (and any
 * owner detail in it) lives here and never in an event, so it can be
 * redacted (UPDATE ... SET name = 'redacted') while the key id that events
 * carry as their actor stays meaningful. Issuing and revoking are also events
 * in the ledger (stream `principal-<id>`); this table is what a request is
 * checked against.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE api_keys (
      id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
      token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
      name text NOT NULL,
      roles text[] NOT NULL CHECK (cardinality(roles) > 0),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      revoked_by text,
      last_used_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS api_keys`.execute(db);
}
