import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendToStream, type EventStoreTables } from '@factledger/event-store';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { waitForPosition, type ProjectionEngine } from '../../engine';
import { metricEstimate } from './estimate.query';
import { READ_MODELS } from '../read-model-lineage';
import { startReadModelEngine } from '../testing/read-model-engine';

const registered = (key: string) => ({
  id: randomUUID(),
  type: 'metric.registered.v1',
  data: { key, label: key, unit: 'troops', description: '', aliases: [], patterns: [] },
});

describe('asOf a time (PostgreSQL)', () => {
  let t: TestDatabase<EventStoreTables>;
  let engine: ProjectionEngine;

  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>({ poolSize: 4 });
    engine = await startReadModelEngine(t);
  });
  afterAll(async () => {
    await engine.stop();
    await t.drop();
  });

  it('names the last event of the longest prefix recorded by then, past seq 9 → 10 (seq order, not text order)', async () => {
    // Twelve events in one transaction share recorded_at (now()), so seqs 1…12 share recorded_max.
    const last = await t.db.transaction().execute(async (trx) => {
      let position = '';
      for (let i = 0; i < 12; i++) position = (await appendToStream(trx, `metric-m${i}`, [registered(`m${i}`)])).lastPosition!;
      return position;
    });
    const { rows } = await sql<{ at: string }>`SELECT recorded_at::text AS at FROM events WHERE position = ${last}::bigint`.execute(t.db);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = (await appendToStream(t.db, 'metric-later', [registered('later')])).lastPosition!;
    await waitForPosition(
      t.db,
      READ_MODELS.map((s) => s.name),
      later,
      15_000,
    );

    const { basis } = await metricEstimate({ db: t.db, waitTimeoutMs: 5000 }, 'm0', { asOf: new Date(rows[0]!.at).toISOString() });
    expect(basis.position).toBe(last);
  });
});
