import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import type { EventStoreTables } from './event-store.table';
import { START } from './event-store.types';
import { readAllAfter } from './events.repository';
import { logSpan } from './log-queries.repository';

describe('logSpan: a span of the log as rows to derive from in SQL (PostgreSQL)', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
  });
  afterAll(() => t.drop());

  it('numbers the span in log order with the running maximum of recorded_at, which is not monotone', async () => {
    const stream = `span-${randomUUID().slice(0, 8)}`;
    // recorded_at goes back and forth; two transactions, so the order is (transaction id, position).
    const times = [
      ['2024-01-01 10:00:00.500+00', '2024-01-01 09:00:00+00', '2024-01-01 11:00:00+00'],
      ['2024-01-01 10:30:00+00', '2024-01-02 00:00:00.001+00'],
    ];
    let version = 0;
    // As the ledger fixture loads: the owner's connection (the app's role may only append through the store).
    const owner = await t.adminPool.connect();
    try {
      for (const batch of times) {
        await owner.query('BEGIN');
        for (const at of batch) {
          version += 1;
          await owner.query(
            `INSERT INTO events (stream_id, stream_version, event_id, event_type, data, recorded_at) VALUES ($1, $2, $3, 'span.v1', '{}', $4)`,
            [stream, version, randomUUID(), at],
          );
        }
        await owner.query('COMMIT');
      }
    } finally {
      owner.release();
    }
    const { events } = await readAllAfter(t.db, START, { limit: 100 });
    const first = events[1]!;
    const last = events.at(-1)!;
    const { rows } = await sql<{ position: string; n: string; recorded_max: string }>`
      SELECT s.position::text AS position, s.n::text AS n, to_char(s.recorded_max AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS recorded_max
        FROM (${logSpan(first, last)}) s ORDER BY s.n`.execute(t.db);
    expect(rows).toEqual([
      { position: events[1]!.position, n: '1', recorded_max: '2024-01-01 09:00:00.000' },
      { position: events[2]!.position, n: '2', recorded_max: '2024-01-01 11:00:00.000' },
      { position: events[3]!.position, n: '3', recorded_max: '2024-01-01 11:00:00.000' },
      { position: events[4]!.position, n: '4', recorded_max: '2024-01-02 00:00:00.001' },
    ]);
    // And the times read back through the store's parser are the stored instants.
    expect(events.map((e) => e.recordedAt.toISOString())).toEqual([
      '2024-01-01T10:00:00.500Z',
      '2024-01-01T09:00:00.000Z',
      '2024-01-01T11:00:00.000Z',
      '2024-01-01T10:30:00.000Z',
      '2024-01-02T00:00:00.001Z',
    ]);
  });
});
