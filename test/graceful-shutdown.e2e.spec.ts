import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createTestKey } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { eventually } from '../libs/ingestion/src/testing/ingestion-test-apps';

const ROOT = path.resolve(__dirname, '..');

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const exited = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

/**
 * Issue 14, SIGTERM: real API and worker processes (the sources, as `npm start`
 * runs them). The API drains a request still waiting on the database and ends
 * a live tail, the worker finishes the job it holds; both exit 0 within SHUTDOWN_TIMEOUT_MS.
 */
describe('graceful shutdown on SIGTERM (real processes, PostgreSQL and Redis)', () => {
  let t: TestDatabase;
  let api: ChildProcess;
  let worker: ChildProcess;
  let base: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    token = (await createTestKey(t.db)).token;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.url,
      LOG_LEVEL: 'error',
      QUEUE_PREFIX: `test-shutdown-${port}`,
      SHUTDOWN_TIMEOUT_MS: '15000',
    };
    const start = (main: string, more: Record<string, string>) =>
      spawn(process.execPath, ['-r', './tools/register.cjs', main], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, ...more } });
    api = start('apps/api/src/main.ts', { HOST: '127.0.0.1', PORT: String(port) });
    worker = start('apps/worker/src/main.ts', {
      SEALER_DATABASE_URL: t.sealerUrl,
      SIGNING_KEY_FILE: path.join(mkdtempSync(path.join(tmpdir(), 'factledger-shutdown-')), 'signing-key.pem'),
      WORKER_METRICS_LISTEN: '',
    });
    await eventually(async () => (await fetch(`${base}/health`).catch(() => null))?.ok, 60_000, 'the API to answer');
    // The worker is up once its projectors hold their checkpoints.
    await eventually(
      async () => ((await t.pool.query(`SELECT 1 FROM projection_checkpoints WHERE state = 'running'`)).rowCount ?? 0) > 0,
      60_000,
      'the worker to run',
    );
  }, 90_000);

  afterAll(async () => {
    for (const child of [worker, api]) if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await t?.drop();
  });

  it('the API finishes a request in flight and ends a live tail, the worker finishes the ingestion job it holds, and both exit 0', async () => {
    // A live tail, open until the server ends it.
    const tail = await new Promise<IncomingMessage>((resolve, reject) => httpRequest(`${base}/v1/events/tail`, resolve).on('error', reject).end());
    expect(tail.statusCode).toBe(200);
    const tailEnded = new Promise<void>((resolve) => tail.on('end', resolve).on('close', resolve).resume());

    const post = (url: string, body: unknown) =>
      fetch(`${base}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    expect((await post('/v1/metrics', { key: 'homes_evacuated', label: 'Homes evacuated', unit: 'count' })).status).toBe(201);
    expect(
      (await post('/v1/sources', { sourceId: 'valley-fire-service', name: 'Valley Fire Service', kind: 'government', country: 'US' })).status,
    ).toBe(201);

    // A write held inside PostgreSQL by a lock from another connection, and an ingestion job held the same way:
    // both in flight when SIGTERM arrives.
    const blocker = await t.adminPool.connect();
    let write: Promise<Response>;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE streams IN ACCESS EXCLUSIVE MODE');
      write = post('/v1/metrics', { key: 'shelters_open', label: 'Shelters open', unit: 'count' });
      const job = await post('/v1/ingestions', {
        kind: 'structured',
        report: { publisher: 'Valley Courier', title: 'Evacuations widen', publishedAt: '2026-03-12', language: 'en' },
        figures: [
          {
            metricKey: 'homes_evacuated',
            source: 'Valley Fire Service',
            qualifier: 'approximately',
            value: 1200,
            validAt: '2026-03-11',
            quote: 'about 1,200 homes were evacuated',
          },
        ],
      });
      expect(job.status).toBe(202);
      // Progress, not a time: the write and the job's first append both wait on the lock.
      await eventually(
        async () => ((await t.adminPool.query(`SELECT 1 FROM pg_locks WHERE relation = 'streams'::regclass AND NOT granted`)).rowCount ?? 0) >= 2,
        20_000,
        'the write and the job to wait',
      );
      api.kill('SIGTERM');
      worker.kill('SIGTERM');
      await tailEnded;
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    const response = await write!;
    expect(response.status).toBe(201);
    expect((await t.pool.query(`SELECT 1 FROM events WHERE event_type = 'metric.registered.v1' AND data->>'key' = 'shelters_open'`)).rowCount).toBe(
      1,
    );
    expect(await exited(api)).toEqual({ code: 0, signal: null });
    expect(await exited(worker)).toEqual({ code: 0, signal: null });
    // The worker finished the job it held before exiting: its figure is in the log.
    const figures = await t.pool.query(`SELECT metadata FROM events WHERE event_type = 'figure.reported.v1'`);
    expect(figures.rows).toEqual([
      expect.objectContaining({ metadata: expect.objectContaining({ via: 'worker', ingestionJobId: expect.any(String) }) }),
    ]);
    // A new connection is refused: the server is gone.
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  }, 60_000);
});
