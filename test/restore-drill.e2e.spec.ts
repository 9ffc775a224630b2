import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { CheckpointArchive, checkArchiveOnStart, restoreRuleProblem, Sealer } from '@factledger/audit';
import type { SignedCheckpoint } from '@factledger/audit-domain';
import type { AuditDb } from '../libs/audit/application/src/audit.tables';
import { bootstrapDatabase, inDatabase, LOCAL_ROLE_PASSWORDS, migrateToLatest } from '@factledger/migrations';
import { createDatabase, loadConfig, type AppConfig, type DatabaseHandle } from '@factledger/platform';
import { startPrivateCluster, type PrivateCluster } from '@factledger/testing';
import { runCli } from '../apps/cli/src/program';
import { ledgerUrls, verifyPinned } from './support/backup-drill';
import { seedEvents, testSigningKey } from '../libs/audit/application/src/testing/ledger-fixture';

jest.setTimeout(180_000);

/**
 * The restore drill (README, Operations → Restore), on a private PostgreSQL
 * cluster because it drops the ledger's database: a ledger with checkpoints
 * archived outside the database, a backup, more writes and checkpoints, a
 * second backup, an auditor pinning the state, disaster (the database
 * dropped), the older backup refused, the newest restored, and `verify` with
 * the state pinned before the disaster passing.
 */
