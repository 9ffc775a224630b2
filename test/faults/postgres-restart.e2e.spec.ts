import pg from 'pg';
import { startPrivatePostgres, startPrivateRedis, type PrivatePostgres, type PrivateRedis } from '@factledger/testing';
import { eventually } from '../../libs/ingestion/src/testing/ingestion-test-apps';
import { METRIC, REPORTS, SOURCES } from '../support/scenario';
import { call, issueKey, killProcess, startApiProcess, type Answer, type LedgerProcess } from '../support/ledger-processes';

/** How long a request may take while the database is down: the connect timeout and a margin, far from a hang. */
const BOUND_MS = 10_000;
const CLIENTS = 4;
const RETRYABLE = new Set([503, 409]); // 409: idempotency.in_progress, a claim of an attempt the outage cut short

/** One write of the history: what the client sent, and every answer it got (a thrown fetch is `error`). */
interface Write {
  quote: string;
  key: string;
  body: unknown;
  answers: (number | 'error')[];
  acknowledged: boolean;
}

const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Issue 14, PostgreSQL restarted under a write load: a real API process on a
 * private PostgreSQL server, stopped and started again while clients write
 * figures, each with an Idempotency-Key, retrying until acknowledged. The
 * history the clients kept is then checked against the log.
 */
describe('PostgreSQL restarted under a write load', () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let api: LedgerProcess & { base: string };
  let token: string;
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> =>
    call(api.base, token, method, url, { body, headers, boundMs: BOUND_MS });

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    token = await issueKey(postgres.url);
    api = await startApiProcess({
      postgres,
      redisUrl: redis.url,
      // A claim cut short by the outage is taken over by a retry after this lease.
      env: { DATABASE_CONNECT_TIMEOUT_MS: '2000', IDEMPOTENCY_LEASE_MS: '2000', RATE_LIMIT_WRITES: '100000', RATE_LIMIT_READS: '100000' },
    });
    for (const [url, body] of [
      ['/v1/metrics', METRIC],
      ['/v1/sources', SOURCES.mivd],
      ['/v1/reports', REPORTS.oct25],
    ] as const) {
      expect((await request('POST', url, body)).status).toBe(201);
    }
  }, 180_000);
  afterAll(async () => {
    await killProcess(api);
    await redis?.destroy();
    await postgres?.destroy();
  });

  it('answers 503 problem+json while it is down, reconnects by itself, and every acknowledged write is in the log exactly once', async () => {
    const history: Write[] = [];
    let stopping = false;
    const send = async (write: Write) => {
      const giveUp = Date.now() + 90_000;
      while (!write.acknowledged && Date.now() < giveUp) {
        const answer = await request('POST', '/v1/figures', write.body, { 'idempotency-key': write.key }).catch(() => null);
        write.answers.push(answer?.status ?? 'error');
        if (answer && answer.status >= 200 && answer.status < 300) write.acknowledged = true;
        else if (answer && !RETRYABLE.has(answer.status)) throw new Error(`write ${write.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
        else await new Promise((r) => setTimeout(r, 100));
      }
    };
    const client = async (c: number) => {
      for (let i = 0; !stopping; i++) {
        const quote = `load ${c}-${i}`;
        const body = {
          metricKey: METRIC.key,
          sourceId: SOURCES.mivd.sourceId,
          amount: { qualifier: 'exact', value: 100 + i },
          validAt: { date: day(c * 150 + i) },
          statedAt: null,
          citation: { reportId: REPORTS.oct25.reportId, quote },
          method: 'estimate',
        };
        const write: Write = { quote, key: `fault-${c}-${i}`, body, answers: [], acknowledged: false };
        history.push(write);
        await send(write);
      }
    };
    const acknowledged = () => history.filter((w) => w.acknowledged).length;
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));

    await eventually(async () => acknowledged() >= 20, 60_000, 'the load to be under way');
    await postgres.stop('fast');
    // While it is down: every request answers within the bound (call() aborts after BOUND_MS and throws), 503 problem+json.
    for (const [method, url, body] of [
      ['GET', `/v1/metrics/${METRIC.key}/figures`, undefined],
      ['GET', `/v1/metrics/${METRIC.key}`, undefined],
      ['POST', '/v1/sources', { sourceId: 'during-the-outage', name: 'During the outage', kind: 'media' }],
    ] as const) {
      const answer = await request(method, url, body);
      expect(answer.status).toBe(503);
      expect(answer.contentType).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ status: 503, code: expect.stringMatching(/^database\.(unavailable|timeout|busy)$/) });
    }
    const health = await request('GET', '/health');
    expect(health).toMatchObject({ status: 503, body: { code: 'health.down' } });
    const beforeRestart = acknowledged();
    await postgres.start();

    // The same API process reconnects by itself and the load goes on.
    await eventually(async () => (await request('GET', '/health').catch(() => null))?.status === 200, 30_000, 'the API to reconnect');
    await eventually(async () => acknowledged() >= beforeRestart + 20, 60_000, 'writes to be acknowledged again');
    stopping = true;
    await load;
    expect(api.child.exitCode).toBeNull();
    expect(history.some((w) => w.answers.includes(503) || w.answers.includes('error'))).toBe(true);

    // The history check: each acknowledged write exactly once in the log, nothing in the log that no client sent.
    const admin = new pg.Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    const inLog = async () => {
      const { rows } = await admin.query<{ quote: string; n: number }>(
        `SELECT data->'citation'->>'quote' AS quote, count(*)::integer AS n FROM events
          WHERE event_type = 'figure.reported.v1' AND data->'citation'->>'quote' LIKE 'load %' GROUP BY 1`,
      );
      return new Map(rows.map((r) => [r.quote, r.n]));
    };
    try {
      const counts = await inLog();
      expect(history.filter((w) => !w.acknowledged)).toEqual([]);
      expect(history.filter((w) => counts.get(w.quote) !== 1).map((w) => ({ ...w, inLog: counts.get(w.quote) ?? 0 }))).toEqual([]);
      expect([...counts.keys()].sort()).toEqual(history.map((w) => w.quote).sort());

      // Every write again, with its key: the first answer replayed, nothing appended.
      for (const write of history) {
        const answer = await request('POST', '/v1/figures', write.body, { 'idempotency-key': write.key });
        expect(answer.status).toBeLessThan(300);
      }
      expect(await inLog()).toEqual(counts);
    } finally {
      await admin.end();
    }
  }, 240_000);
});
