import type { TestDatabase } from '@factledger/testing';
import type { IngestionHarness } from '../../libs/ingestion/src/testing/ingestion-harness';
import { startIngestionStack, type IngestionStack } from '../support/ingestion-stack';

const METRIC = 'north_korean_troops_in_russia';
const NEW_SOURCE = 'baltic-defence-observatory';
const figure = (source: string, value: number, quote: string) => ({
  metricKey: METRIC,
  source,
  qualifier: 'approximately',
  value,
  validAt: '2024-10-28',
  quote,
});

/**
 * A source ingestion creates for a name it does not know counts in estimate
 * version 2 only once an editor has verified it (PATCH /v1/sources/{id}
 * with needsReview false: a source.updated.v1), and an answer as of an
 * earlier position sees the verification state of then. Version 1 counts
 * every source throughout.
 */
describe('source verification in the estimate (ingestion, API, worker; real Redis and PostgreSQL)', () => {
  let t: TestDatabase;
  let h: IngestionHarness;
  let stack: IngestionStack;
  let newFigure: string;
  const head = async () => String((await t.pool.query('SELECT max(position) AS p FROM events')).rows[0].p);
  const estimate = async (query: string) => {
    const response = await h.request('GET', `/v1/metrics/${METRIC}/estimate?validAt=2024-10-28&${query}`);
    if (response.status !== 200) throw new Error(`${query}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { data: Record<string, any>; basis: Record<string, unknown> };
  };

  beforeAll(async () => {
    ({ t, h } = stack = await startIngestionStack());
    const job = await h.ingest({
      kind: 'structured',
      report: { reportId: 'observatory-2024-10-28', publisher: 'Example Wire', title: 'A new count', publishedAt: '2024-10-28', language: 'en' },
      figures: [figure('MIVD', 3000, 'about 3,000'), figure('Baltic Defence Observatory', 50000, 'some 50,000, the observatory says')],
    });
    expect(job.result).toMatchObject({ figuresReported: 2, sourcesCreated: [{ sourceId: NEW_SOURCE }] });
    newFigure = job.result!.figureIds[1]!;
  }, 60_000);
  afterAll(() => stack?.close());

  let beforeVerification: string;

  it('leaves the unverified source out of version 2 by default and says so', async () => {
    beforeVerification = await head();
    const { data, basis } = await estimate(`minPosition=${beforeVerification}`);
    expect(data).toMatchObject({ algorithmVersion: 2, consensus: 3000, sourceCount: 1, includeUnverified: false, excludedSources: [NEW_SOURCE] });
    expect(data.excluded).toEqual([{ figureId: newFigure, sourceId: NEW_SOURCE, reason: 'source.unverified' }]);
    expect(data.figureIds).not.toContain(newFigure);
    expect(basis).toMatchObject({ position: beforeVerification, algorithmVersion: 2, excludeParties: false, includeUnverified: false });
  });

  it('counts it with includeUnverified=true, marked unverified', async () => {
    const { data, basis } = await estimate(`asOf=${beforeVerification}&includeUnverified=true`);
    expect(data).toMatchObject({ consensus: 26500, sourceCount: 2, excluded: [], excludedSources: [] });
    expect(data.sources.map((row: any) => [row.sourceId, row.verified])).toEqual([
      ['nl-mivd', true],
      [NEW_SOURCE, false],
    ]);
    expect(basis).toMatchObject({ includeUnverified: true });
  });

  it('counts it in version 1, which knows no verification', async () => {
    const { data, basis } = await estimate(`asOf=${beforeVerification}&algorithmVersion=1`);
    expect(data).toMatchObject({ algorithmVersion: 1, consensus: 26500, sourceCount: 2, excludedSources: [] });
    expect(data).not.toHaveProperty('excluded');
    expect(Object.keys(basis)).toEqual(['position', 'recordedAt', 'validAt', 'algorithmVersion']);
  });

  it('counts it once an editor verifies it; an answer as of before the verification still leaves it out', async () => {
    const verified = await h.request('PATCH', `/v1/sources/${NEW_SOURCE}`, { needsReview: false });
    expect(verified.status).toBe(200);
    const { rows } = await t.pool.query(`SELECT event_type AS type, data FROM events WHERE position = $1`, [verified.body.position]);
    expect(rows[0]).toEqual({ type: 'source.updated.v1', data: { sourceId: NEW_SOURCE, needsReview: false } });

    const now = await estimate(`minPosition=${verified.body.position}`);
    expect(now.data).toMatchObject({ consensus: 26500, sourceCount: 2, excluded: [] });
    expect(now.data.sources.every((row: any) => row.verified)).toBe(true);

    const then = await estimate(`asOf=${beforeVerification}`);
    expect(then.data.excluded).toEqual([{ figureId: newFigure, sourceId: NEW_SOURCE, reason: 'source.unverified' }]);
    const justBefore = await estimate(`asOf=${BigInt(verified.body.position) - 1n}`);
    expect(justBefore.data).toMatchObject({ consensus: 3000, sourceCount: 1 });

    // Version 1 does not move: the verification changed no figure.
    const v1Before = await estimate(`asOf=${beforeVerification}&algorithmVersion=1`);
    const v1After = await estimate(`asOf=${verified.body.position}&algorithmVersion=1`);
    expect(v1After.data).toEqual(v1Before.data);
  });

  it('refuses includeUnverified with version 1, and a version it lacks', async () => {
    for (const [query, code] of [
      ['algorithmVersion=1&includeUnverified=true', 'query.filter_unavailable'],
      ['algorithmVersion=3', 'query.algorithm_version_unavailable'],
    ]) {
      const response = await h.request('GET', `/v1/metrics/${METRIC}/estimate?${query}`);
      expect([query, response.status, response.headers['content-type'], response.body.code]).toEqual([
        query,
        422,
        expect.stringMatching(/^application\/problem\+json/),
        code,
      ]);
    }
  });
});
