import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { latestCheckpoint, lastSealedLeaf } from '@factledger/audit';
import type { SignedCheckpoint } from '@factledger/audit-domain';
import { inDatabase, readSchemaVersion } from '@factledger/migrations';
import { createDatabase, type AppConfig } from '@factledger/platform';

const run = promisify(execFile);

/** What `factledger backup` writes beside the dump (`<dump>.manifest.json`). */
export interface BackupManifest {
  format: 'factledger-backup/v1';
  createdAt: string;
  database: string;
  /** The dump's file name (same directory) and its SHA-256, checked by restore. */
  dump: string;
  sha256: string;
  /** The newest migration applied: restore with a factledger that knows it. */
  schemaVersion: string | null;
  /** Read before the dump started, so the dump contains it (checkpoints are never deleted). */
  latestCheckpoint: SignedCheckpoint | null;
  sealedTreeSize: number;
}

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const manifestPathOf = (dump: string): string => `${dump}.manifest.json`;

/** The ledger database (DATABASE_URL's) reached as the administrator, or why not. */
export function adminTarget(config: AppConfig, command: string): { database: string; url: string } | string {
  if (!config.databaseAdminUrl) {
    return `${command} needs DATABASE_ADMIN_URL: an administrator (superuser) who may read every schema — the log, the audit tables and the application's read models — and create databases`;
  }
  const database = decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1));
  return { database, url: inDatabase(config.databaseAdminUrl, database) };
}

/** pg_dump/pg_restore get the password from the environment, not the command line (`ps` shows arguments). */
export function libpqArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Runs a PostgreSQL client program (`pgBin` or PATH); its stderr becomes the error's message. */
export async function runPgTool(pgBin: string | undefined, tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const program = pgBin ? path.join(pgBin, tool) : tool;
  try {
    await run(program, args, { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const error = e as { code?: string; stderr?: string; message: string };
    if (error.code === 'ENOENT')
      throw new Error(`${program} not found: install the PostgreSQL client programs of the server's major version, or pass --pg-bin <dir>`);
    throw new Error(`${tool} failed: ${(error.stderr ?? '').trim() || error.message}`);
  }
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * `factledger backup --out <file>`: a logical dump of the ledger database
 * (`pg_dump -Fc`, the system's client, as DATABASE_ADMIN_URL) and a manifest
 * beside it naming the latest checkpoint at backup time. For small installs;
 * larger ones use a base backup and WAL archiving (README, Operations). The
 * dump holds no private key (the signing key is never in the database).
 */
export async function backupCommand(options: { out: string; pgBin?: string }, config: AppConfig, io: CommandIo): Promise<number> {
  const target = adminTarget(config, 'backup');
  if (typeof target === 'string') {
    io.stderr(`${target}\n`);
    return 2;
  }
  const out = path.resolve(options.out);
  const database = createDatabase(target.url, { max: 1, applicationName: 'factledger-backup' });
  let checkpoint: SignedCheckpoint | null;
  let sealed: number;
  let schemaVersion: string | null;
  try {
    [checkpoint, sealed, schemaVersion] = await Promise.all([
      latestCheckpoint(database.db),
      lastSealedLeaf(database.db).then((l) => (l ? l.leafIndex + 1 : 0)),
      readSchemaVersion(database.db).then((v) => v.schemaVersion),
    ]);
  } finally {
    await database.close();
  }
  const { dbname, env } = libpqArgs(target.url);
  await fs.mkdir(path.dirname(out), { recursive: true });
  await runPgTool(options.pgBin, 'pg_dump', ['--format=custom', '--file', out, '--dbname', dbname], env);
  const manifest: BackupManifest = {
    format: 'factledger-backup/v1',
    createdAt: new Date().toISOString(),
    database: target.database,
    dump: path.basename(out),
    sha256: await sha256Of(out),
    schemaVersion,
    latestCheckpoint: checkpoint,
    sealedTreeSize: sealed,
  };
  await fs.writeFile(manifestPathOf(out), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o640 });
  io.stdout(
    `backed up database ${target.database} to ${out} (pg_dump custom format, sha256 ${manifest.sha256.slice(0, 16)}…)\n` +
      `  latest checkpoint at backup time: ${checkpoint ? `size ${checkpoint.treeSize}, root ${checkpoint.rootHash}` : 'none'}; schema ${schemaVersion ?? 'none'}\n` +
      `  manifest: ${manifestPathOf(out)}. The signing key is not in it: back it up separately (README, Operations).\n`,
  );
  return 0;
}

/** An administrator's client on the cluster's `postgres` database (CREATE/DROP/RENAME DATABASE). */
export async function clusterClient(adminUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: inDatabase(adminUrl, 'postgres'), application_name: 'factledger-restore' });
  await client.connect();
  return client;
}
