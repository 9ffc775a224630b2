import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStoreTables } from '@factledger/event-store';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { latestCheckpoint } from '../checkpoints/checkpoints.repository';
import { createAuditTestApp } from '../testing/audit-test-app';
import { seedEvents, testSigningKey } from '../testing/ledger-fixture';
import { settleLog } from '../testing/settle';
import { sealedTreeSize } from '../tree/merkle-tree.repository';
import { Sealer } from './sealer';
import { readSealerStatus } from './sealer-status';

/**
 * An event whose stored JSON has no I-JSON form (appended straight through
 * SQL: jsonb takes 1e400, the HTTP API would not) cannot become a leaf. The
 * sealer must not skip it, nor loop silently: it seals everything before it,
 * checkpoints that, stops there, and the API says so, naming the event.
 */
describe('a sealer stopped by an unsealable event', () => {
  const key = testSigningKey();
  let t: TestDatabase<EventStoreTables>;
  let app: NestFastifyApplication;
  let sealer: Sealer;
  const errors: string[] = [];
  const badId = randomUUID();
  let badPosition: string;

  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
    app = await createAuditTestApp(t.url, { checkpointWaitMs: 1500 });
    sealer = new Sealer({
      connectionString: t.sealerUrl,
      key,
      checkpointIntervalMs: 0,
      pollIntervalMs: 20,
      batchSize: 100,
      logger: { log: () => undefined, warn: () => undefined, error: (m) => errors.push(m) },
    });
    await seedEvents(t.db, 6);
    const { rows } = await sql<{ last_position: string }>`
      SELECT last_position::text AS last_position FROM factledger_append('raw-1', 'raw', 'any',
        ${JSON.stringify([{ id: badId, type: 'raw.written.v1', data: '__DATA__' }]).replace('"__DATA__"', '{"x": 1e400}')}::jsonb)`.execute(t.db);
    badPosition = rows[0]!.last_position;
    await seedEvents(t.db, 3, 6);
    await settleLog(t.db);
  });
  afterAll(async () => {
    await sealer.stop();
    await app.close();
    await t.drop();
  });

  it('seals and checkpoints every event before it, and none after it', async () => {
    const checkpoint = await sealer.checkpointNow();
    expect(checkpoint).toMatchObject({ treeSize: 6 });
    expect(await sealedTreeSize(t.db)).toBe(6);
    expect(sealer.unsealable).toMatchObject({ leafIndex: 6, eventId: badId, position: badPosition, reason: '$.data.x: Infinity has no JSON form' });
    // Asking again changes nothing: it does not skip the event.
    expect(await sealer.checkpointNow()).toBeNull();
    expect(await sealedTreeSize(t.db)).toBe(6);
  });

  it('logs the stall once, naming the event, instead of retrying in a loop', async () => {
    sealer.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      `sealer: stalled: event ${badId} (position ${badPosition}) cannot be sealed as leaf 6: $.data.x: Infinity has no JSON form`,
    );
    expect(await sealedTreeSize(t.db)).toBe(6);
  });

  it('GET /v1/checkpoints/status reports it stalled, with the event, its position, the lag and the last checkpoint', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/checkpoints/status' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      state: 'stalled',
      treeSize: 6,
      lastSealed: { leafIndex: 5 },
      lagEvents: 4,
      lagCapped: false,
      lastCheckpoint: { treeSize: 6 },
      lastError: { code: 'audit.event_unsealable', eventId: badId, position: badPosition, leafIndex: 6 },
    });
    expect(body.lastError.message).toContain('$.data.x: Infinity has no JSON form');
  });

  it('POST /v1/checkpoints says why no checkpoint can cover the log, instead of blaming a missing worker', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/checkpoints' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'audit.sealer_stalled', eventId: badId, position: badPosition });
    expect((await latestCheckpoint(t.db))?.treeSize).toBe(6);
  });
});

describe('readSealerStatus', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('is running with an empty log, and while events wait only briefly; stalled once they waited and nothing was sealed', async () => {
    expect(await readSealerStatus(t.db)).toMatchObject({
      state: 'running',
      treeSize: 0,
      lastSealed: null,
      lagEvents: 0,
      lastCheckpoint: null,
      lastError: null,
    });
    await seedEvents(t.db, 3);
    expect(await readSealerStatus(t.db)).toMatchObject({ state: 'running', lagEvents: 3, lastError: null });
    const later = () => new Date(Date.now() + 120_000);
    const stalled = await readSealerStatus(t.db, { now: later });
    expect(stalled).toMatchObject({ state: 'stalled', lagEvents: 3, lastError: { code: 'audit.sealer_not_progressing', leafIndex: 0 } });
    expect(stalled.lastError!.message).toMatch(
      /^no event sealed for \d+ s while 3 committed events wait, the next being event [0-9a-f-]{36} \(position \d+\) as leaf 0/,
    );
    expect(await readSealerStatus(t.db, { now: later, lagCap: 2 })).toMatchObject({ lagEvents: 2, lagCapped: true });

    const sealer = new Sealer({ connectionString: t.sealerUrl, key: testSigningKey(), checkpointIntervalMs: 0 });
    try {
      await sealer.checkpointNow();
    } finally {
      await sealer.stop();
    }
    const sealed = await readSealerStatus(t.db, { now: later });
    expect(sealed).toMatchObject({
      state: 'running',
      treeSize: 3,
      lagEvents: 0,
      lastSealed: { leafIndex: 2 },
      lastCheckpoint: { treeSize: 3 },
      lastError: null,
    });
  });
});
