import { existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import { CheckpointArchive, checkArchiveOnStart, Sealer } from '@factledger/audit';
import type { SignedCheckpoint } from '@factledger/audit-domain';
import type { AuditDb } from '../libs/audit/application/src/audit.tables';
import { bootstrapDatabase, LOCAL_ROLE_PASSWORDS, migrateToLatest } from '@factledger/migrations';
import { createDatabase, type DatabaseHandle } from '@factledger/platform';
import { postgresOwnedDir, runAsPostgres, startPrivateCluster, type PrivateCluster } from '@factledger/testing';
import { ledgerUrls, verifyPinned } from './support/backup-drill';
import { seedEvents, testSigningKey } from '../libs/audit/application/src/testing/ledger-fixture';

jest.setTimeout(240_000);

/**
 * Point-in-time recovery (README, Operations → Backups and restore, "base
 * backup + WAL archiving"), on private clusters: a server archiving its WAL, a
 * base backup, writes and checkpoints after it, an auditor pinning the state,
 * the server lost; recovery into new data directories from the base backup and
 * the archive — to an LSN before the last published checkpoint (the restore
 * rule refuses it, as the worker's start does) and to the end of the archive
 * (accepted; `verify` with the pinned state passes; the ledger goes on).
 */
describe('point-in-time recovery: base backup + WAL archive, held to the restore rule', () => {
  const key = testSigningKey();
  const clusters: PrivateCluster[] = [];
  let work: string;
  let walArchive: string;
  let base: string;
  let checkpointArchive: CheckpointArchive;

  const urlsOf = ledgerUrls;
  const sql = async <R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<R>(text)).rows;
    } finally {
      await client.end();
    }
  };
  const sealerOn = (cluster: PrivateCluster) =>
    new Sealer({ connectionString: urlsOf(cluster).sealer, key, archive: checkpointArchive, pollIntervalMs: 50, checkpointIntervalMs: 3_600_000 });
  const checkpoint = async (sealer: Sealer): Promise<SignedCheckpoint> => (await sealer.checkpointNow())!;
  const verify = (cluster: PrivateCluster) => verifyPinned(urlsOf(cluster).app, work);
  /** README step 3b: the base backup copied into a new data directory, recovery.signal, restore_command (and a target). */
  const recover = async (target: Record<string, string>): Promise<PrivateCluster> => {
    const cluster = await startPrivateCluster({
      // archive_mode stays off while trying targets: a recovery's new timeline must not enter the archive the next attempt reads.
      settings: { restore_command: `cp ${walArchive}/%f %p`, ...target },
      dataFrom: async (data) => {
        await runAsPostgres('cp', ['-a', base, data]);
        await runAsPostgres('touch', [path.join(data, 'recovery.signal')]);
      },
    });
    clusters.push(cluster);
    // pg_ctl returns once hot standby accepts connections; writable once recovery has ended and it promoted.
    for (let i = 0; (await sql<{ r: boolean }>(cluster.adminUrl(), 'SELECT pg_is_in_recovery() AS r'))[0]!.r; i++) {
      if (i > 600) throw new Error('recovery did not end');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return cluster;
  };
  /** What the worker does before its sealer leads (README step 4). */
  const startCheck = async (cluster: PrivateCluster): Promise<void> => {
    const db: DatabaseHandle<AuditDb> = createDatabase(urlsOf(cluster).sealer, { max: 1 });
    try {
      await checkArchiveOnStart(db.db, checkpointArchive, { log: () => undefined });
    } finally {
      await db.close();
    }
  };
  const logSize = async (cluster: PrivateCluster): Promise<number> =>
    Number((await sql<{ n: string }>(urlsOf(cluster).admin, 'SELECT count(*) AS n FROM events'))[0]!.n);

  beforeAll(async () => {
    work = await postgresOwnedDir('factledger-pitr-');
    walArchive = path.join(work, 'wal-archive');
    base = path.join(work, 'base');
    await runAsPostgres('mkdir', [walArchive]);
    mkdirSync(path.join(work, 'checkpoint-archive'));
    checkpointArchive = new CheckpointArchive(path.join(work, 'checkpoint-archive'));
  });
  afterAll(async () => {
    for (const cluster of clusters) await cluster.destroy();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('refuses a recovery target before the last published checkpoint, accepts the end of the archive, and verify with the pinned state passes', async () => {
    // The server, archiving every WAL segment (README: postgresql.conf).
    const primary = await startPrivateCluster({
      settings: {
        wal_level: 'replica',
        full_page_writes: 'on',
        archive_mode: 'on',
        archive_command: `test ! -f ${walArchive}/%f && cp %p ${walArchive}/%f`,
      },
    });
    clusters.push(primary);
    await bootstrapDatabase(primary.adminUrl(), 'factledger', LOCAL_ROLE_PASSWORDS);
    const owner = createDatabase(urlsOf(primary).owner, { max: 1 });
    await migrateToLatest(owner.db).finally(() => owner.close());
    const ledger = createDatabase(urlsOf(primary).app, { max: 2 });
    let sealer = sealerOn(primary);
    await seedEvents(ledger.db, 10);
    expect((await checkpoint(sealer)).treeSize).toBe(10);

    // The base backup, taken while the ledger runs.
    await runAsPostgres(path.join(primary.bin, 'pg_basebackup'), ['-d', primary.adminUrl(), '-D', base, '-X', 'stream', '-c', 'fast']);

    // Writes and checkpoints after it; an LSN between two published checkpoints; an auditor pins the last.
    await seedEvents(ledger.db, 7, 10);
    expect((await checkpoint(sealer)).treeSize).toBe(17);
    const [{ lsn: between }] = (await sql<{ lsn: string }>(primary.adminUrl('factledger'), 'SELECT pg_current_wal_insert_lsn()::text AS lsn')) as [
      { lsn: string },
    ];
    await seedEvents(ledger.db, 5, 17);
    const last = await checkpoint(sealer);
    expect(last.treeSize).toBe(22);
    const pinned = await verify(primary);
    expect(pinned.out).toContain('PASS: the first 22 events');
    expect(pinned.code).toBe(0);

    // The last segment archived (archive_timeout does this in production), then the server is lost, data directory and all.
    const [{ segment }] = (await sql<{ segment: string }>(primary.adminUrl(), 'SELECT pg_walfile_name(pg_current_wal_lsn()) AS segment')) as [
      { segment: string },
    ];
    await sql(primary.adminUrl(), 'SELECT pg_switch_wal()');
    for (let i = 0; !existsSync(path.join(walArchive, segment)); i++) {
      if (i > 300) throw new Error(`segment ${segment} was not archived`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await sealer.stop();
    await ledger.close();
    await primary.destroy();

    // Recovered to the LSN between checkpoints 17 and 22: a consistent database, but five published events short.
    const early = await recover({ recovery_target_lsn: between, recovery_target_action: 'promote' });
    expect(await logSize(early)).toBe(17);
    await expect(startCheck(early)).rejects.toThrow(
      /refusing to start: the restored ledger ends before the last checkpoint it published: the checkpoint archive .* holds checkpoint 22 .* this database has 17 events in its log \(17 sealed\) — 5 missing/,
    );
    await early.destroy();

    // Recovered to the end of the archive (no target): the published tree is there; the pinned state verifies.
    const newest = await recover({});
    expect(await logSize(newest)).toBe(22);
    await expect(startCheck(newest)).resolves.toBeUndefined();
    const after = await verify(newest);
    expect(after.out).toContain('PASS: the first 22 events');
    expect(after.code).toBe(0);

    // And the recovered ledger goes on from there.
    const again = createDatabase(urlsOf(newest).app, { max: 2 });
    sealer = sealerOn(newest);
    try {
      await seedEvents(again.db, 3, 22);
      expect((await checkpoint(sealer)).treeSize).toBe(25);
      expect((await verify(newest)).out).toContain('PASS: the first 25 events');
    } finally {
      await sealer.stop();
      await again.close();
    }
  });
});
