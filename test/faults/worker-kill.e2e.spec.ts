import { eventually } from '../../libs/ingestion/src/testing/ingestion-test-apps';
import { expectReadModelsEqualFreshRebuild } from '../support/fresh-rebuild-check';
import { homesFigure, killProcess, startFleet, startWorkerProcess, structuredBatch, type Fleet } from '../support/ledger-processes';

const figure = homesFigure;
const batch = structuredBatch;
/** The job the kill lands in: its second figure names a source the ledger does not know, which the job registers. */
const DOOMED = batch('Killed mid-job', [
  figure('Valley Fire Service', '2026-03-09', 900),
  figure('Ridge Volunteer Brigade', '2026-03-09', 950),
  figure('Valley Fire Service', '2026-03-10', 1000),
]);
/** factledger_append's per-stream lock (migrations: pg_advisory_xact_lock(hashtextextended(stream, 7406))). */
const NEW_SOURCE_STREAM = 'source-ridge-volunteer-brigade';

/**
 * Issue 14, worker killed: a real worker process is killed with SIGKILL while
 * an ingestion job is half applied (held at an append by a lock the test
 * takes) and a projector may be inside a batch; a new worker process takes
 * over. No job is lost or applied twice, and every read model equals a fresh
 * rebuild from the log (equal digests).
 */
describe('worker killed with SIGKILL mid-job, and restarted', () => {
  let fleet: Fleet;
  const request = (method: string, url: string, body?: unknown) => fleet.request(method, url, body);
  const eventsOfJob = async (jobId: string) =>
    (
      await fleet.admin.query<{ type: string }>(`SELECT event_type AS type FROM events WHERE metadata->>'ingestionJobId' = $1 ORDER BY position`, [
        jobId,
      ])
    ).rows.map((r) => r.type);

  beforeAll(async () => {
    fleet = await startFleet(1);
  }, 180_000);
  afterAll(() => fleet?.stop());

  it('loses no job, applies none twice, and ends with read models equal to a fresh rebuild', async () => {
    const blocker = await fleet.admin.connect();
    const jobs: string[] = [];
    try {
      await blocker.query('SELECT pg_advisory_lock(hashtextextended($1, 7406))', [NEW_SOURCE_STREAM]);
      for (const body of [
        DOOMED,
        batch('Queued behind it', [figure('Valley Fire Service', '2026-03-11', 1100)]),
        batch('Queued last', [figure('Valley Fire Service', '2026-03-12', 1200)]),
      ]) {
        const submitted = await request('POST', '/v1/ingestions', body);
        expect(submitted.status).toBe(202);
        jobs.push(submitted.body.jobId);
      }
      // Mid-job: the report and the first figure landed, the new source's append waits on the lock.
      await eventually(
        async () => {
          const waiting = await fleet.admin.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
          return (waiting.rowCount ?? 0) > 0 && (await eventsOfJob(jobs[0]!)).length >= 2;
        },
        30_000,
        'the first job to wait at its new source',
      );
      expect(await eventsOfJob(jobs[0]!)).toEqual(['report.registered.v1', 'figure.reported.v1']);
      await killProcess(fleet.workers[0], 'SIGKILL');
    } finally {
      await blocker.query('SELECT pg_advisory_unlock_all()');
      blocker.release();
    }

    fleet.workers.push(await startWorkerProcess(fleet.target));
    // A job held by a killed worker is taken back once its lock expires (BullMQ's stalled-job check).
    let last: unknown[] = [];
    const views = await eventually(
      async () => {
        const all = await Promise.all(jobs.map(async (id) => (await request('GET', `/v1/ingestions/${id}`)).body));
        last = all.map((v) => ({ state: v?.state, attemptsMade: v?.attemptsMade, failedReason: v?.failedReason }));
        return all.every((v) => v?.state === 'completed' || v?.state === 'failed') ? all : null;
      },
      180_000,
      'every job to finish',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the jobs: ${JSON.stringify(last)}`);
    });
    expect(views.map((v) => v.state)).toEqual(['completed', 'completed', 'completed']);

    // Each job's events exactly once: the retry of the killed one found what had landed by its event ids.
    expect(await eventsOfJob(jobs[0]!)).toEqual([
      'report.registered.v1',
      'figure.reported.v1',
      'source.registered.v1',
      'figure.reported.v1',
      'figure.reported.v1',
    ]);
    for (const id of jobs.slice(1)) expect(await eventsOfJob(id)).toEqual(['report.registered.v1', 'figure.reported.v1']);
    const { rows } = await fleet.admin.query<{ job: string }>(
      `SELECT DISTINCT metadata->>'ingestionJobId' AS job FROM events WHERE metadata ? 'ingestionJobId'`,
    );
    expect(rows.map((r) => r.job).sort()).toEqual([...jobs].sort());

    // The read models: caught up with the log, and equal to a rebuild from nothing.
    await expectReadModelsEqualFreshRebuild(fleet.postgres, async () => (await request('GET', '/v1/read-models/digest')).body.data);
  }, 300_000);
});
