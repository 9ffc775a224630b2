import type { TestDatabase } from '@factledger/testing';
import type { IngestionHarness } from '../../libs/ingestion/src/testing/ingestion-harness';
import { startIngestionStack, type IngestionStack } from '../support/ingestion-stack';

const report = { publisher: 'Example Wire', title: 'Estimates of the deployment diverge', publishedAt: '2024-10-28', language: 'en' };
const figure = (over: Record<string, unknown> = {}) => ({
  metricKey: 'north_korean_troops_in_russia',
  source: 'Ukrainian intelligence',
  qualifier: 'approximately',
  value: 12000,
  validAt: '2024-10-28',
  quote: 'Kyiv puts the number nearer 12,000',
  ...over,
});

describe('structured ingestion through the queue (real Redis and PostgreSQL)', () => {
  let t: TestDatabase;
  let h: IngestionHarness;
  let stack: IngestionStack;
  beforeAll(async () => {
    ({ t, h } = stack = await startIngestionStack());
  });
  afterAll(() => stack?.close());

  it('ingests a JSON report: 202 with a content-derived job, then figures with provenance', async () => {
    const body = {
      kind: 'structured',
      report: { ...report, reportId: 'wire-2024-10-28' },
      figures: [
        figure(),
        figure({ source: 'MIVD', qualifier: 'up_to', value: undefined, high: 1500, validAt: '2024-10-25', quote: 'as many as 1,500' }),
      ],
    };
    const response = await h.request('POST', '/v1/ingestions', body, { 'x-actor': 'newsroom-1' }); // not a credential: ignored
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      jobId: expect.stringMatching(/^structured-[0-9a-f]{64}$/),
      created: true,
      statusUrl: `/v1/ingestions/${response.body.jobId}`,
    });
    expect(response.headers.location).toBe(response.body.statusUrl);

    const job = await h.finished(response.body.jobId);
    expect(job).toMatchObject({ state: 'completed', kind: 'structured', progress: { processed: 2, total: 2 } });
    // The worker that did it, by its instance id (host:pid:random); beside the result, not in it.
    expect(job.processedBy).toMatch(new RegExp(`:${process.pid}:[0-9a-f]{8}$`));
    expect(job.result).not.toHaveProperty('processedBy');
    expect(job.result).toMatchObject({
      report: { reportId: 'wire-2024-10-28', created: true },
      figuresReported: 2,
      corroborations: 0,
      revisions: 0,
      rejected: [],
      sourcesCreated: [],
    });

    const figures = await Promise.all(job.result!.figureIds.map((id) => h.request('GET', `/v1/figures/${id}`)));
    expect(figures.map((f) => f.body.data)).toEqual([
      expect.objectContaining({
        sourceId: 'ua-hur',
        current: expect.objectContaining({
          amount: { qualifier: 'approximately', value: 12000 },
          citation: expect.objectContaining({ reportId: 'wire-2024-10-28' }),
        }),
      }),
      expect.objectContaining({
        sourceId: 'nl-mivd',
        current: expect.objectContaining({ amount: { qualifier: 'up_to', high: 1500 }, validAt: { date: '2024-10-25', precision: 'day' } }),
      }),
    ]);
    const { rows } = await t.pool.query(`SELECT metadata FROM events WHERE stream_id = $1`, [`figure-${job.result!.figureIds[0]}`]);
    expect(rows[0].metadata).toMatchObject({ actor: h.key.keyId, via: 'worker', causationId: job.jobId, ingestionJobId: job.jobId });
  });

  it('re-submitting the same content answers the same job and appends nothing', async () => {
    const body = {
      kind: 'structured',
      report: { ...report, title: 'Repeated batch' },
      figures: [figure({ value: 11000, validAt: '2024-10-29', quote: 'about 11,000' })],
    };
    const first = await h.submit(body);
    await h.finished(first.jobId);
    const events = await h.eventCount();
    // Same content, other key order: same hash, same job.
    const again = await h.request('POST', '/v1/ingestions', { figures: body.figures, report: body.report, kind: 'structured' });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ jobId: first.jobId, created: false, state: 'completed' });
    expect(await h.eventCount()).toBe(events);
  });

  it('ingests CSV with report metadata in the query; bad rows are rejected with their line', async () => {
    const csv = [
      'metric_key,source,qualifier,value,high,valid_at,quote',
      'north_korean_troops_in_russia,US intelligence,exact,3000,,2024-10-28,"US officials now say 3,000"',
      'north_korean_troops_in_russia,NIS,exact,"3,000",,2024-10-28,"Seoul agrees: 3,000, it says"',
      'north_korean_troops_in_russia,HUR,up_to,,oops,2024-10-28,bad bound',
      'no_such_metric,HUR,exact,5,,2024-10-28,unknown metric',
    ].join('\r\n');
    const query = new URLSearchParams({ publisher: 'CSV Desk', title: 'Figures of the day', publishedAt: '2024-10-28', language: 'en' });
    const response = await h.request('POST', `/v1/ingestions?${query}`, csv, { 'content-type': 'text/csv' });
    expect(response.status).toBe(202);
    const job = await h.finished(response.body.jobId);
    expect(job.state).toBe('completed');
    expect(job.result).toMatchObject({ figuresReported: 2 });
    expect(job.result!.rejected).toEqual([
      expect.objectContaining({ line: 4, code: 'ingestion.invalid_figure', reason: expect.stringContaining('high') }),
      expect.objectContaining({ line: 5, code: 'ingestion.metric_not_found' }),
    ]);
  });

  const eventsOfJob = async (jobId: string) =>
    (
      await t.pool.query<{ type: string; stream: string }>(
        `SELECT event_type AS type, stream_id AS stream FROM events WHERE metadata->>'ingestionJobId' = $1 ORDER BY position`,
        [jobId],
      )
    ).rows;

  it('rejects a line whose source name the ledger refuses (a control character), with its reason, and takes the others at once', async () => {
    const { jobId } = await h.submit({
      kind: 'structured',
      report: { ...report, title: 'One bad source name' },
      figures: [figure({ validAt: '2024-10-20', quote: 'about 12,000 on the 20th' }), figure({ source: 'Bad\u0007Desk', quote: 'a bad name' })],
    });
    const job = await h.finished(jobId);
    expect(job).toMatchObject({ state: 'completed', attemptsMade: 1 });
    expect(job.result).toMatchObject({ figuresReported: 1, sourcesCreated: [] });
    expect(job.result!.rejected).toEqual([
      expect.objectContaining({
        index: 1,
        code: 'ingestion.invalid_figure',
        reason: expect.stringMatching(/^source must not contain control characters/),
      }),
    ]);
    // A payload whose only line has such a name never reaches the queue.
    const refused = await h.request('POST', '/v1/ingestions', {
      kind: 'structured',
      report: { ...report, title: 'Only a bad name' },
      figures: [figure({ source: 'Bad\u0007Desk' })],
    });
    expect(refused.status).toBe(422);
  });

  it("rejects a line a ledger rule refuses (a negative count, a quote with a control character) with the ledger's code, never retrying", async () => {
    const { jobId } = await h.submit({
      kind: 'structured',
      report: { ...report, title: 'Some lines the ledger refuses' },
      figures: [
        figure({ qualifier: 'exact', value: -5, quote: 'minus five' }),
        figure({ validAt: '2024-10-21', quote: 'about\u000712,000' }),
        figure({ validAt: '2024-10-22', quote: 'about 12,000 on the 22nd' }),
      ],
    });
    const job = await h.finished(jobId);
    expect(job).toMatchObject({ state: 'completed', attemptsMade: 1 });
    expect(job.result).toMatchObject({ figuresReported: 1 });
    expect(job.result!.rejected).toEqual([
      expect.objectContaining({ index: 0, code: 'figure.amount_negative' }),
      expect.objectContaining({ index: 1, code: expect.stringMatching(/^figure\./), reason: expect.stringContaining('control characters') }),
    ]);
  });

  it('a job whose every line the ledger refuses fails for good and writes nothing: no report, no new source', async () => {
    const { jobId } = await h.submit({
      kind: 'structured',
      report: { ...report, title: 'Every line refused' },
      figures: [
        figure({ source: 'An Unheard-of Monitor', qualifier: 'exact', value: -1, quote: 'minus one' }),
        figure({ unit: 'km', quote: 'in km' }),
      ],
    });
    const job = await h.finished(jobId);
    expect(job).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: expect.stringContaining('ingestion.nothing_ingested') });
    expect(job.rejected.map((r: { code: string }) => r.code)).toEqual(['figure.amount_negative', 'ingestion.unit_mismatch']);
    expect(await eventsOfJob(jobId)).toEqual([]);
    expect((await t.pool.query(`SELECT 1 FROM streams WHERE stream_id LIKE 'source-an-unheard-of-monitor%'`)).rowCount).toBe(0);
  });

  it('a later claim of the same amount is an update (a new figure at the later date), not a corroboration of the older one', async () => {
    const base = {
      kind: 'structured',
      report: { ...report, title: 'Probe: base' },
      figures: [figure({ source: 'UK MoD', validAt: '2024-10-28', quote: 'about 12,000' })],
    };
    const first = await h.ingest(base);
    expect(first.result).toMatchObject({ figuresReported: 1 });
    const later = await h.ingest({
      kind: 'structured',
      report: { ...report, title: 'Probe: later', publishedAt: '2024-11-02' },
      figures: [figure({ source: 'UK MoD', qualifier: 'exact', value: 12_050, validAt: '2024-11-02', quote: '12,050' })],
    });
    expect(later.result).toMatchObject({ figuresReported: 1, updates: 1, corroborations: 0 });
    expect(later.result!.figureIds).not.toEqual(first.result!.figureIds);
    const same = await h.ingest({
      kind: 'structured',
      report: { ...report, title: 'Probe: same day elsewhere' },
      figures: [figure({ source: 'UK MoD', qualifier: 'exact', value: 12_000, validAt: '2024-10-28', quote: '12,000' })],
    });
    expect(same.result).toMatchObject({ figuresReported: 0, corroborations: 1, figureIds: first.result!.figureIds });
  });

  it('refuses a malformed payload with 400 problem+json and queues nothing', async () => {
    const response = await h.request('POST', '/v1/ingestions', { kind: 'structured', report: { publisher: 'X' }, figures: [] });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('request.invalid');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['report.title', 'report.publishedAt', 'report.language', 'figures']),
    );
    const csv = await h.request('POST', '/v1/ingestions?publisher=P&title=T&publishedAt=2024-10-28&language=en', 'metric,source\nx,y', {
      'content-type': 'text/csv',
    });
    expect(csv.status).toBe(400);
    expect(csv.body.code).toBe('ingestion.invalid_csv');
  });

  it('takes JSON and CSV (a charset parameter allowed), refuses an unknown CSV column (400) and other content types (415; text/plain 400)', async () => {
    const query = new URLSearchParams({ publisher: 'CSV Desk', title: 'Content types', publishedAt: '2024-10-28', language: 'en' });
    const csv = 'metric_key,source,qualifier,value,valid_at,quote\nnorth_korean_troops_in_russia,HUR,approximately,12000,2024-10-27,"about 12,000"';
    expect((await h.request('POST', `/v1/ingestions?${query}`, csv, { 'content-type': 'text/csv; charset=utf-8' })).status).toBe(202);
    const unknownColumn = await h.request('POST', `/v1/ingestions?${query}`, csv.replace('quote', 'quote,colour') + ',red', {
      'content-type': 'text/csv',
    });
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body).toMatchObject({ code: 'ingestion.invalid_csv' });
    expect(unknownColumn.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'header "colour"' })]));
    const xml = await h.request('POST', `/v1/ingestions?${query}`, '<figures/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
    expect(xml.body).toMatchObject({ code: 'request.unsupported_media_type' });
    // text/plain is read as a (strictly decoded) string, which is not a JSON object: 400, not a 500.
    const plain = await h.request('POST', `/v1/ingestions?${query}`, csv, { 'content-type': 'text/plain' });
    expect(plain.status).toBe(400);
    expect(plain.body).toMatchObject({ code: 'request.invalid' });
  });

  it('fails a job whose every figure is refused, for good, and lists it with the failed jobs', async () => {
    const { jobId } = await h.submit({
      kind: 'structured',
      report: { ...report, title: 'All unknown' },
      figures: [figure({ metricKey: 'not_registered' })],
    });
    const job = await h.finished(jobId);
    expect(job).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: expect.stringContaining('ingestion.nothing_ingested') });
    expect(job.rejected).toEqual([expect.objectContaining({ index: 0, code: 'ingestion.metric_not_found' })]);
    // Nothing of it was written: its report is registered only once a line citing it is accepted.
    expect(await eventsOfJob(jobId)).toEqual([]);
    const failed = await h.request('GET', '/v1/ingestions?state=failed');
    expect(failed.status).toBe(200);
    expect(failed.body.items.map((j: { jobId: string }) => j.jobId)).toContain(jobId);
    expect((await h.request('GET', '/v1/ingestions/structured-nope')).status).toBe(400);
    expect((await h.request('GET', `/v1/ingestions/structured-${'0'.repeat(64)}`)).status).toBe(404);

    // Once the metric exists, submitting the same content again queues the failed job again.
    expect((await h.request('POST', '/v1/metrics', { key: 'not_registered', label: 'Registered late', unit: 'troops' })).status).toBe(201);
    const again = await h.submit({
      kind: 'structured',
      report: { ...report, title: 'All unknown' },
      figures: [figure({ metricKey: 'not_registered' })],
    });
    expect(again).toMatchObject({ jobId, created: false, retried: true });
    expect(await h.finished(jobId)).toMatchObject({ state: 'completed', result: { figuresReported: 1, rejected: [] } });
  });
});
