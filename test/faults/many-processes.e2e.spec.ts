import pg from 'pg';
import { startPrivatePostgres, startPrivateRedis, type PrivatePostgres, type PrivateRedis } from '@factledger/testing';
import { eventually } from '../../libs/ingestion/src/testing/ingestion-test-apps';
import { figureBody, METRIC, REPORTS, SOURCES } from '../support/scenario';
import { expectReadModelsEqualFreshRebuild, READ_MODELS } from '../support/fresh-rebuild-check';
import {
  call,
  homesFigure,
  issueKey,
  killProcess,
  pidOfInstance,
  startApiProcess,
  startWorkerProcess,
  structuredBatch,
  type Answer,
  type LedgerProcess,
  type ProcessTarget,
} from '../support/ledger-processes';

/** A failure bound, not a speed target: a standby retries a lease every few seconds. */
const HANDOVER_BOUND_MS = 30_000;
const JOBS = 12;

interface ProjectionRow {
  name: string;
  version: number;
  activeVersion: number | null;
  state: string;
  owner: string | null;
  locked: boolean;
  checkpoint: { position: string };
}
interface Leases {
  /** Read model → the pid of the worker applying its active version (null: none running). */
  models: Record<string, number | null>;
  positions: Record<string, bigint>;
  sealer: number | null;
  treeSize: number;
}

/**
 * Issue 14, many processes on one ledger: 2 API and 3 worker processes (real
 * OS processes) on a private PostgreSQL and Redis. Each read model and the
 * sealer run on exactly one worker, as both APIs report; a SIGKILL of the
 * worker holding them hands them over; ingestion jobs spread over the workers,
 * each done once; writes through either API land once; and at the end every
 * read model equals a fresh rebuild.
 */