describe('restore drill: backups never fork the published log', () => {
  const key = testSigningKey();
  let cluster: PrivateCluster;
  let work: string;
  let archiveDir: string;
  let config: AppConfig;
  let ledger: DatabaseHandle<AuditDb> | null = null;
  let sealer: Sealer | null = null;

  const urls = () => ledgerUrls(cluster);
  const configFor = (env: Record<string, string>): AppConfig =>
    loadConfig({
      ...process.env,
      DATABASE_URL: urls().app,
      DATABASE_ADMIN_URL: urls().admin,
      SEALER_DATABASE_URL: urls().sealer,
      CHECKPOINT_ARCHIVE_DIR: archiveDir,
      ...env,
    });
  const cli = async (args: string[], withConfig: AppConfig = config) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), config: () => withConfig });
    return { code, stdout, stderr, out: stdout + stderr };
  };
  const checkpoint = async (): Promise<SignedCheckpoint> => (await sealer!.checkpointNow())!;
  const databases = async (): Promise<string[]> => {
    const client = new pg.Client({ connectionString: cluster.adminUrl() });
    await client.connect();
    try {
      return (await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'factledger%' ORDER BY 1")).rows.map(
        (r) => r.datname,
      );
    } finally {
      await client.end();
    }
  };
  /** The audit API on the ledger database, and `factledger verify` against it with the auditor's state file. */
  const verify = () => verifyPinned(urls().app, work);

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    work = mkdtempSync(path.join(tmpdir(), 'factledger-drill-'));
    archiveDir = path.join(work, 'checkpoint-archive');
    await bootstrapDatabase(cluster.adminUrl(), 'factledger', LOCAL_ROLE_PASSWORDS);
    const owner = createDatabase(urls().owner, { max: 1 });
    try {
      await migrateToLatest(owner.db);
    } finally {
      await owner.close();
    }
    config = configFor({});
    ledger = createDatabase(urls().app, { max: 2 });
    sealer = new Sealer({
      connectionString: urls().sealer,
      key,
      archive: new CheckpointArchive(archiveDir),
      pollIntervalMs: 50,
      checkpointIntervalMs: 3_600_000,
    });
  });
  afterAll(async () => {
    await sealer?.stop();
    await ledger?.close();
    await cluster?.destroy();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('refuses the backup older than the last published checkpoint, restores the newest, and verify with the pinned state passes', async () => {
    // A ledger with checkpoints, each also archived outside the database.
    await seedEvents(ledger!.db, 10);
    const first = await checkpoint();
    expect(first.treeSize).toBe(10);
    expect(JSON.parse(readFileSync(path.join(archiveDir, 'latest.json'), 'utf8'))).toEqual(first);

    const older = path.join(work, 'older.dump');
    const backupOlder = await cli(['backup', '--out', older, '--pg-bin', cluster.bin]);
    expect(backupOlder.out).toContain('latest checkpoint at backup time: size 10');
    expect(backupOlder.code).toBe(0);

    // More writes and checkpoints, a newer backup, and an auditor who pins the state.
    await seedEvents(ledger!.db, 7, 10);
    expect((await checkpoint()).treeSize).toBe(17);
    await seedEvents(ledger!.db, 5, 17);
    const last = await checkpoint();
    expect(last.treeSize).toBe(22);
    const newest = path.join(work, 'newest.dump');
    expect((await cli(['backup', '--out', newest, '--pg-bin', cluster.bin])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(`${newest}.manifest.json`, 'utf8'));
    expect(manifest).toMatchObject({ format: 'factledger-backup/v1', database: 'factledger', latestCheckpoint: last, sealedTreeSize: 22 });
    const pinned = await verify();
    expect(pinned.out).toContain('PASS: the first 22 events');
    expect(pinned.code).toBe(0);
    await expect(new CheckpointArchive(archiveDir).latest()).resolves.toEqual(last);

    // Disaster: the database is gone (the archive, on another disk, is not).
    await sealer!.stop();
    await ledger!.close();
    ledger = null;
    const client = new pg.Client({ connectionString: cluster.adminUrl() });
    await client.connect();
    await client.query('DROP DATABASE factledger WITH (FORCE)');
    await client.end();

    // The older backup would present a tree of 10 where 22 was published: refused, nothing created.
    const refused = await cli(['restore', older, '--pg-bin', cluster.bin]);
    expect(refused.stderr).toContain('restore refused: the restored ledger ends before the last checkpoint it published');
    expect(refused.stderr).toContain(`checkpoint 22 (root ${last.rootHash}`);
    expect(refused.stderr).toContain('12 missing');
    expect(refused.stderr).toContain('restore a newer backup');
    expect(refused.code).toBe(1);
    expect(await databases()).toEqual([]);

    // The newest backup contains the published tree: restored in place.
    const restored = await cli(['restore', newest, '--pg-bin', cluster.bin]);
    expect(restored.out).toContain('its log contains the last published checkpoint 22');
    expect(restored.code).toBe(0);
    expect(await databases()).toEqual(['factledger']);

    // The auditor's state, pinned before the disaster, still verifies: no rollback, no fork.
    const after = await verify();
    expect(after.out).toContain('PASS: the first 22 events');
    expect(after.code).toBe(0);

    // The worker's start accepts it, and the restored ledger goes on from there.
    ledger = createDatabase(urls().app, { max: 2 });
    const check = createDatabase(urls().sealer, { max: 1 });
    try {
      await expect(checkArchiveOnStart(check.db, new CheckpointArchive(archiveDir), { log: () => undefined })).resolves.toBeUndefined();
    } finally {
      await check.close();
    }
    sealer = new Sealer({
      connectionString: urls().sealer,
      key,
      archive: new CheckpointArchive(archiveDir),
      pollIntervalMs: 50,
      checkpointIntervalMs: 3_600_000,
    });
    await seedEvents(ledger.db, 3, 22);
    expect((await checkpoint()).treeSize).toBe(25);
    expect((await verify()).code).toBe(0);
  });

  it('refuses an older backup over the live ledger too (--replace), leaving it untouched', async () => {
    const before = await databases();
    const refused = await cli(['restore', path.join(work, 'older.dump'), '--replace', '--pg-bin', cluster.bin]);
    expect(refused.stderr).toContain('ends before the last checkpoint it published');
    expect(refused.code).toBe(1);
    expect(await databases()).toEqual(before);
    expect((await verify()).out).toContain('PASS: the first 25 events');
  });

  it('stops a worker from starting on a ledger behind the archive, or on one whose history differs', async () => {
    // Restored without the archive, as an operator who skipped the check would: the worker's start refuses it.
    const old = configFor({ DATABASE_URL: inDatabase(urls().app, 'factledger_old'), CHECKPOINT_ARCHIVE_DIR: '' });
    expect((await cli(['restore', path.join(work, 'older.dump'), '--without-archive', '--pg-bin', cluster.bin], old)).code).toBe(0);
    const check = createDatabase(inDatabase(urls().sealer, 'factledger_old'), { max: 1 });
    try {
      const archive = new CheckpointArchive(archiveDir);
      await expect(checkArchiveOnStart(check.db, archive, { log: () => undefined })).rejects.toThrow(
        /refusing to start: the restored ledger ends before the last checkpoint it published: the checkpoint archive .* holds checkpoint 25 .* this database has 10 events in its log \(10 sealed\) — 15 missing/,
      );
      // Same size, another root: a different history.
      const published = (await archive.latest())!;
      const forged = { ...published, treeSize: 10, rootHash: 'ab'.repeat(32) };
      expect(await restoreRuleProblem(check.db, forged)).toMatch(
        /differs from the last checkpoint it published: .* first 10 events hash to root [0-9a-f]{64}/,
      );
      expect(
        await restoreRuleProblem(check.db, { ...published, treeSize: 10, rootHash: readManifestRoot(path.join(work, 'older.dump')) }),
      ).toBeNull();
    } finally {
      await check.close();
    }
    expect(existsSync(path.join(archiveDir, 'checkpoint-000000000025.json'))).toBe(true);
  });

  it('accepts a backup holding events not sealed yet when they make the published root', async () => {
    // Two events committed, the backup taken before the sealer saw them, then checkpoint 27 published.
    await seedEvents(ledger!.db, 2, 25);
    const between = path.join(work, 'between.dump');
    expect((await cli(['backup', '--out', between, '--pg-bin', cluster.bin])).code).toBe(0);
    expect(JSON.parse(readFileSync(`${between}.manifest.json`, 'utf8'))).toMatchObject({ sealedTreeSize: 25, latestCheckpoint: { treeSize: 25 } });
    expect((await checkpoint()).treeSize).toBe(27);

    const copy = configFor({ DATABASE_URL: inDatabase(urls().app, 'factledger_copy') });
    const restored = await cli(['restore', between, '--pg-bin', cluster.bin], copy);
    expect(restored.out).toContain('its log contains the last published checkpoint 27');
    expect(restored.out).toContain('2 of its events not sealed yet');
    expect(restored.code).toBe(0);
  });
});

const readManifestRoot = (dump: string): string =>
  (JSON.parse(readFileSync(`${dump}.manifest.json`, 'utf8')) as { latestCheckpoint: SignedCheckpoint }).latestCheckpoint.rootHash;
