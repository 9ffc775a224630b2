import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@factledger/event-store';
import { startApi, type ApiHarness } from './support/api-harness';
import { REPORTS, registerCatalog } from './support/scenario';

/**
 * A command on a stream that holds an event version this release does not
 * know (a newer release wrote it, README "Operations → Upgrading") is refused
 * with 503 problem+json `event.unknown_version` and Retry-After, appending
 * nothing: not a 500, and never a decision taken on a partial history.
 */
describe('a command on a stream a newer release wrote to (HTTP, real PostgreSQL)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
    await registerCatalog(api);
  });
  afterAll(() => api.close());

  it('answers 503 event.unknown_version with Retry-After and leaves the stream as it was', async () => {
    const streamId = `report-${REPORTS.oct28.reportId}`;
    const store = new PostgresEventStore(api.db.db, undefined, { groupCommit: false });
    await store.append(streamId, [
      { id: randomUUID(), type: 'report.updated.v7', data: { reportId: REPORTS.oct28.reportId }, metadata: { actor: 'newer-release' } },
    ]);
    const before = (await store.readStream(streamId)).length;

    const response = await api.request('PATCH', `/v1/reports/${REPORTS.oct28.reportId}`, { title: 'Retitled by an old server' });

    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.body).toMatchObject({ status: 503, code: 'event.unknown_version' });
    expect(response.body.detail).toContain('newer release');
    expect((await store.readStream(streamId)).length).toBe(before);
  });
});
