import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { createTestKey } from '@factledger/platform';
import { freePort, startPrivatePostgres, startPrivateRedis, type PrivatePostgres, type PrivateRedis } from '@factledger/testing';
import { eventually } from '../../libs/ingestion/src/testing/ingestion-test-apps';

const ROOT = path.resolve(__dirname, '../..');
type KeyTables = Parameters<typeof createTestKey>[0] extends Kysely<infer DB> ? DB : never;

export interface LedgerProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The database and Redis the processes use, and settings of the test (small timeouts, so faults show fast). */
export interface ProcessTarget {
  postgres: Pick<PrivatePostgres, 'url' | 'sealerUrl' | 'adminUrl'>;
  redisUrl: string;
  env?: Record<string, string>;
}

const exitOf = (child: ChildProcess): LedgerProcess['exited'] =>
  new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

function start(main: string, target: ProcessTarget, more: Record<string, string>): LedgerProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_URL: target.postgres.url,
    DATABASE_ADMIN_URL: target.postgres.adminUrl,
    REDIS_URL: target.redisUrl,
    QUEUE_PREFIX: 'faults',
    ...target.env,
  };
  // The processes reach this target's servers only, whatever the run's own settings say.
  delete env.MIGRATION_DATABASE_URL;
  delete env.SEALER_DATABASE_URL;
  if (!target.env?.READ_DATABASE_URL) delete env.READ_DATABASE_URL;
  Object.assign(env, more);
  // As `npm start` runs them: the sources through the SWC register hook.
  const child = spawn(process.execPath, ['-r', './tools/register.cjs', main], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env });
  return { child, exited: exitOf(child) };
}

/** A real API process; resolves once /health answers. */
export async function startApiProcess(target: ProcessTarget): Promise<LedgerProcess & { base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = start('apps/api/src/main.ts', target, { HOST: '127.0.0.1', PORT: String(port) });
  await eventually(
    async () => {
      if (api.child.exitCode !== null) throw new Error(`the API exited with ${api.child.exitCode}`);
      return (await fetch(`${base}/health`).catch(() => null))?.ok;
    },
    90_000,
    'the API to answer',
  );
  return { ...api, base };
}

/** A real worker process (ingestion, projections, sealer); resolves once the read models run and its sealer is connected. */
export async function startWorkerProcess(target: ProcessTarget): Promise<LedgerProcess> {
  const worker = start('apps/worker/src/main.ts', target, {
    SEALER_DATABASE_URL: target.postgres.sealerUrl,
    SIGNING_KEY_FILE: path.join(mkdtempSync(path.join(tmpdir(), 'factledger-fault-worker-')), 'signing-key.pem'),
    WORKER_METRICS_LISTEN: '',
  });
  const pool = new pg.Pool({ connectionString: target.postgres.url, max: 1 });
  pool.on('error', () => undefined);
  try {
    await eventually(
      async () => {
        if (worker.child.exitCode !== null) throw new Error(`the worker exited with ${worker.child.exitCode}`);
        // Read models running (here or in an earlier worker), and this process's sealer connected (leading or standing by):
        // its session is named after the worker's instance id, host:pid:random.
        const { rows } = await pool
          .query<{ ready: boolean }>(
            `SELECT EXISTS (SELECT 1 FROM projection_checkpoints WHERE state = 'running')
              AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'factledger-sealer:%:' || $1::text || ':%') AS ready`,
            [worker.child.pid],
          )
          .catch(() => ({ rows: [{ ready: false }] }));
        return rows[0]?.ready;
      },
      90_000,
      'the worker to run',
    );
  } finally {
    await pool.end();
  }
  return worker;
}

/** A lease owner or job's processedBy (an instance id, host:pid:random) names its process by pid. */
export const pidOfInstance = (instanceId: string | null | undefined): number | null => {
  const pid = /:(\d+):[0-9a-f]{8}$/.exec(instanceId ?? '')?.[1];
  return pid ? Number(pid) : null;
};

/** A line of a structured ingestion batch, and the batch (POST /v1/ingestions) of a Valley Courier report. */
export const homesFigure = (source: string, validAt: string, value: number) => ({
  metricKey: 'homes_evacuated',
  source,
  qualifier: 'exact',
  value,
  validAt,
  quote: `${value} homes`,
});
export const structuredBatch = (title: string, figures: ReturnType<typeof homesFigure>[]) => ({
  kind: 'structured',
  report: { publisher: 'Valley Courier', title, publishedAt: '2026-03-12', language: 'en' },
  figures,
});

export async function killProcess(target: LedgerProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (!target || target.child.exitCode !== null || target.child.signalCode !== null) return;
  target.child.kill(signal);
  await target.exited;
}

/** An admin API key on the ledger (issued straight into the database, as the test harnesses do). */
export async function issueKey(databaseUrl: string): Promise<string> {
  const db = new Kysely<KeyTables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }) });
  try {
    return (await createTestKey(db)).token;
  } finally {
    await db.destroy();
  }
}

export interface Answer {
  status: number;
  contentType: string;
  body: any;
}

/** A JSON request that never hangs: aborted (and thrown) after `boundMs`. */
export async function call(
  base: string,
  token: string,
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string>; boundMs?: number } = {},
): Promise<Answer> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.boundMs ?? 15_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}

/**
 * A private ledger (PostgreSQL and Redis of its own) with one API process and `workers` worker processes, an admin
 * pool and an admin key, the homes_evacuated metric and the Valley Fire Service source registered: what the fault
 * tests that start and kill processes share. `stop()` kills what still runs and removes the servers.
 */
export interface Fleet {
  postgres: PrivatePostgres;
  redis: PrivateRedis;
  target: ProcessTarget;
  api: LedgerProcess & { base: string };
  workers: LedgerProcess[];
  token: string;
  admin: pg.Pool;
  request(method: string, url: string, body?: unknown): Promise<Answer>;
  stop(): Promise<void>;
}

export async function startFleet(workerCount: number): Promise<Fleet> {
  const [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
  const admin = new pg.Pool({ connectionString: postgres.adminUrl, max: 3 });
  const workers: LedgerProcess[] = [];
  let api: (LedgerProcess & { base: string }) | undefined;
  const stop = async () => {
    for (const running of [api, ...workers]) await killProcess(running);
    await admin.end();
    await redis.destroy();
    await postgres.destroy();
  };
  try {
    const token = await issueKey(postgres.url);
    const target = { postgres, redisUrl: redis.url };
    api = await startApiProcess(target);
    for (let i = 0; i < workerCount; i++) workers.push(await startWorkerProcess(target));
    const base = api.base;
    const request = (method: string, url: string, body?: unknown) => call(base, token, method, url, { body });
    const registered = [
      await request('POST', '/v1/metrics', { key: 'homes_evacuated', label: 'Homes evacuated', unit: 'count' }),
      await request('POST', '/v1/sources', { sourceId: 'valley-fire-service', name: 'Valley Fire Service', kind: 'government', country: 'US' }),
    ];
    if (registered.some((r) => r.status !== 201)) throw new Error(`fleet set-up: ${JSON.stringify(registered.map((r) => r.body))}`);
    return { postgres, redis, target, api, workers, token, admin, request, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
