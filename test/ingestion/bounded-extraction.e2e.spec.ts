import * as path from 'node:path';
import type { TestDatabase } from '@factledger/testing';
import { ExtractionPool } from '../../libs/ingestion/src/extraction/extraction-pool';
import type { IngestionHarness } from '../../libs/ingestion/src/testing/ingestion-harness';
import { eventually } from '../../libs/ingestion/src/testing/ingestion-test-apps';
import { startIngestionStack, type IngestionStack } from '../support/ingestion-stack';
import { ARTICLES, articlePayload } from './fixtures/fixture-articles';

const TIMEOUT_MS = 10_000;

/**
 * Issue 14: an article's extraction must not stop the worker. The worker's
 * extraction thread here is a pathological one (real extraction of the article,
 * repeated without end: libs/ingestion/src/testing/endless-extraction.thread.ts),
 * so the job stays active for as long as the test needs, on any machine.
 */
describe('extraction off the event loop (real Redis and PostgreSQL)', () => {
  let t: TestDatabase;
  let h: IngestionHarness;
  let stack: IngestionStack;
  let pool: ExtractionPool;

  beforeAll(async () => {
    ({ t, h } = stack = await startIngestionStack());
    await h.stopWorker();
    pool = new ExtractionPool(
      { timeoutMs: TIMEOUT_MS, maxHeapMb: 128, threads: 1 },
      path.join(__dirname, '../../libs/ingestion/src/testing/endless-extraction.thread.ts'),
    );
    await h.startWorker(undefined, [[ExtractionPool, pool]]);
  });
  afterAll(async () => {
    await stack?.close();
    await pool?.close();
  });

  const checkpoints = async (): Promise<bigint[]> =>
    (await t.pool.query<{ position: string }>(`SELECT position FROM projection_checkpoints WHERE state = 'running'`)).rows.map((r) =>
      BigInt(r.position),
    );

  it('keeps the projector following the log while an article is being extracted, then fails the job for good at the time limit', async () => {
    const { jobId } = await h.submit(articlePayload(ARTICLES.kyivWire));
    await eventually(
      async () => ((await h.request('GET', `/v1/ingestions/${jobId}`)).body.state === 'active' ? true : null),
      10_000,
      'the job to start',
    );

    // A direct write while the worker is extracting: its read models apply it (the projector's checkpoints pass it).
    const write = await h.request('POST', '/v1/metrics', { key: 'homes_destroyed_eastmere', label: 'Homes destroyed in Eastmere', unit: 'count' });
    expect(write.status).toBe(201);
    const position = BigInt(write.body.position);
    await eventually(async () => ((await checkpoints()).some((p) => p >= position) ? true : null), TIMEOUT_MS, 'a checkpoint to pass the write');
    expect((await h.request('GET', `/v1/metrics/homes_destroyed_eastmere?minPosition=${position}`)).status).toBe(200);
    // ... and all that while the job is still extracting.
    expect((await h.request('GET', `/v1/ingestions/${jobId}`)).body.state).toBe('active');

    const failed = await h.finished(jobId, TIMEOUT_MS * 3);
    expect(failed).toMatchObject({ state: 'failed', attemptsMade: 1 });
    expect(failed.failedReason).toMatch(
      /^ingestion\.extraction_timeout: extracting the article \(\d+ characters\) took longer than EXTRACTION_TIMEOUT_MS \(10000 ms\)/,
    );
  });
});
