import { CHECKPOINT_ALGORITHM, toHex, type SignedCheckpoint } from '@factledger/audit-domain';

/** A checkpoint's columns as the repositories read them (bigint and xid8 as text). */
export interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  last_position: string | null;
  last_transaction_id: string | null;
  issued_at: Date;
  key_id: string;
  signature: Buffer;
}

export const toCheckpoint = (r: CheckpointRow): SignedCheckpoint => ({
  treeSize: Number(r.tree_size),
  rootHash: toHex(r.root_hash),
  lastPosition: r.last_position,
  lastTransactionId: r.last_transaction_id,
  issuedAt: r.issued_at.toISOString(),
  keyId: r.key_id,
  algorithm: CHECKPOINT_ALGORITHM,
  signature: r.signature.toString('base64'),
});
