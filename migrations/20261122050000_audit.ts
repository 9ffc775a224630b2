import { Kysely, sql } from 'kysely';

/**
 * Tamper evidence: an append-only RFC 6962 Merkle tree over the events in
 * gap-safe order, and Ed25519-signed checkpoints of its root.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Public halves of the checkpoint keys, published by the sealer; the API serves them.
  await sql`
    CREATE TABLE audit_signing_keys (
      key_id     text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{32}$'),
      algorithm  text NOT NULL CHECK (algorithm = 'Ed25519'),
      public_key bytea NOT NULL CHECK (octet_length(public_key) = 32),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // One row per sealed event. The last row is also the sealer's resume point,
  // so leaves and progress commit together.
  await sql`
    CREATE TABLE audit_leaves (
      leaf_index     bigint PRIMARY KEY CHECK (leaf_index >= 0),
      position       bigint NOT NULL UNIQUE,
      transaction_id xid8 NOT NULL,
      leaf_hash      bytea NOT NULL CHECK (octet_length(leaf_hash) = 32),
      sealed_at      timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Every complete subtree above the leaves: node (level, index) covers leaves
  // [index·2^level, (index+1)·2^level). They never change once complete, and
  // any root or proof is O(log n) of them, at any tree size.
  await sql`
    CREATE TABLE audit_nodes (
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 62),
      index bigint NOT NULL CHECK (index >= 0),
      hash  bytea NOT NULL CHECK (octet_length(hash) = 32),
      PRIMARY KEY (level, index)
    )`.execute(db);

  await sql`
    CREATE TABLE audit_checkpoints (
      tree_size           bigint PRIMARY KEY CHECK (tree_size >= 0),
      root_hash           bytea NOT NULL CHECK (octet_length(root_hash) = 32),
      last_position       bigint,
      last_transaction_id xid8,
      issued_at           timestamptz(3) NOT NULL,
      key_id              text NOT NULL REFERENCES audit_signing_keys (key_id),
      signature           bytea NOT NULL CHECK (octet_length(signature) = 64),
      CHECK ((tree_size = 0) = (last_position IS NULL) AND (tree_size = 0) = (last_transaction_id IS NULL))
    )`.execute(db);

  // The evidence is as append-only as the events it covers.
  await sql`
    CREATE FUNCTION factledger_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  for (const table of ['audit_signing_keys', 'audit_leaves', 'audit_nodes', 'audit_checkpoints']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_immutable_rows`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION factledger_audit_refuse_change()`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_immutable_table`)} BEFORE TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION factledger_audit_refuse_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_checkpoints', 'audit_nodes', 'audit_leaves', 'audit_signing_keys']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS factledger_audit_refuse_change()`.execute(db);
}
