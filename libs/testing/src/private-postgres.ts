import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { migrateToLatest } from '../../../migrations/migrator';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { bootstrapDatabase, DATABASE_ROLES, LOCAL_ROLE_PASSWORDS, urlAs, type RoleKind } from '../../../migrations/database-roles';
import { freePort } from './free-port';

const run = promisify(execFile);
const PG_BIN = process.env.FACTLEDGER_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const DATABASE = 'factledger';

/**
 * A PostgreSQL server of its own for a fault test, which stops and restarts it:
 * the machine's shared server (every other test's) is never touched. The
 * system's binaries, run as the `postgres` user when the tests run as root
 * (PostgreSQL refuses to run as root), on a spare port, in a temporary data
 * directory; fsync off, because a throwaway cluster needs no durability.
 */
export interface PrivatePostgres {
  port: number;
  /** Superuser URL of the factledger database. */
  adminUrl: string;
  /** The three roles, as the code under test reaches the database. */
  url: string;
  sealerUrl: string;
  ownerUrl: string;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  isRunning(): Promise<boolean>;
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>;
}

const asPostgres = (command: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

/** Runs a program as the `postgres` user (when the tests run as root): what the server's files must be written by. */
export async function runAsPostgres(program: string, args: string[]): Promise<string> {
  const [command, argv] = asPostgres(program, args);
  try {
    return (await run(command, argv, { timeout: 120_000 })).stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${path.basename(program)} ${args.join(' ')} failed: ${stderr || stdout || (error as Error).message}`);
  }
}

const pgTool = (tool: string, args: string[]): Promise<string> => runAsPostgres(path.join(PG_BIN, tool), args);

/** A temporary directory the server may write (a data directory, a WAL archive, a base backup). */
export async function postgresOwnedDir(prefix = 'factledger-pg-'): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  return dir;
}

/** A bare server: for tests that need the server itself (dump, restore, drop databases), with no ledger in it yet. */
export interface PrivateCluster {
  port: number;
  /** The cluster's superuser on `database` (default postgres). */
  adminUrl(database?: string): string;
  /** The cluster's own programs (pg_dump/pg_restore of its major version). */
  bin: string;
  /** Its data directory (owned by postgres). */
  dataDir: string;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  isRunning(): Promise<boolean>;
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>;
}

export interface PrivateClusterOptions {
  /** Server settings passed at start (`-c name=value`), over the defaults (fsync and full_page_writes off). */
  settings?: Readonly<Record<string, string>>;
  /** Fills the (absent) data directory instead of initdb, e.g. from a base backup (runs as root; chown what it writes). */
  dataFrom?: (dataDir: string) => Promise<void>;
}

/**
 * initdb (or `dataFrom`) and start, in a temporary directory owned by postgres, on a spare port. initdb's defaults
 * make it a possible primary as it is: wal_level replica, max_wal_senders 10, and trusted local replication connections.
 */
export async function startPrivateCluster(options: PrivateClusterOptions = {}): Promise<PrivateCluster> {
  const dir = await postgresOwnedDir();
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    if (options.dataFrom) await options.dataFrom(data);
    else await pgTool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    fsync: 'off',
    full_page_writes: 'off',
    max_connections: '200',
    ...options.settings,
  };
  // pg_ctl hands -o to /bin/sh: a value with spaces or shell characters (an archive_command) is single-quoted for it.
  const quoted = (value: string) => (/^[\w./=:-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);
  const serverOptions = [`-p ${port}`, ...Object.entries(settings).map(([name, value]) => `-c ${name}=${quoted(value)}`)];
  const start = async () => {
    await pgTool('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', serverOptions.join(' '), '-w', '-t', '60', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await pgTool('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  };
  const isRunning = async () => {
    try {
      await pgTool('pg_ctl', ['-D', data, 'status']);
      return true;
    } catch {
      return false;
    }
  };
  const destroy = async () => {
    if (await isRunning()) await stop('immediate').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (error) {
    await destroy();
    throw error;
  }
  return {
    port,
    adminUrl: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    bin: PG_BIN,
    dataDir: data,
    stop,
    start,
    isRunning,
    destroy,
  };
}

/**
 * A hot standby of the server on `primaryPort` (127.0.0.1), in a directory and on a port of its own:
 * `pg_basebackup -R` (streaming the WAL it needs, and writing standby.signal and primary_conninfo), then started.
 * It replays what the primary commits from then on; it refuses writes.
 */
export function startPrivateReplica(primaryPort: number): Promise<PrivateCluster> {
  return startPrivateCluster({
    dataFrom: async (data) => {
      await pgTool('pg_basebackup', [
        '-h',
        '127.0.0.1',
        '-p',
        String(primaryPort),
        '-U',
        'postgres',
        '-D',
        data,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
        '--no-sync',
      ]);
    },
  });
}

/** A private cluster with the project's role bootstrap and every migration: a ready ledger database. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const cluster = await startPrivateCluster();
  try {
    await bootstrapDatabase(cluster.adminUrl(), DATABASE, LOCAL_ROLE_PASSWORDS);
    const adminUrl = cluster.adminUrl(DATABASE);
    const roleUrl = (kind: RoleKind) => urlAs(adminUrl, DATABASE_ROLES[kind], LOCAL_ROLE_PASSWORDS[kind]);
    const owner = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: roleUrl('owner'), max: 1 }) }) });
    try {
      await migrateToLatest(owner);
    } finally {
      await owner.destroy();
    }
    const { port, stop, start, isRunning, destroy } = cluster;
    return { port, adminUrl, url: roleUrl('app'), sealerUrl: roleUrl('sealer'), ownerUrl: roleUrl('owner'), stop, start, isRunning, destroy };
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
}
