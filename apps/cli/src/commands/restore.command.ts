import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type pg from 'pg';
import { CheckpointArchive, checkpointOfSize, insertCheckpoint, lastSealedLeaf, restoreRuleProblem } from '@factledger/audit';
import type { SignedCheckpoint } from '@factledger/audit-domain';
import { DATABASE_ROLES, ensureRoles, inDatabase, prepareDatabase } from '@factledger/migrations';
import { createDatabase, type AppConfig } from '@factledger/platform';
import { adminTarget, clusterClient, libpqArgs, manifestPathOf, runPgTool, sha256Of, type BackupManifest, type CommandIo } from './backup.command';

export interface RestoreOptions {
  dump: string;
  /** Drop an existing ledger database (the API and worker must be stopped). */
  replace?: boolean;
  /** Restore although CHECKPOINT_ARCHIVE_DIR is not set (the rule is then checked against nothing published). */
  withoutArchive?: boolean;
  pgBin?: string;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * `factledger restore <dump>`: restores a `factledger backup` dump into a
 * scratch database of the cluster, checks the restore rule there — the
 * restored log must contain the latest checkpoint of CHECKPOINT_ARCHIVE_DIR
 * (its size, and its root at that size) — and only then puts it in place as
 * DATABASE_URL's database (renamed; with --replace the existing one is dropped
 * first). A refused restore drops the scratch database and changes nothing.
 */
export async function restoreCommand(options: RestoreOptions, config: AppConfig, io: CommandIo): Promise<number> {
  const target = adminTarget(config, 'restore');
  if (typeof target === 'string') {
    io.stderr(`${target}\n`);
    return 2;
  }
  if (!config.checkpointArchiveDir && !options.withoutArchive) {
    io.stderr(
      "restore checks the restored ledger against the last checkpoint it published, kept in CHECKPOINT_ARCHIVE_DIR: set it to the worker's archive " +
        '(or a copy), or pass --without-archive if this ledger never published one (then nothing guards against restoring an older state)\n',
    );
    return 2;
  }
  const dump = path.resolve(options.dump);
  const manifest = await readManifest(dump);
  if (manifest && manifest.sha256 !== (await sha256Of(dump))) {
    io.stderr(`restore refused: ${dump} does not match its manifest's SHA-256 (${manifest.sha256}): the dump is damaged or another file\n`);
    return 1;
  }
  const published = config.checkpointArchiveDir ? await new CheckpointArchive(config.checkpointArchiveDir).latest() : null;

  const cluster = await clusterClient(config.databaseAdminUrl!);
  const scratch = `${target.database}_restore_${randomBytes(4).toString('hex')}`;
  let placed = false;
  try {
    if ((await exists(cluster, target.database)) && !options.replace) {
      io.stderr(`restore refused: database ${target.database} exists. Stop the API and worker, then run again with --replace to drop it\n`);
      return 1;
    }
    await ensureRoles(cluster);
    await cluster.query(`CREATE DATABASE ${ident(scratch)} OWNER ${ident(DATABASE_ROLES.owner)}`);
    await prepareDatabase(cluster, scratch);
    const scratchUrl = inDatabase(config.databaseAdminUrl!, scratch);
    const { dbname, env } = libpqArgs(scratchUrl);
    await runPgTool(options.pgBin, 'pg_restore', ['--exit-on-error', '--single-transaction', '--dbname', dbname, dump], env);

    const verdict = await checkRestored(scratchUrl, published, config.checkpointArchiveDir);
    if ('refused' in verdict) {
      io.stderr(`restore refused: ${verdict.refused}\nNothing was changed (the scratch database ${scratch} is dropped).\n`);
      return 1;
    }
    if (options.replace && (await exists(cluster, target.database))) {
      await cluster.query(`DROP DATABASE ${ident(target.database)}`).catch((e: Error) => {
        throw new Error(
          `could not drop database ${target.database} (${e.message}): stop the API, the worker and every other session on it, then run again`,
        );
      });
    }
    await cluster.query(`ALTER DATABASE ${ident(scratch)} RENAME TO ${ident(target.database)}`);
    placed = true;
    await prepareDatabase(cluster, target.database);
    io.stdout(
      `restored ${dump} into database ${target.database}: ${verdict.summary}\n` +
        'Start the worker and the API; the sealer seals any restored events not sealed yet and signs the next checkpoint, extending the published one.\n' +
        'Ingestion jobs queued in Redis are not part of the backup: resubmit what was in flight.\n',
    );
    return 0;
  } finally {
    if (!placed) await cluster.query(`DROP DATABASE IF EXISTS ${ident(scratch)}`).catch(() => undefined);
    await cluster.end();
  }
}

async function exists(cluster: pg.Client, database: string): Promise<boolean> {
  return Boolean((await cluster.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount);
}

async function readManifest(dump: string): Promise<BackupManifest | null> {
  try {
    return JSON.parse(await fs.readFile(manifestPathOf(dump), 'utf8')) as BackupManifest;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The restore rule on the scratch database; the archived checkpoint is stored there if the dump predates it. */
async function checkRestored(
  url: string,
  published: SignedCheckpoint | null,
  archiveDir: string | null,
): Promise<{ refused: string } | { summary: string }> {
  const database = createDatabase(url, { max: 1, applicationName: 'factledger-restore-check' });
  try {
    const last = await lastSealedLeaf(database.db);
    const sealed = last ? last.leafIndex + 1 : 0;
    if (!published) return { summary: `audit tree of ${sealed} leaves; no archived checkpoint to check it against` };
    const problem = await restoreRuleProblem(database.db, published, `the checkpoint archive ${archiveDir}`);
    if (problem) return { refused: problem };
    // The published head is served at once, before the sealer signs a newer one (never an older latest checkpoint).
    // Only over stored leaves (the sealer refuses a checkpoint beyond its tree) and by a key the dump knows.
    if (sealed >= published.treeSize && !(await checkpointOfSize(database.db, published.treeSize))) {
      await insertCheckpoint(database.db, published).catch(() => false);
    }
    const unsealed =
      sealed < published.treeSize ? ` (${published.treeSize - sealed} of its events not sealed yet: the sealer seals them as they were)` : '';
    return {
      summary: `its log contains the last published checkpoint ${published.treeSize} (root ${published.rootHash}, from ${archiveDir})${unsealed}; audit tree of ${sealed} leaves`,
    };
  } finally {
    await database.close();
  }
}
