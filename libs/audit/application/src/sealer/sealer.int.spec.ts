import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendToStream, readAllAfter, START, type EventStoreTables, type RecordedEvent } from '@factledger/event-store';
import { MemoryMerkleTree, eventLeafHash, toHex, verifyCheckpointSignature } from '@factledger/audit-domain';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { latestCheckpoint } from '../checkpoints/checkpoints.repository';
import { rootAt, sealedTreeSize } from '../tree/merkle-tree.repository';
import { settleLog } from '../testing/settle';
import { Sealer, type SealerOptions } from './sealer';
import { signingKeyFromPem } from './signing-key';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const key = signingKeyFromPem(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));

async function allEvents(t: TestDatabase<EventStoreTables>): Promise<RecordedEvent[]> {
  return (await readAllAfter(t.db, START, { limit: 1_000_000 })).events;
}

/** The stored tree must be exactly the tree of the log in gap-safe order: every leaf, every node, every root. */
async function expectTreeMatchesLog(t: TestDatabase<EventStoreTables>): Promise<MemoryMerkleTree> {
  const events = await allEvents(t);
  const expected = new MemoryMerkleTree(events.map(eventLeafHash));
  const { rows: leaves } = await sql<{ leaf_index: string; position: string; leaf_hash: Buffer }>`
    SELECT leaf_index::text, position::text, leaf_hash FROM audit_leaves ORDER BY audit_leaves.leaf_index`.execute(t.db);
  expect(leaves.map((l) => Number(l.leaf_index))).toEqual(events.map((_, i) => i));
  expect(leaves.map((l) => l.position)).toEqual(events.map((e) => e.position));
  expect(leaves.every((l, i) => l.leaf_hash.equals(expected.leaf(i)))).toBe(true);
  const { rows: nodes } = await sql<{ level: number; index: string; hash: Buffer }>`SELECT level, index::text, hash FROM audit_nodes`.execute(t.db);
  const n = events.length;
  expect(nodes).toHaveLength(n - n.toString(2).replace(/0/g, '').length); // n - popcount(n) complete interior nodes
  expect(nodes.every((node) => node.hash.equals(expected.node({ level: node.level, index: Number(node.index) })))).toBe(true);
  for (const size of [0, 1, Math.floor(n / 3), n - 1, n].filter((s) => s >= 0 && s <= n)) {
    expect(toHex(await rootAt(t.db, size))).toBe(toHex(expected.root(size)));
  }
  return expected;
}

