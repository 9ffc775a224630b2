import { sql, type Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { CHECKPOINT_ALGORITHM, type SignedCheckpoint } from '@factledger/audit-domain';
import { toCheckpoint, type CheckpointRow } from './checkpoint-row';
import type { PublishedKey } from './checkpoints.repository';

type Db = Kysely<AuditDb>;

/** A rotation (names `nextKey`, signed by the outgoing key) or a revocation (names `revokedKey`, signed by its replacement). */
export type KeyStatement = SignedCheckpoint &
  ({ nextKey: NonNullable<SignedCheckpoint['nextKey']> } | { revokedKey: NonNullable<SignedCheckpoint['revokedKey']> });

interface StatementRow extends CheckpointRow {
  kind: 'rotation' | 'revocation';
  subject_key_id: string;
  subject_public_key: Buffer;
  reason: string | null;
}

const toStatement = (r: StatementRow): KeyStatement => {
  // The subject stands before algorithm and signature, where the API has always served it.
  const { algorithm, signature, ...head } = toCheckpoint(r);
  const subject =
    r.kind === 'rotation'
      ? { nextKey: { keyId: r.subject_key_id, publicKey: r.subject_public_key.toString('base64') } }
      : { revokedKey: { keyId: r.subject_key_id, reason: r.reason! } };
  return { ...head, ...subject, algorithm, signature };
};

/** Stores a rotation or revocation; the unique indexes refuse a second successor or a second revocation of one key. */
export async function insertKeyStatement(db: Db, s: SignedCheckpoint): Promise<void> {
  const kind = s.nextKey ? 'rotation' : s.revokedKey ? 'revocation' : null;
  if (!kind) throw new TypeError('a key statement names a nextKey or a revokedKey');
  await sql`
    INSERT INTO audit_key_statements (kind, tree_size, root_hash, last_position, last_transaction_id, issued_at, key_id, subject_key_id, reason, signature)
    VALUES (${kind}, ${s.treeSize}, ${Buffer.from(s.rootHash, 'hex')}, ${s.lastPosition}::bigint, ${s.lastTransactionId}::text::xid8,
            ${s.issuedAt}::timestamptz, ${s.keyId}, ${s.nextKey?.keyId ?? s.revokedKey!.keyId}, ${s.revokedKey?.reason ?? null}, ${Buffer.from(s.signature, 'base64')})`.execute(
    db,
  );
}

/** Every rotation and revocation, oldest first. */
export async function keyStatements(db: Db): Promise<KeyStatement[]> {
  const { rows } = await sql<StatementRow>`
    SELECT s.kind, s.tree_size::text AS tree_size, s.root_hash, s.last_position::text AS last_position,
           s.last_transaction_id::text AS last_transaction_id, s.issued_at, s.key_id, s.subject_key_id,
           k.public_key AS subject_public_key, s.reason, s.signature
      FROM audit_key_statements s JOIN audit_signing_keys k ON k.key_id = s.subject_key_id
     ORDER BY s.ordinal`.execute(db);
  return rows.map(toStatement);
}

/** Every published key, oldest first. */
export async function publishedKeys(db: Db): Promise<PublishedKey[]> {
  const { rows } = await sql<{ key_id: string; public_key: Buffer; created_at: Date }>`
    SELECT k.key_id, k.public_key, k.created_at FROM audit_signing_keys k ORDER BY k.created_at, k.key_id`.execute(db);
  return rows.map((r) => ({ keyId: r.key_id, algorithm: CHECKPOINT_ALGORITHM, publicKey: r.public_key, createdAt: r.created_at }));
}

/** The newest revocation (the head re-signed by a new key), or null. */
export async function latestRevocation(db: Db): Promise<KeyStatement | null> {
  const all = await keyStatements(db);
  return all.filter((s) => 'revokedKey' in s).at(-1) ?? null;
}

/** Whether `keyId` has handed over to a successor or been revoked: a sealer must not sign with it. */
export async function keyRetirement(db: Db, keyId: string): Promise<{ rotatedTo: string | null; revoked: string | null }> {
  const { rows } = await sql<{ kind: string; key_id: string; subject_key_id: string; reason: string | null }>`
    SELECT s.kind, s.key_id, s.subject_key_id, s.reason FROM audit_key_statements s
     WHERE (s.kind = 'rotation' AND s.key_id = ${keyId}) OR (s.kind = 'revocation' AND s.subject_key_id = ${keyId})`.execute(db);
  return {
    rotatedTo: rows.find((r) => r.kind === 'rotation')?.subject_key_id ?? null,
    revoked: rows.find((r) => r.kind === 'revocation')?.reason ?? null,
  };
}