describe('two API processes and three worker processes on one ledger', () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let admin: pg.Pool;
  let token: string;
  const apis: (LedgerProcess & { base: string })[] = [];
  const workers: LedgerProcess[] = [];
  const live = () => new Set(workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null).map((w) => w.child.pid!));
  /** Request `n` goes to API n mod 2. */
  const via = (n: number, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> =>
    call(apis[n % apis.length]!.base, token, method, url, { body, headers });

  /** Who holds each lease, as API `n` reports it (GET /v1/projections, GET /v1/checkpoints/status). */
  const leases = async (n: number): Promise<Leases> => {
    const projections = (await via(n, 'GET', '/v1/projections')).body.data as ProjectionRow[];
    const active = projections.filter((p) => p.version === p.activeVersion);
    const sealer = (await via(n, 'GET', '/v1/checkpoints/status')).body as { owner: string | null; treeSize: number };
    return {
      models: Object.fromEntries(active.map((p) => [p.name, p.state === 'running' && p.locked ? pidOfInstance(p.owner) : null])),
      positions: Object.fromEntries(active.map((p) => [p.name, BigInt(p.checkpoint.position)])),
      sealer: pidOfInstance(sealer.owner),
      treeSize: sealer.treeSize,
    };
  };
  /** Both APIs agree that every lease is held, each by one live worker; resolves with the holders. */
  const settledLeases = (label: string, bound = HANDOVER_BOUND_MS, held?: (l: Leases) => boolean) => {
    let last: unknown;
    return eventually(
      async () => {
        const [a, b] = await Promise.all([leases(0), leases(1)]);
        last = { a, b, live: [...live()] };
        const holders = [...READ_MODELS.map((m) => a.models[m]), a.sealer];
        const ok =
          holders.every((pid) => pid !== null && live().has(pid!)) && JSON.stringify([a.models, a.sealer]) === JSON.stringify([b.models, b.sealer]);
        return ok && (held?.(a) ?? true) ? a : null;
      },
      bound,
      label,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen: ${JSON.stringify(last, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
    });
  };
  const head = async () => BigInt((await admin.query<{ head: string }>('SELECT coalesce(max(position), 0)::text AS head FROM events')).rows[0]!.head);
  const eventCount = async () => Number((await admin.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0]!.n);

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    admin = new pg.Pool({ connectionString: postgres.adminUrl, max: 3 });
    token = await issueKey(postgres.url);
    const target: ProcessTarget = { postgres, redisUrl: redis.url, env: { RATE_LIMIT_WRITES: '100000', RATE_LIMIT_READS: '100000' } };
    apis.push(...(await Promise.all([startApiProcess(target), startApiProcess(target)])));
    // The first worker sets the read models up; the other two join it.
    workers.push(await startWorkerProcess(target));
    workers.push(...(await Promise.all([startWorkerProcess(target), startWorkerProcess(target)])));
    for (const [n, url, body] of [
      [0, '/v1/metrics', METRIC],
      [1, '/v1/sources', SOURCES.mivd],
      [0, '/v1/reports', REPORTS.oct25],
      [1, '/v1/metrics', { key: 'homes_evacuated', label: 'Homes evacuated', unit: 'count' }],
      [0, '/v1/sources', { sourceId: 'valley-fire-service', name: 'Valley Fire Service', kind: 'government', country: 'US' }],
    ] as const) {
      expect((await via(n, 'POST', url, body)).status).toBe(201);
    }
  }, 300_000);
  afterAll(async () => {
    for (const running of [...apis, ...workers]) await killProcess(running);
    await admin?.end();
    await redis?.destroy();
    await postgres?.destroy();
  });

  it('runs each read model and the sealer on exactly one of the three workers, as both APIs report', async () => {
    const holders = await settledLeases('every lease to be held');
    expect(live().size).toBe(3);
    // One session per worker waits at each lease, and PostgreSQL grants its lock to exactly one of them.
    const { rows } = await admin.query<{ name: string; holds: boolean }>(
      `SELECT a.application_name AS name, EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted) AS holds
         FROM pg_stat_activity a
        WHERE a.datname = current_database() AND (a.application_name LIKE 'factledger-sealer:%' OR a.application_name LIKE 'factledger-projector:%')`,
    );
    const byLease = new Map<string, { sessions: number; holders: number }>();
    for (const r of rows) {
      const lease = r.name.startsWith('factledger-sealer:') ? 'sealer' : r.name.slice('factledger-projector:'.length);
      const sum = byLease.get(lease) ?? { sessions: 0, holders: 0 };
      byLease.set(lease, { sessions: sum.sessions + 1, holders: sum.holders + (r.holds ? 1 : 0) });
    }
    for (const lease of [...READ_MODELS, 'sealer']) expect([lease, byLease.get(lease)]).toEqual([lease, { sessions: 3, holders: 1 }]);
    expect(holders.sealer).not.toBeNull();
  }, 120_000);

  it('lands each write through either API once; a retry through the other API replays it', async () => {
    const writes = Array.from({ length: 6 }, (_, i) => ({
      key: `many-processes-${i}`,
      body: figureBody(
        SOURCES.mivd.sourceId,
        { qualifier: 'exact', value: 1000 + i },
        `2024-10-${String(10 + i).padStart(2, '0')}`,
        REPORTS.oct25.reportId,
        `written through API ${i % 2} (${i})`,
      ),
    }));
    const first = await Promise.all(writes.map((w, i) => via(i, 'POST', '/v1/figures', w.body, { 'idempotency-key': w.key })));
    for (const answer of first) expect(answer.status).toBe(201);
    const again = await Promise.all(writes.map((w, i) => via(i + 1, 'POST', '/v1/figures', w.body, { 'idempotency-key': w.key })));
    again.forEach((answer, i) => {
      expect(answer.status).toBeLessThan(300);
      expect(answer.body).toEqual(first[i]!.body);
    });
    const { rows } = await admin.query<{ quote: string; n: number }>(
      `SELECT data->'citation'->>'quote' AS quote, count(*)::int AS n FROM events WHERE event_type = 'figure.reported.v1' AND data->'citation'->>'quote' LIKE 'written through API %' GROUP BY 1`,
    );
    expect(new Map(rows.map((r) => [r.quote, r.n]))).toEqual(new Map(writes.map((w) => [w.body.citation.quote, 1])));
  }, 60_000);

  it('spreads ingestion jobs over the workers, each done once, none lost', async () => {
    const body = (i: number) =>
      structuredBatch(`Evacuation update ${i}`, [homesFigure('Valley Fire Service', `2026-02-${String(i + 1).padStart(2, '0')}`, 100 + i)]);
    const submit = async (i: number) => {
      const submitted = await via(i, 'POST', '/v1/ingestions', body(i));
      expect(submitted.status).toBe(202);
      return submitted.body.jobId as string;
    };
    let last: unknown[] = [];
    const finished = (ids: string[]) =>
      eventually(
        async () => {
          const all = await Promise.all(ids.map(async (id, i) => (await via(i + 1, 'GET', `/v1/ingestions/${id}`)).body));
          last = all.map((v) => ({ state: v?.state, processedBy: v?.processedBy, failedReason: v?.failedReason }));
          return all.every((v) => v?.state === 'completed' || v?.state === 'failed') ? all : null;
        },
        120_000,
        'the jobs to finish',
      ).catch((error: Error) => {
        throw new Error(`${error.message}; the jobs: ${JSON.stringify(last)}`);
      });
    // Jobs run one at a time across the workers (a global concurrency of 1: matching reads what earlier jobs wrote),
    // and BullMQ hands a worker that finishes a job the next one waiting: a backlog drains on one worker, while a job
    // that finds the queue idle goes to the worker that has waited longest. Half the jobs come as a backlog, half one by one.
    const jobs = await Promise.all(Array.from({ length: JOBS / 2 }, (_, i) => submit(i)));
    const views = await finished(jobs);
    for (let i = JOBS / 2; i < JOBS; i++) {
      jobs.push(await submit(i));
      views.push(...(await finished(jobs.slice(-1))));
    }
    expect(views.map((v) => v.state)).toEqual(jobs.map(() => 'completed'));
    const doers = views.map((v) => pidOfInstance(v.processedBy));
    for (const pid of doers) expect(live()).toContain(pid);
    expect(new Set(doers).size).toBeGreaterThan(1);

    // Each job's events once (its report and its figure), and only the submitted jobs wrote.
    const { rows } = await admin.query<{ job: string; types: string[] }>(
      `SELECT metadata->>'ingestionJobId' AS job, array_agg(event_type ORDER BY position) AS types FROM events WHERE metadata ? 'ingestionJobId' GROUP BY 1`,
    );
    expect(new Map(rows.map((r) => [r.job, r.types]))).toEqual(new Map(jobs.map((id) => [id, ['report.registered.v1', 'figure.reported.v1']])));
  }, 180_000);

  it('hands the leases of a worker killed with SIGKILL over to the others, which go on applying and sealing', async () => {
    const before = await settledLeases('every lease to be held');
    const victim = workers.find((w) => w.child.pid === before.models.figures)!;
    const moved = new Set([
      ...READ_MODELS.filter((m) => before.models[m] === victim.child.pid),
      ...(before.sealer === victim.child.pid ? ['sealer'] : []),
    ]);
    await killProcess(victim, 'SIGKILL');
    expect(live().size).toBe(2);

    const after = await settledLeases('the leases to be taken over', HANDOVER_BOUND_MS, (l) =>
      [...moved].every((m) => (m === 'sealer' ? l.sealer : l.models[m]) !== victim.child.pid),
    );
    for (const m of READ_MODELS) expect(live()).toContain(after.models[m]);
    expect(live()).toContain(after.sealer);

    // The new holders apply and seal what is written after the kill, through both APIs.
    for (let i = 0; i < 4; i++) {
      const body = figureBody(
        SOURCES.mivd.sourceId,
        { qualifier: 'exact', value: 2000 + i },
        `2024-11-${String(10 + i).padStart(2, '0')}`,
        REPORTS.oct25.reportId,
        `after the kill ${i}`,
      );
      expect((await via(i, 'POST', '/v1/figures', body, { 'idempotency-key': `after-kill-${i}` })).status).toBe(201);
    }
    const submitted = await via(
      1,
      'POST',
      '/v1/ingestions',
      structuredBatch('After the kill', [homesFigure('Valley Fire Service', '2026-02-20', 500)]),
    );
    expect(submitted.status).toBe(202);
    await eventually(
      async () => (await via(0, 'GET', `/v1/ingestions/${submitted.body.jobId}`)).body?.state === 'completed',
      120_000,
      'the job after the kill',
    );
    const [target, events] = [await head(), await eventCount()];
    expect(target).toBeGreaterThan(before.positions.figures!);
    await settledLeases(
      'the checkpoints and the tree to reach the head',
      HANDOVER_BOUND_MS,
      (l) => READ_MODELS.every((m) => l.positions[m]! >= target) && l.treeSize >= events,
    );
  }, 240_000);

  it('ends with every read model equal to a fresh rebuild', async () => {
    await expectReadModelsEqualFreshRebuild(postgres, async () => (await via(1, 'GET', '/v1/read-models/digest')).body.data);
  }, 120_000);
});