describe('Sealer', () => {
  let t: TestDatabase<EventStoreTables>;
  const sealers: Sealer[] = [];
  const sealer = (options: Partial<SealerOptions> = {}) => {
    const s = new Sealer({ connectionString: t.sealerUrl, key, pollIntervalMs: 20, standbyRetryMs: 30, checkpointIntervalMs: 60_000, ...options });
    sealers.push(s);
    return s;
  };
  const append = (streamId: string, count = 1) =>
    appendToStream(
      t.db,
      streamId,
      Array.from({ length: count }, (_, i) => ({ id: randomUUID(), type: 'audit.test.v1', data: { i }, metadata: { actor: 'spec' } })),
    );

  beforeEach(async () => {
    t = await createTestDatabase<EventStoreTables>({ poolSize: 12 });
  });
  afterEach(async () => {
    await Promise.all(sealers.splice(0).map((s) => s.stop()));
    await t.drop();
  });

  it("says which setting to fix when it connects as a role that may not write the audit tables (the API's)", async () => {
    await append('wrong-role', 2);
    await expect(sealer({ connectionString: t.url }).sealPending()).rejects.toThrow(
      'the sealer connects as "factledger_app", which may not write the audit tables: set SEALER_DATABASE_URL to the sealer role (factledger_sealer)',
    );
    expect(await sealedTreeSize(t.db)).toBe(0);
  });

  it('seals events of concurrent writers exactly once, in gap-safe order, while they write', async () => {
    const running = sealer({ batchSize: 13 });
    running.start();
    let rolledBack = 0;
    const writer = async (w: number) => {
      for (let i = 0; i < 40; i++) {
        try {
          await t.db.transaction().execute(async (trx) => {
            await appendToStream(trx, `w${w}-${i % 5}`, [{ id: randomUUID(), type: 'audit.test.v1', data: { w, i } }]);
            if (Math.random() < 0.3) await sleep(Math.random() * 8); // commit out of position order
            if (Math.random() < 0.1) throw new Error('rollback');
          });
        } catch {
          rolledBack++;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
    await settleLog(t.db);
    await running.sealPending();
    const tree = await expectTreeMatchesLog(t);
    expect(tree.size).toBe(8 * 40 - rolledBack);
    expect(running.isLeader).toBe(true);
  });

  it('resumes after its connection dies mid-run, sealing nothing twice', async () => {
    const first = sealer({ batchSize: 5 });
    for (let i = 0; i < 30; i++) await append(`s-${i % 3}`, 2);
    const sealing = first.sealPending().catch((e: Error) => e);
    await sleep(5);
    // The sealer's own role: only it (or an administrator) may end its session.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'factledger-sealer' AND datname = current_database()`.execute(
      t.adminDb,
    );
    await sealing;
    for (let i = 0; i < 10; i++) await append(`s-${i % 3}`);
    await settleLog(t.db);
    // The same instance reconnects once the killed backend has released the lock.
    for (let i = 0; i < 100; i++) {
      const sealed = await first.sealPending();
      if (first.isLeader && sealed === 0) break;
      await sleep(10);
    }
    await expectTreeMatchesLog(t);
    await first.stop();
    await append('s-late', 3);
    await settleLog(t.db);
    await sealer().sealPending();
    expect((await expectTreeMatchesLog(t)).size).toBe(73);
  });

  it('lets one instance seal at a time; a standby takes over when the leader stops', async () => {
    const [a, b] = [sealer(), sealer()];
    a.start();
    await sleep(50);
    b.start();
    for (let i = 0; i < 20; i++) await append(`ha-${i % 4}`, 2);
    await sleep(150);
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    await a.stop();
    await append('ha-after', 3);
    await settleLog(t.db);
    for (let i = 0; i < 100 && (await sealedTreeSize(t.db)) < 43; i++) await sleep(20);
    expect(b.isLeader).toBe(true);
    expect((await expectTreeMatchesLog(t)).size).toBe(43);
  });

  it('wakes on append notifications instead of waiting for its poll', async () => {
    const { EventEmitter } = await import('node:events');
    const wakeups = new EventEmitter();
    const s = sealer({ pollIntervalMs: 60_000, wakeups });
    s.start();
    for (let i = 0; i < 50 && !s.isLeader; i++) await sleep(10);
    await append('wake', 2);
    await settleLog(t.db);
    wakeups.emit('append', '2');
    for (let i = 0; i < 100 && (await sealedTreeSize(t.db)) < 2; i++) await sleep(10);
    expect(await sealedTreeSize(t.db)).toBe(2);
  });

  it('signs checkpoints of the sealed tree: on demand, and periodically when the tree grew', async () => {
    const s = sealer();
    await append('cp', 5);
    await settleLog(t.db);
    const first = await s.checkpointNow();
    const events = await allEvents(t);
    expect(first).toMatchObject({
      treeSize: 5,
      rootHash: toHex(new MemoryMerkleTree(events.map(eventLeafHash)).root()),
      lastPosition: events[4]!.position,
      lastTransactionId: events[4]!.transactionId,
      keyId: key.keyId,
    });
    expect(verifyCheckpointSignature(first!, key.publicKey)).toBe(true);
    expect(await latestCheckpoint(t.db)).toEqual(first);
    expect(await s.checkpointNow()).toBeNull(); // nothing new to sign

    await s.stop();
    const periodic = sealer({ checkpointIntervalMs: 0 });
    periodic.start();
    await append('cp', 2);
    await settleLog(t.db);
    for (let i = 0; i < 100 && (await latestCheckpoint(t.db))?.treeSize !== 7; i++) await sleep(20);
    expect(await latestCheckpoint(t.db)).toMatchObject({ treeSize: 7 });
  });

  it('seals every visible event on demand when never started, batch after batch', async () => {
    const s = sealer({ batchSize: 2 });
    await append('on-demand', 7);
    await settleLog(t.db);
    expect(await s.checkpointNow()).toMatchObject({ treeSize: 7 });
  });

  it('answers checkpoint requests sent over NOTIFY', async () => {
    const s = sealer({ pollIntervalMs: 60_000 });
    s.start();
    for (let i = 0; i < 50 && !s.isLeader; i++) await sleep(10);
    await append('req', 1);
    await settleLog(t.db);
    await sql`SELECT pg_notify('factledger_audit_checkpoint', '')`.execute(t.db);
    for (let i = 0; i < 100 && !(await latestCheckpoint(t.db)); i++) await sleep(10);
    expect(await latestCheckpoint(t.db)).toMatchObject({ treeSize: 1 });
  });

  it('refuses to resume on a stored tree that no longer matches its signed checkpoint', async () => {
    await append('x', 4);
    await settleLog(t.db);
    const first = sealer();
    await first.checkpointNow();
    await first.stop();
    // What only the owner or a superuser can do (the application role cannot: test/database-roles.int.spec.ts).
    await sql`ALTER TABLE audit_checkpoints DISABLE TRIGGER USER`.execute(t.adminDb);
    await sql`UPDATE audit_checkpoints SET root_hash = sha256('forged')`.execute(t.adminDb);
    // as the migrations left them: firing in replication sessions too
    for (const trigger of ['audit_checkpoints_immutable_rows', 'audit_checkpoints_immutable_table']) {
      await sql`ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER ${sql.id(trigger)}`.execute(t.adminDb);
    }
    await expect(sealer().sealPending()).rejects.toThrow(/checkpoint 4 signed/);
  });

  it('keeps the evidence append-only, even for a superuser (the roles may not even try)', async () => {
    await append('imm', 2);
    await settleLog(t.db);
    await sealer().checkpointNow();
    for (const statement of [sql`UPDATE audit_leaves SET leaf_hash = leaf_hash`, sql`DELETE FROM audit_nodes`, sql`DELETE FROM audit_checkpoints`]) {
      await expect(statement.execute(t.db)).rejects.toThrow(/permission denied/);
      await expect(statement.execute(t.adminDb)).rejects.toThrow(/append-only/);
    }
  });

  it('keeps the evidence append-only in a session with session_replication_role = replica', async () => {
    await append('imm-replica', 2);
    await settleLog(t.db);
    await sealer().checkpointNow();
    for (const statement of [
      sql`UPDATE audit_leaves SET leaf_hash = leaf_hash`,
      sql`DELETE FROM audit_nodes`,
      sql`DELETE FROM audit_checkpoints`,
      sql`UPDATE audit_signing_keys SET created_at = now()`,
      sql`TRUNCATE audit_leaves, audit_nodes, audit_checkpoints, audit_key_statements, audit_signing_keys`,
    ]) {
      const attempt = t.adminDb.transaction().execute(async (tx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(tx);
        await statement.execute(tx);
        throw new Error('went through'); // rolls back whatever it did
      });
      await expect(attempt).rejects.toThrow(/append-only/);
    }
  });
});
