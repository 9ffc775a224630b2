import type { TestDatabase } from '@factledger/testing';
import type { IngestionHarness } from '../../libs/ingestion/src/testing/ingestion-harness';
import { startIngestionStack, type IngestionStack } from '../support/ingestion-stack';
import { ARTICLES, articlePayload } from './fixtures/fixture-articles';

describe('article ingestion: extraction, corroboration, updates, revisions (real Redis and PostgreSQL)', () => {
  let t: TestDatabase;
  let h: IngestionHarness;
  let stack: IngestionStack;
  const figure = async (id: string) => (await h.request('GET', `/v1/figures/${id}`)).body.data;

  beforeAll(async () => {
    ({ t, h } = stack = await startIngestionStack());
  });
  afterAll(() => stack?.close());

  it('follows five articles into the ledger', async () => {
    // 1. Seoul's spy agency: 1,500 sent (an alias of the NIS); the article's text is stored with the report.
    const first = await h.ingest(articlePayload(ARTICLES.morningDispatch));
    expect(first.result).toMatchObject({
      figuresReported: 1,
      corroborations: 0,
      revisions: 0,
      rejected: [],
      report: { created: true, textStored: true },
    });
    const nis = await figure(first.result!.figureIds[0]!);
    expect(nis).toMatchObject({
      sourceId: 'kr-nis',
      metricKey: 'north_korean_troops_in_russia',
      current: { amount: { qualifier: 'exact', value: 1500 }, validAt: { date: '2024-10-18' } },
    });
    const text = await h.request('GET', `/v1/reports/${first.result!.report.reportId}/text`);
    expect(text.body.body).toContain('1,500 North Korean special forces');

    // 2. "corrected its count: 1,900 ..., not 1,500": the old value it names is that figure (cited again), the new one corrects it.
    const second = await h.ingest(articlePayload(ARTICLES.eveningReview));
    expect(second.result).toMatchObject({ figuresReported: 0, corroborations: 1, revisions: 1, rejected: [], sourcesCreated: [] });
    expect(await figure(nis.figureId)).toMatchObject({
      currentVersion: 2,
      versions: [
        expect.objectContaining({ standing: 'corrected' }),
        expect.objectContaining({ kind: 'correction', amount: { qualifier: 'exact', value: 1900 } }),
      ],
    });

    // 3. Kyiv: about 12,000 (HUR, via "Ukraine's military intelligence").
    const third = await h.ingest(articlePayload(ARTICLES.kyivWire));
    expect(third.result).toMatchObject({ figuresReported: 1 });
    const hur = await figure(third.result!.figureIds[0]!);
    expect(hur).toMatchObject({
      sourceId: 'ua-hur',
      current: { amount: { qualifier: 'approximately', value: 12000 }, validAt: { date: '2024-10-28' } },
    });

    // 4. Another outlet repeats Kyiv's claim: a corroboration, not a new figure; an unknown source is created for review.
    const fourth = await h.ingest(articlePayload(ARTICLES.capitalTimes));
    expect(fourth.result).toMatchObject({
      figuresReported: 1,
      corroborations: 1,
      sourcesCreated: [{ sourceId: 'baltic-defence-observatory', name: 'Baltic Defence Observatory' }],
    });
    expect((await figure(hur.figureId)).citedReportIds).toEqual([third.result!.report.reportId, fourth.result!.report.reportId]);
    const { rows } = await t.pool.query(`SELECT data FROM events WHERE stream_id = 'source-baltic-defence-observatory'`);
    expect(rows[0].data).toMatchObject({ kind: 'other', needsReview: true });

    // 5. The same source a week later with another number: an update, i.e. a new, later figure; the old one stays true for its date.
    const fifth = await h.ingest(articlePayload(ARTICLES.weeklyBrief));
    expect(fifth.result).toMatchObject({ figuresReported: 2, updates: 1, corroborations: 0 });
    const later = await Promise.all(fifth.result!.figureIds.map(figure));
    expect(later).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sourceId: 'ua-hur',
          current: expect.objectContaining({
            amount: { qualifier: 'approximately', value: 15000 },
            validAt: { date: '2024-11-04', precision: 'day' },
          }),
        }),
        expect.objectContaining({ sourceId: 'uk-mod', metricKey: 'russian_casualties_per_month' }),
      ]),
    );
    expect((await figure(hur.figureId)).currentVersion).toBe(1);
  });

  it('re-ingesting an article is the same job and appends nothing', async () => {
    const before = await h.eventCount();
    const again = await h.submit(articlePayload(ARTICLES.capitalTimes));
    expect(again).toMatchObject({ created: false, state: 'completed' });
    expect(await h.eventCount()).toBe(before);
  });
});
