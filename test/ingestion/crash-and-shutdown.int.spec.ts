import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { IngestionApiModule } from '../../libs/ingestion/src/http/ingestion-api.module';
import { IngestionWorkerModule } from '../../libs/ingestion/src/worker/ingestion-worker.module';
import type { IngestionHooks } from '../../libs/ingestion/src/worker/ingestion-hooks';
import { INGESTION_QUEUE } from '../../libs/ingestion/src/queue/ingestion-queue';
import { IngestionHarness } from '../../libs/ingestion/src/testing/ingestion-harness';
import { registerTestCatalog } from '../../libs/ingestion/src/testing/catalog-fixture';
import { eventually } from '../../libs/ingestion/src/testing/ingestion-test-apps';
import { ARTICLES, articlePayload } from './fixtures/fixture-articles';

const batch = (title: string) => ({
  kind: 'structured',
  report: { publisher: 'Crash Desk', title, publishedAt: '2024-10-28', language: 'en' },
  figures: [
    {
      metricKey: 'north_korean_troops_in_russia',
      source: 'HUR',
      qualifier: 'approximately',
      value: 12000,
      validAt: '2024-10-28',
      quote: 'about 12,000',
    },
    {
      metricKey: 'north_korean_troops_in_russia',
      source: 'Dutch intelligence',
      qualifier: 'up_to',
      high: 1500,
      validAt: '2024-10-25',
      quote: 'up to 1,500',
    },
    {
      metricKey: 'north_korean_troops_in_russia',
      source: 'A New Monitoring Group',
      qualifier: 'exact',
      value: 2000,
      validAt: '2024-10-28',
      quote: '2,000',
    },
    {
      metricKey: 'north_korean_troops_in_kursk',
      source: 'US intelligence',
      qualifier: 'approximately',
      value: 8000,
      validAt: '2024-10-28',
      quote: 'about 8,000',
    },
  ],
});

