import { Kysely, sql } from 'kysely';

/**
 * The checkpoint key's history (issue 19): key statements, each a signed
 * checkpoint (v2) of a tree head that also says something about a key.
 *   rotation:   signed by the outgoing key (key_id), names the next key (subject_key_id);
 *   revocation: the head re-signed by a new key (key_id) because subject_key_id is compromised.
 * The private keys are never here. Append-only like the rest of the evidence:
 * the sealer role inserts (the rotate command runs as it), the application reads.
 *
 * Also: the application and sealer roles may read schema_migrations, so a
 * process can refuse to start on a schema newer than its code.
 */
const APP = 'factledger_app';
const SEALER = 'factledger_sealer';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE audit_key_statements (
      ordinal             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind                text NOT NULL CHECK (kind IN ('rotation', 'revocation')),
      tree_size           bigint NOT NULL CHECK (tree_size >= 0),
      root_hash           bytea NOT NULL CHECK (octet_length(root_hash) = 32),
      last_position       bigint,
      last_transaction_id xid8,
      issued_at           timestamptz(3) NOT NULL,
      key_id              text NOT NULL REFERENCES audit_signing_keys (key_id),
      subject_key_id      text NOT NULL REFERENCES audit_signing_keys (key_id) CHECK (subject_key_id <> key_id),
      reason              text CHECK ((kind = 'revocation') = (reason IS NOT NULL)),
      signature           bytea NOT NULL CHECK (octet_length(signature) = 64),
      CHECK ((tree_size = 0) = (last_position IS NULL) AND (tree_size = 0) = (last_transaction_id IS NULL))
    )`.execute(db);
  // A key hands over once and is introduced once: the chain from any key is a line, never a fork.
  await sql`CREATE UNIQUE INDEX audit_key_statements_one_successor ON audit_key_statements (key_id) WHERE kind = 'rotation'`.execute(db);
  await sql`CREATE UNIQUE INDEX audit_key_statements_one_predecessor ON audit_key_statements (subject_key_id) WHERE kind = 'rotation'`.execute(db);
  await sql`CREATE UNIQUE INDEX audit_key_statements_one_revocation ON audit_key_statements (subject_key_id) WHERE kind = 'revocation'`.execute(db);

  await sql`CREATE TRIGGER audit_key_statements_immutable_rows BEFORE UPDATE OR DELETE ON audit_key_statements
    FOR EACH ROW EXECUTE FUNCTION factledger_audit_refuse_change()`.execute(db);
  await sql`CREATE TRIGGER audit_key_statements_immutable_table BEFORE TRUNCATE ON audit_key_statements
    FOR EACH STATEMENT EXECUTE FUNCTION factledger_audit_refuse_change()`.execute(db);
  for (const trigger of ['audit_key_statements_immutable_rows', 'audit_key_statements_immutable_table']) {
    await sql`ALTER TABLE audit_key_statements ENABLE ALWAYS TRIGGER ${sql.id(trigger)}`.execute(db);
  }

  // Evidence, not an application table: undo the default privileges (least_privilege) and grant as for audit_checkpoints.
  await sql`REVOKE ALL ON TABLE audit_key_statements FROM PUBLIC, ${sql.id(APP)}, ${sql.id(SEALER)}`.execute(db);
  await sql`GRANT SELECT ON TABLE audit_key_statements TO ${sql.id(APP)}`.execute(db);
  await sql`GRANT SELECT, INSERT ON TABLE audit_key_statements TO ${sql.id(SEALER)}`.execute(db);
  await sql`GRANT SELECT ON TABLE schema_migrations TO ${sql.id(APP)}, ${sql.id(SEALER)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`REVOKE SELECT ON TABLE schema_migrations FROM ${sql.id(APP)}, ${sql.id(SEALER)}`.execute(db);
  await sql`DROP TABLE IF EXISTS audit_key_statements`.execute(db);
}
