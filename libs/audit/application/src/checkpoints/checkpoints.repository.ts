import { sql, type Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { CHECKPOINT_ALGORITHM, type SignedCheckpoint } from '@factledger/audit-domain';
import { toCheckpoint, type CheckpointRow } from './checkpoint-row';

type Db = Kysely<AuditDb>;

const COLUMNS = sql`c.tree_size::text AS tree_size, c.root_hash, c.last_position::text AS last_position,
  c.last_transaction_id::text AS last_transaction_id, c.issued_at, c.key_id, c.signature`;

/** Stores a signed checkpoint; false when one of that size exists already (the first one stands). */
export async function insertCheckpoint(db: Db, c: SignedCheckpoint): Promise<boolean> {
  const result = await sql`
    INSERT INTO audit_checkpoints (tree_size, root_hash, last_position, last_transaction_id, issued_at, key_id, signature)
    VALUES (${c.treeSize}, ${Buffer.from(c.rootHash, 'hex')}, ${c.lastPosition}::bigint, ${c.lastTransactionId}::text::xid8,
            ${c.issuedAt}::timestamptz, ${c.keyId}, ${Buffer.from(c.signature, 'base64')})
    ON CONFLICT (tree_size) DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

export async function latestCheckpoint(db: Db): Promise<SignedCheckpoint | null> {
  const { rows } = await sql<CheckpointRow>`SELECT ${COLUMNS} FROM audit_checkpoints c ORDER BY c.tree_size DESC LIMIT 1`.execute(db);
  return rows[0] ? toCheckpoint(rows[0]) : null;
}

export async function checkpointOfSize(db: Db, treeSize: number): Promise<SignedCheckpoint | null> {
  const { rows } = await sql<CheckpointRow>`SELECT ${COLUMNS} FROM audit_checkpoints c WHERE c.tree_size = ${treeSize}`.execute(db);
  return rows[0] ? toCheckpoint(rows[0]) : null;
}

export interface PublishedKey {
  keyId: string;
  algorithm: typeof CHECKPOINT_ALGORITHM;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Buffer;
  createdAt: Date;
}

/** Publishes a checkpoint key's public half (idempotent). */
export async function publishKey(db: Db, keyId: string, publicKey: Buffer): Promise<void> {
  await db
    .insertInto('audit_signing_keys')
    .values({ key_id: keyId, algorithm: CHECKPOINT_ALGORITHM, public_key: publicKey })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
}

/**
 * The key that signs checkpoints now: never a revoked one; else the key that
 * signed the latest checkpoint (a rotated-away key stays current until its
 * successor signs), else the newest published key.
 */
export async function currentKey(db: Db): Promise<PublishedKey | null> {
  const { rows } = await sql<{ key_id: string; public_key: Buffer; created_at: Date }>`
    SELECT k.key_id, k.public_key, k.created_at FROM audit_signing_keys k
     ORDER BY EXISTS (SELECT 1 FROM audit_key_statements s WHERE s.kind = 'revocation' AND s.subject_key_id = k.key_id) ASC,
              k.key_id = (SELECT c.key_id FROM audit_checkpoints c ORDER BY c.tree_size DESC LIMIT 1) DESC NULLS LAST,
              k.created_at DESC
     LIMIT 1`.execute(db);
  const row = rows[0];
  return row ? { keyId: row.key_id, algorithm: CHECKPOINT_ALGORITHM, publicKey: row.public_key, createdAt: row.created_at } : null;
}
