import type { ColumnType } from 'kysely';
import type { EventStoreTables } from '@factledger/event-store';

/** Rows are written once by the sealer and never updated (triggers refuse it). */
type Immutable<T> = ColumnType<T, T, never>;

export interface AuditSigningKeysTable {
  key_id: Immutable<string>;
  algorithm: Immutable<'Ed25519'>;
  public_key: Immutable<Buffer>;
  created_at: ColumnType<Date, never, never>;
}

export interface AuditLeavesTable {
  leaf_index: Immutable<string>;
  position: Immutable<string>;
  transaction_id: Immutable<string>;
  leaf_hash: Immutable<Buffer>;
  sealed_at: ColumnType<Date, never, never>;
}

export interface AuditNodesTable {
  level: Immutable<number>;
  index: Immutable<string>;
  hash: Immutable<Buffer>;
}

export interface AuditCheckpointsTable {
  tree_size: Immutable<string>;
  root_hash: Immutable<Buffer>;
  last_position: Immutable<string | null>;
  last_transaction_id: Immutable<string | null>;
  issued_at: Immutable<Date>;
  key_id: Immutable<string>;
  signature: Immutable<Buffer>;
}

/** Signed statements about keys (rotation, revocation): the key chain a verifier follows. */
export interface AuditKeyStatementsTable {
  ordinal: ColumnType<string, never, never>;
  kind: Immutable<'rotation' | 'revocation'>;
  tree_size: Immutable<string>;
  root_hash: Immutable<Buffer>;
  last_position: Immutable<string | null>;
  last_transaction_id: Immutable<string | null>;
  issued_at: Immutable<Date>;
  key_id: Immutable<string>;
  subject_key_id: Immutable<string>;
  reason: Immutable<string | null>;
  signature: Immutable<Buffer>;
}

export interface AuditTables {
  audit_signing_keys: AuditSigningKeysTable;
  audit_leaves: AuditLeavesTable;
  audit_nodes: AuditNodesTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_key_statements: AuditKeyStatementsTable;
}

/** What audit code queries: its own tables and the log it seals (read through raw SQL of the store's shape). */
export type AuditDb = AuditTables & EventStoreTables;
