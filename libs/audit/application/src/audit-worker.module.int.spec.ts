import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { verifyCheckpointSignature, publicKeyFromRaw } from '@factledger/audit-domain';
import type { EventStoreTables } from '@factledger/event-store';
import { INSTANCE_ID, PlatformModule, createDatabase, loadConfig } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { CheckpointArchive } from './archive/checkpoint-archive';
import { RestoreRuleError } from './archive/restore-rule';
import { AuditWorkerModule } from './audit-worker.module';
import { currentKey, latestCheckpoint } from './checkpoints/checkpoints.repository';
import { rotateSigningKey } from './sealer/key-rotation';
import { SigningKeyError } from './sealer/signing-key';
import { readSealerStatus } from './sealer/sealer-status';
import { seedEvents } from './testing/ledger-fixture';

describe('AuditWorkerModule', () => {
  let t: TestDatabase<EventStoreTables>;
  let dir: string;
  let app: INestApplicationContext;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-worker-'));
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('in production refuses to start without its key file, naming SIGNING_KEY_FILE, and makes none', async () => {
    const signingKeyFile = path.join(dir, 'missing', 'signing-key.pem');
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({
          config: { ...loadConfig(), databaseUrl: t.url, sealerDatabaseUrl: t.sealerUrl, signingKeyFile, nodeEnv: 'production' },
          applicationName: 'test',
        }),
        AuditWorkerModule.forRoot({ pollIntervalMs: 50 }),
      ],
    }).compile();
    moduleRef.useLogger(false);
    await expect(moduleRef.init()).rejects.toThrow(new RegExp(`no checkpoint signing key at ${signingKeyFile}.*Set SIGNING_KEY_FILE`));
    await moduleRef.close();
    expect(existsSync(signingKeyFile)).toBe(false);
    const { rows } = await t.pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'factledger-sealer%' AND datname = current_database()`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('creates the key, seals, signs checkpoints while running, and stops with the app', async () => {
    const signingKeyFile = path.join(dir, '.factledger', 'signing-key.pem');
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({
          config: { ...loadConfig(), databaseUrl: t.url, sealerDatabaseUrl: t.sealerUrl, signingKeyFile },
          applicationName: 'test',
        }),
        AuditWorkerModule.forRoot({ pollIntervalMs: 50, checkpointIntervalMs: 0 }),
      ],
    }).compile();
    moduleRef.useLogger(false);
    app = await moduleRef.init();
    expect(statSync(signingKeyFile).mode & 0o777).toBe(0o600);
    await seedEvents(t.db, 5);
    for (let i = 0; i < 100 && (await latestCheckpoint(t.db))?.treeSize !== 5; i++) await new Promise((r) => setTimeout(r, 30));
    const checkpoint = await latestCheckpoint(t.db);
    expect(checkpoint).toMatchObject({ treeSize: 5 });
    const key = await currentKey(t.db);
    expect(verifyCheckpointSignature(checkpoint!, publicKeyFromRaw(key!.publicKey))).toBe(true);
    // The status names the app holding the lease (its instance id), read from the lock by any role.
    expect((await readSealerStatus(t.db)).owner).toBe(app.get(INSTANCE_ID));
    await app.close();
    expect((await readSealerStatus(t.db)).owner).toBeNull();
    const { rows } = await t.pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'factledger-sealer%' AND datname = current_database()`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('refuses to start with a key that was rotated away, naming its successor', async () => {
    const signingKeyFile = path.join(dir, '.factledger', 'signing-key.pem');
    const sealerDb = createDatabase(t.sealerUrl, { max: 1 });
    const { previous, next, retiredFile } = await rotateSigningKey(signingKeyFile, sealerDb.db).finally(() => sealerDb.close());
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({
          config: { ...loadConfig(), databaseUrl: t.url, sealerDatabaseUrl: t.sealerUrl, signingKeyFile: retiredFile },
          applicationName: 'test',
        }),
        AuditWorkerModule.forRoot({ pollIntervalMs: 50 }),
      ],
    }).compile();
    moduleRef.useLogger(false);
    await expect(moduleRef.init()).rejects.toThrow(
      new SigningKeyError(`checkpoint key ${previous.keyId} (${retiredFile}) was rotated to ${next.keyId}; set SIGNING_KEY_FILE to the new key`),
    );
    await moduleRef.close();
  });

  it('with CHECKPOINT_ARCHIVE_DIR, archives every checkpoint it signs, and refuses to start on a ledger behind the archive', async () => {
    const signingKeyFile = path.join(dir, '.factledger', 'signing-key.pem');
    const checkpointArchiveDir = path.join(dir, 'checkpoint-archive');
    const archive = new CheckpointArchive(checkpointArchiveDir);
    const start = async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          PlatformModule.forRoot({
            config: { ...loadConfig(), databaseUrl: t.url, sealerDatabaseUrl: t.sealerUrl, signingKeyFile, checkpointArchiveDir },
            applicationName: 'test',
          }),
          AuditWorkerModule.forRoot({ pollIntervalMs: 50, checkpointIntervalMs: 0 }),
        ],
      }).compile();
      moduleRef.useLogger(false);
      return moduleRef;
    };
    const running = await start();
    await running.init();
    // An archive set up late first receives the database's latest checkpoint.
    expect(await archive.latest()).toEqual(await latestCheckpoint(t.db));
    await seedEvents(t.db, 2, 5);
    for (let i = 0; i < 100 && (await archive.latest())?.treeSize !== 7; i++) await new Promise((r) => setTimeout(r, 30));
    expect(await archive.latest()).toEqual(await latestCheckpoint(t.db));
    expect((await archive.latest())?.treeSize).toBe(7);
    await running.close();

    // A checkpoint this database does not reach (as after restoring an older backup): the worker does not start.
    await archive.write({ ...(await archive.latest())!, treeSize: 9 });
    const refused = await start();
    await expect(refused.init()).rejects.toThrow(RestoreRuleError);
    await expect(refused.init()).rejects.toThrow(
      /refusing to start: the restored ledger ends before the last checkpoint it published: .* holds checkpoint 9 .* 7 events in its log \(7 sealed\) — 2 missing/,
    );
    await refused.close();
    const { rows } = await t.pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'factledger-sealer%' AND datname = current_database()`,
    );
    expect(rows[0].n).toBe(0);
  });
});
