import { sql } from 'kysely';
import { DomainError } from '@factledger/shared';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { activeSchema } from './active-schema';
import { ensureProjection } from './ensure-projection';
import { ProjectionEngine } from './projection-engine';
import { projectionStatus } from './projection-status.repository';
import { waitForPosition } from './wait-for-position';
import { appendMany, countsIn, countsProjection, recordingLogger } from './testing/counts.projection';

describe('read-your-writes and status (PostgreSQL)', () => {
  let t: TestDatabase;
  let engine: ProjectionEngine;

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 10 });
    engine = new ProjectionEngine({
      db: t.db,
      connectionString: t.url,
      definitions: [countsProjection('followed'), countsProjection('also_followed')],
      logger: recordingLogger(),
      pollIntervalMs: 20,
      lockRetryMs: 100,
    });
    await engine.start();
    // Set up, never run: it stays at START.
    await ensureProjection(t.db, countsProjection('parked'));
  });
  afterAll(async () => {
    await engine.stop();
    await t.drop();
  });

  it('resolves once every named projection applied the position, so a read right after sees the write', async () => {
    const position = await appendMany(t.db, 'ryw-1', 3);
    await waitForPosition(t.db, ['followed', 'also_followed'], position, 10_000);
    const rows = await countsIn(t.db, await activeSchema(t.db, 'followed'));
    expect(rows).toContainEqual({ stream_id: 'ryw-1', events: 3, last_position: position });
  });

  it('times out as unavailable when a projection stays behind', async () => {
    const position = await appendMany(t.db, 'ryw-2', 1);
    const started = Date.now();
    const waiting = waitForPosition(t.db, ['followed', 'parked'], position, 150);
    await expect(waiting).rejects.toBeInstanceOf(DomainError);
    await expect(waiting).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'projection.wait_timeout',
      // 'followed' may be listed too, if a transaction open elsewhere in the cluster hid the event for 150 ms.
      details: { position, behind: expect.arrayContaining([expect.objectContaining({ projection: 'parked', checkpoint: '0:0' })]) },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rejects a position that names no event; a projection not registered yet is waited for', async () => {
    const head = await appendMany(t.db, 'ryw-3', 1);
    const beyond = (BigInt(head) + 1000n).toString();
    await expect(waitForPosition(t.db, ['followed'], beyond, 100)).rejects.toMatchObject({ kind: 'invalid', code: 'projection.position_unknown' });
    await expect(waitForPosition(t.db, ['followed'], 'not-a-position', 100)).rejects.toMatchObject({
      kind: 'invalid',
      code: 'projection.position_unknown',
    });
    await expect(waitForPosition(t.db, ['followed', 'nope'], head, 100)).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'projection.wait_timeout',
      details: { behind: expect.arrayContaining([{ projection: 'nope', version: null, state: 'not_registered', checkpoint: null }]) },
    });
  });

  it('fails at once, with a distinct code, when a projection it waits for has failed', async () => {
    await ensureProjection(t.db, countsProjection('broken'));
    await sql`UPDATE projection_checkpoints SET state = 'failed', error = 'boom (at event e-1, position 1, type counted.v1)' WHERE name = 'broken'`.execute(
      t.db,
    );
    const head = (await sql<{ p: string }>`SELECT max(position)::text AS p FROM events`.execute(t.db)).rows[0]!.p;
    const started = Date.now();
    await expect(waitForPosition(t.db, ['followed', 'broken'], head, 5_000)).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'projection.failed',
      details: { position: head, projection: 'broken', version: 1, error: 'boom (at event e-1, position 1, type counted.v1)' },
    });
    expect(Date.now() - started).toBeLessThan(1_000); // not the 5 s timeout
    // Positions beyond bigint are refused, not sent to SQL.
    await expect(waitForPosition(t.db, ['followed'], '9223372036854775808', 100)).rejects.toMatchObject({
      kind: 'invalid',
      code: 'projection.position_unknown',
    });
  });

  it('reports lag in events (capped) and seconds, and no lag once caught up', async () => {
    await appendMany(t.db, 'lag-1', 2);
    await new Promise((r) => setTimeout(r, 60));
    const position = await appendMany(t.db, 'lag-2', 4);
    await waitForPosition(t.db, ['followed'], position, 10_000);

    const status = await projectionStatus(t.db);
    const followed = status.find((s) => s.name === 'followed')!;
    expect(followed).toMatchObject({ state: 'running', lagEvents: 0, lagEventsCapped: false, lagSeconds: 0, locked: true, owner: engine.owner });
    expect(followed.checkpoint.position).toBe(position);

    const parked = status.find((s) => s.name === 'parked')!; // every event of this file: 3 + 1 + 1 + 2 + 4
    expect(parked).toMatchObject({
      state: 'stopped',
      activeVersion: 1,
      checkpoint: { transactionId: '0', position: '0' },
      lagEvents: 11,
      locked: false,
      owner: null,
    });
    expect(parked.lagSeconds).toBeGreaterThanOrEqual(0.05);

    const [capped] = await projectionStatus(t.db, { name: 'parked', lagCap: 5 });
    expect(capped).toMatchObject({ lagEvents: 5, lagEventsCapped: true });
  });

  it('says a read model without an active version is not ready', async () => {
    await expect(activeSchema(t.db, 'never_set_up')).rejects.toMatchObject({ kind: 'unavailable', code: 'projection.not_ready' });
  });
});