describe('crash, retry and shutdown (real Redis and PostgreSQL)', () => {
  let t: TestDatabase;
  let h: IngestionHarness;
  const hooks: IngestionHooks = {};
  const eventsOfJob = async (jobId: string) =>
    (
      await t.pool.query<{ type: string }>(`SELECT event_type AS type FROM events WHERE metadata->>'ingestionJobId' = $1 ORDER BY position`, [jobId])
    ).rows.map((r) => r.type);

  beforeAll(async () => {
    t = await createTestDatabase();
    h = await IngestionHarness.start(t, {
      api: (config) => [AppModule.forRoot(config), IngestionApiModule],
      worker: (config) => [WorkerModule.forRoot(config), IngestionWorkerModule],
      hooks,
    });
    await registerTestCatalog(h);
  });
  afterEach(() => {
    delete hooks.afterFigure;
  });
  afterAll(async () => {
    await h?.close();
    await t?.drop();
  });

  it('a crash after two figures, then the retry: every event exactly once', async () => {
    hooks.afterFigure = (_jobId, index, attempt) => {
      if (attempt === 1 && index === 1) throw new Error('simulated crash after the second figure');
    };
    const job = await h.ingest(batch('Crash mid-job'));
    expect(job).toMatchObject({ state: 'completed', attemptsMade: 2 });
    expect(await eventsOfJob(job.jobId)).toEqual([
      'report.registered.v1',
      'figure.reported.v1',
      'figure.reported.v1',
      'source.registered.v1',
      'figure.reported.v1',
      'figure.reported.v1',
    ]);
    // The retry finds its first two figures by their event ids and counts them as what they were: the result of an uncrashed run.
    expect(job.result).toMatchObject({
      report: { created: true },
      figuresReported: 4,
      updates: 0,
      corroborations: 0,
      revisions: 0,
      unchanged: 0,
      rejected: [],
      sourcesCreated: [{ sourceId: 'a-new-monitoring-group', name: 'A New Monitoring Group' }],
    });
    expect(job.result!.figureIds).toHaveLength(4);
  });

  it('a crash after the last line: the retry reports the figures and the source this job created', async () => {
    hooks.afterFigure = (_jobId, index, attempt) => {
      if (attempt === 1 && index === 1) throw new Error('simulated crash after the last figure');
    };
    const job = await h.ingest({
      kind: 'structured',
      report: { publisher: 'Crash Desk', title: 'Crash at the end', publishedAt: '2024-10-28', language: 'en' },
      figures: [
        {
          metricKey: 'north_korean_troops_in_kursk',
          source: 'A Late Observer',
          qualifier: 'exact',
          value: 3000,
          validAt: '2024-10-27',
          quote: '3,000',
        },
        {
          metricKey: 'north_korean_troops_in_kursk',
          source: 'HUR',
          qualifier: 'approximately',
          value: 7000,
          validAt: '2024-10-27',
          quote: 'about 7,000',
        },
      ],
    });
    expect(job).toMatchObject({ state: 'completed', attemptsMade: 2 });
    expect(job.result).toMatchObject({
      report: { created: true },
      figuresReported: 2,
      unchanged: 0,
      corroborations: 0,
      rejected: [],
      sourcesCreated: [{ sourceId: 'a-late-observer', name: 'A Late Observer' }],
    });
    expect((await eventsOfJob(job.jobId)).filter((type) => type === 'figure.reported.v1')).toHaveLength(2);
  });

  it('a crash after a correction and the old value it names: the retry still counts one revision and one corroboration', async () => {
    const first = await h.ingest(articlePayload(ARTICLES.morningDispatch));
    expect(first.result).toMatchObject({ figuresReported: 1 });
    hooks.afterFigure = (_jobId, index, attempt) => {
      if (attempt === 1 && index === 1) throw new Error('simulated crash after the correction');
    };
    const job = await h.ingest(articlePayload(ARTICLES.eveningReview));
    expect(job).toMatchObject({ state: 'completed', attemptsMade: 2 });
    expect(job.result).toMatchObject({
      figuresReported: 0,
      corroborations: 1,
      revisions: 1,
      unchanged: 0,
      rejected: [],
      report: { created: true, textStored: true },
    });
    expect((await eventsOfJob(job.jobId)).filter((type) => type.startsWith('figure.'))).toEqual(['figure.corroborated.v1', 'figure.revised.v1']);
  });

  it('crashing on every attempt but the last still appends each event once, and the job says how many attempts it took', async () => {
    hooks.afterFigure = (_jobId, index, attempt) => {
      if (attempt < 4 && index === attempt - 1) throw new Error(`crash at figure ${index}`);
    };
    const job = await h.ingest(batch('Crash thrice'));
    expect(job).toMatchObject({ state: 'completed', attemptsMade: 4, attempts: 5 });
    const types = await eventsOfJob(job.jobId);
    expect(types.filter((type) => type === 'figure.reported.v1')).toHaveLength(0);
    // Same claims as the first test from another report: corroborations, each once.
    expect(types.filter((type) => type === 'figure.corroborated.v1')).toHaveLength(4);
  });

  it('a job under a name the worker does not process, or whose name contradicts its payload, fails for good on its first attempt', async () => {
    const queue = h.api.get<Queue>(getQueueToken(INGESTION_QUEUE));
    const data = { payload: batch('Odd names'), hash: 'f'.repeat(64), submittedBy: { actor: 'test' }, submittedAt: new Date().toISOString() };
    const unknown = await queue.add('ingest-video', data, { jobId: 'odd-name-1', attempts: 5, backoff: { type: 'fixed', delay: 50 } });
    const mislabelled = await queue.add('ingest-article', data, { jobId: 'odd-name-2', attempts: 5, backoff: { type: 'fixed', delay: 50 } });
    for (const [job, code] of [
      [unknown, 'ingestion.unknown_job'],
      [mislabelled, 'ingestion.invalid_job'],
    ] as const) {
      // The state first, then the job: read the other way round, the job may predate its failure.
      await eventually(async () => (await queue.getJobState(job.id!)) === 'failed', 10_000, `job ${job.id} to fail`);
      const failed = await queue.getJob(job.id!);
      expect(failed).toMatchObject({ attemptsMade: 1, failedReason: expect.stringContaining(code) });
    }
    expect(await eventsOfJob('odd-name-1')).toEqual([]);
    expect(await eventsOfJob('odd-name-2')).toEqual([]);
  });

  it('graceful shutdown waits for the job in hand, which completes', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let blocked = false;
    hooks.afterFigure = async (_jobId, index) => {
      if (index !== 0) return;
      blocked = true;
      await released;
    };
    const { jobId } = await h.submit(batch('Shutdown while busy'));
    await eventually(async () => blocked, 10_000, 'the job to start');
    let closed = false;
    const closing = h.stopWorker().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(closed).toBe(false);
    expect((await h.request('GET', `/v1/ingestions/${jobId}`)).body.state).toBe('active');
    release();
    await closing;
    const view = (await h.request('GET', `/v1/ingestions/${jobId}`)).body;
    expect(view).toMatchObject({ state: 'completed', attemptsMade: 1 });
    await h.startWorker(hooks);
  });
});
