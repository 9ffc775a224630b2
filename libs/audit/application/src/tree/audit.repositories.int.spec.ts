import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { AuditDb } from '../audit.tables';
import pg from 'pg';
import { MerkleFrontier, MemoryMerkleTree, hashLeaf, signCheckpoint, toHex, type StoredNode } from '@factledger/audit-domain';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { checkpointOfSize, currentKey, insertCheckpoint, latestCheckpoint, publishKey } from '../checkpoints/checkpoints.repository';
import { findEventLeaf } from '../history/history.repository';
import { testSigningKey } from '../testing/ledger-fixture';
import {
  appendToTree,
  consistencyProofBetween,
  inclusionProofAt,
  lastSealedLeaf,
  leafOfPosition,
  loadNodes,
  rootAt,
  sealedTreeSize,
  type SealedLeaf,
} from './merkle-tree.repository';

const SIZE = 70;
const leafHashes = Array.from({ length: SIZE }, (_, i) => hashLeaf(`leaf ${i}`));

describe('audit repositories', () => {
  let t: TestDatabase;
  /** The audit tables' writer is the sealer, and only the sealer role may write them. */
  let db: Kysely<AuditDb>;
  const reference = new MemoryMerkleTree(leafHashes);

  beforeAll(async () => {
    t = await createTestDatabase();
    db = new Kysely<AuditDb>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.sealerUrl, max: 2 }) }) });
    // Append in uneven batches, as the sealer would.
    const frontier = MerkleFrontier.empty();
    for (let start = 0; start < SIZE; start += 9) {
      const leaves: SealedLeaf[] = [];
      const nodes: StoredNode[] = [];
      for (let i = start; i < Math.min(SIZE, start + 9); i++) {
        leaves.push({ leafIndex: i, position: String(1000 + i * 3), transactionId: String(500 + i), leafHash: leafHashes[i]! });
        nodes.push(...frontier.append(leafHashes[i]!));
      }
      await db.transaction().execute((trx) => appendToTree(trx, leaves, nodes));
    }
  });
  afterAll(async () => {
    await db.destroy();
    await t.drop();
  });

  describe('Merkle tree', () => {
    it('stores the leaves and resumes from the last one', async () => {
      expect(await sealedTreeSize(db)).toBe(SIZE);
      expect(await lastSealedLeaf(db)).toMatchObject({
        leafIndex: SIZE - 1,
        position: String(1000 + (SIZE - 1) * 3),
        transactionId: String(500 + SIZE - 1),
      });
      expect(await leafOfPosition(db, '1030')).toMatchObject({ leafIndex: 10 });
      expect(await leafOfPosition(db, '1031')).toBeNull();
    });

    it('computes every root and proof from stored nodes exactly as the reference tree', async () => {
      const wrong: string[] = [];
      for (let n = 0; n <= SIZE; n++) if (toHex(await rootAt(db, n)) !== toHex(reference.root(n))) wrong.push(`root ${n}`);
      for (const n of [1, 2, 7, 8, 33, 64, SIZE]) {
        for (let m = 0; m < n; m++) {
          if ((await inclusionProofAt(db, m, n)).map(toHex).join() !== reference.inclusionProof(m, n).map(toHex).join())
            wrong.push(`PATH(${m}, ${n})`);
        }
        for (let m = 0; m <= n; m++) {
          if ((await consistencyProofBetween(db, m, n)).map(toHex).join() !== reference.consistencyProof(m, n).map(toHex).join())
            wrong.push(`PROOF(${m}, ${n})`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('reads O(log n) nodes per root, in one query', async () => {
      const refs = MerkleFrontier.refsFor(SIZE);
      expect(refs.length).toBe(SIZE.toString(2).replace(/0/g, '').length);
      expect((await loadNodes(db, refs)).size).toBe(refs.length);
    });

    it('refuses to overwrite or fork the tree', async () => {
      const clash = { leafIndex: 3, position: '99999', transactionId: '1', leafHash: leafHashes[0]! };
      await expect(appendToTree(db, [clash], [])).rejects.toThrow(/audit_leaves_pkey/);
      await expect(appendToTree(db, [{ ...clash, leafIndex: SIZE, position: '1000' }], [])).rejects.toThrow(/audit_leaves_position_key/);
    });
  });

  describe('checkpoints and keys', () => {
    const key = testSigningKey();
    const other = testSigningKey();
    const sign = (treeSize: number, k = key) =>
      signCheckpoint(
        {
          treeSize,
          rootHash: toHex(reference.root(treeSize)),
          lastPosition: String(1000 + (treeSize - 1) * 3),
          lastTransactionId: String(500 + treeSize - 1),
          issuedAt: new Date().toISOString(),
          keyId: k.keyId,
        },
        k.privateKey,
      );

    it('stores signed checkpoints once per size and reads them back exactly', async () => {
      await publishKey(db, key.keyId, key.publicKeyRaw);
      await publishKey(db, key.keyId, key.publicKeyRaw); // idempotent
      const c10 = sign(10);
      const c20 = sign(20);
      expect(await insertCheckpoint(db, c10)).toBe(true);
      expect(await insertCheckpoint(db, c20)).toBe(true);
      expect(await insertCheckpoint(db, { ...sign(20), issuedAt: '2000-01-01T00:00:00.000Z' })).toBe(false); // the first one stands
      expect(await checkpointOfSize(db, 10)).toEqual(c10);
      expect(await latestCheckpoint(db)).toEqual(c20);
      expect(await checkpointOfSize(db, 11)).toBeNull();
    });

    it('refuses a checkpoint signed by an unpublished key', async () => {
      await expect(insertCheckpoint(db, sign(30, other))).rejects.toThrow(/foreign key/);
    });

    it('serves the key of the latest checkpoint as the current one', async () => {
      await publishKey(db, other.keyId, other.publicKeyRaw); // newer, but has signed nothing yet
      expect((await currentKey(db))?.keyId).toBe(key.keyId);
      await insertCheckpoint(db, sign(30, other));
      expect((await currentKey(db))?.keyId).toBe(other.keyId);
      expect((await currentKey(db))?.publicKey.equals(other.publicKeyRaw)).toBe(true);
    });
  });

  describe('event lookup', () => {
    it('finds a sealed leaf by index even when its event row is gone', async () => {
      // These synthetic leaves have no events: exactly what a deleted row looks like.
      expect(await findEventLeaf(db, { leafIndex: 4 })).toEqual({ eventId: null, position: '1012', leafIndex: 4 });
      expect(await findEventLeaf(db, { position: '1012' })).toEqual({ eventId: null, position: '1012', leafIndex: 4 });
      expect(await findEventLeaf(db, { eventId: randomUUID() })).toBeNull();
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_nodes`.execute(db);
      expect(rows[0]!.n).toBe(SIZE - SIZE.toString(2).replace(/0/g, '').length);
    });
  });
});
