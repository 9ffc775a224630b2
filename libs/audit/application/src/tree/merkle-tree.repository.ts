import { sql, type Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import {
  EMPTY_ROOT,
  consistencyProofRanges,
  inclusionProofRanges,
  nodeKey,
  nodesFor,
  rangeHash,
  type Hash,
  type LeafRange,
  type NodeRef,
  type StoredNode,
} from '@factledger/audit-domain';

type Db = Kysely<AuditDb>;

export interface SealedLeaf {
  leafIndex: number;
  position: string;
  transactionId: string;
  leafHash: Hash;
}

/** Broken storage (a node the tree must have is missing): never a client error. */
export class TreeStorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TreeStorageError';
  }
}

interface LeafRow {
  leaf_index: string;
  position: string;
  transaction_id: string;
  leaf_hash: Buffer;
}

const toLeaf = (r: LeafRow): SealedLeaf => ({
  leafIndex: Number(r.leaf_index),
  position: r.position,
  transactionId: r.transaction_id,
  leafHash: r.leaf_hash,
});

const LEAF_COLUMNS = sql`l.leaf_index::text AS leaf_index, l.position::text AS position, l.transaction_id::text AS transaction_id, l.leaf_hash`;

/** The newest leaf: the tree's size and the sealer's resume point in one row. */
export async function lastSealedLeaf(db: Db): Promise<SealedLeaf | null> {
  const { rows } = await sql<LeafRow>`SELECT ${LEAF_COLUMNS} FROM audit_leaves l ORDER BY l.leaf_index DESC LIMIT 1`.execute(db);
  return rows[0] ? toLeaf(rows[0]) : null;
}

export async function sealedTreeSize(db: Db): Promise<number> {
  const last = await lastSealedLeaf(db);
  return last ? last.leafIndex + 1 : 0;
}

export async function leafAt(db: Db, leafIndex: number): Promise<SealedLeaf | null> {
  const { rows } = await sql<LeafRow>`SELECT ${LEAF_COLUMNS} FROM audit_leaves l WHERE l.leaf_index = ${leafIndex}`.execute(db);
  return rows[0] ? toLeaf(rows[0]) : null;
}

export async function leafOfPosition(db: Db, position: string): Promise<SealedLeaf | null> {
  const { rows } = await sql<LeafRow>`SELECT ${LEAF_COLUMNS} FROM audit_leaves l WHERE l.position = ${position}::bigint`.execute(db);
  return rows[0] ? toLeaf(rows[0]) : null;
}

/**
 * Appends leaves and the interior nodes they complete. Run it in the
 * transaction that owns the append: the primary keys make a second writer's
 * overlapping append fail instead of forking the tree.
 */
export async function appendToTree(db: Db, leaves: readonly SealedLeaf[], nodes: readonly StoredNode[]): Promise<void> {
  if (leaves.length > 0) {
    await sql`
      INSERT INTO audit_leaves (leaf_index, position, transaction_id, leaf_hash)
      SELECT * FROM unnest(${leaves.map((l) => l.leafIndex)}::bigint[], ${leaves.map((l) => l.position)}::bigint[],
                           ${leaves.map((l) => l.transactionId)}::text[]::xid8[], ${leaves.map((l) => l.leafHash)}::bytea[])`.execute(db);
  }
  if (nodes.length > 0) {
    await sql`
      INSERT INTO audit_nodes (level, index, hash)
      SELECT * FROM unnest(${nodes.map((n) => n.level)}::smallint[], ${nodes.map((n) => n.index)}::bigint[], ${nodes.map((n) => n.hash)}::bytea[])`.execute(
      db,
    );
  }
}

/** Hashes of complete subtrees (level 0: leaves), in one round trip. */
export async function loadNodes(db: Db, refs: readonly NodeRef[]): Promise<Map<string, Hash>> {
  const leafIndexes = refs.filter((r) => r.level === 0).map((r) => r.index);
  const interior = refs.filter((r) => r.level > 0);
  const found = new Map<string, Hash>();
  if (refs.length === 0) return found;
  const { rows } = await sql<{ level: number; index: string; hash: Buffer }>`
    SELECT 0 AS level, l.leaf_index::text AS index, l.leaf_hash AS hash FROM audit_leaves l WHERE l.leaf_index = ANY (${leafIndexes}::bigint[])
    UNION ALL
    SELECT n.level, n.index::text AS index, n.hash FROM audit_nodes n
      JOIN unnest(${interior.map((r) => r.level)}::smallint[], ${interior.map((r) => r.index)}::bigint[]) AS q(level, index)
        ON n.level = q.level AND n.index = q.index`.execute(db);
  for (const row of rows) found.set(nodeKey({ level: Number(row.level), index: Number(row.index) }), row.hash);
  return found;
}

/** MTHs of several ranges of the stored tree; O(log n) node reads per range, one query in all. */
export async function rangeHashes(db: Db, ranges: readonly LeafRange[]): Promise<Hash[]> {
  const nodes = await loadNodes(db, nodesFor(ranges));
  const nodeAt = (ref: NodeRef): Hash => {
    const hash = nodes.get(nodeKey(ref));
    if (!hash) throw new TreeStorageError(`the audit tree has no node at level ${ref.level}, index ${ref.index}`);
    return hash;
  };
  return ranges.map((range) => rangeHash(range, nodeAt));
}

// Callers check sizes against sealedTreeSize first; these trust them.

export async function rootAt(db: Db, size: number): Promise<Hash> {
  return size === 0 ? EMPTY_ROOT : (await rangeHashes(db, [{ start: 0, end: size }]))[0]!;
}

export const inclusionProofAt = (db: Db, leafIndex: number, size: number): Promise<Hash[]> => rangeHashes(db, inclusionProofRanges(leafIndex, size));

export const consistencyProofBetween = (db: Db, from: number, to: number): Promise<Hash[]> => rangeHashes(db, consistencyProofRanges(from, to));
