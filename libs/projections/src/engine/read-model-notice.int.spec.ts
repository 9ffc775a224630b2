import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { loadCheckpoint } from './checkpoints.repository';
import { resetProjection } from './ensure-projection';
import { ProjectionEngine } from './projection-engine';
import { parseReadModelNotice, READ_MODELS_CHANNEL, type ReadModelNotice } from './read-model-notice';
import { rebuildProjection } from './rebuild-projection';
import { appendMany, countsProjection, eventually, recordingLogger } from './testing/counts.projection';

describe('read-model notices (PostgreSQL LISTEN/NOTIFY)', () => {
  let t: TestDatabase;
  let listener: pg.Client;
  let engine: ProjectionEngine | null = null;
  const notices: ReadModelNotice[] = [];

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 10 });
    listener = new pg.Client({ connectionString: t.url });
    await listener.connect();
    listener.on('notification', (m) => {
      const notice = m.channel === READ_MODELS_CHANNEL ? parseReadModelNotice(m.payload) : null;
      if (notice) notices.push(notice);
    });
    await listener.query(`LISTEN ${READ_MODELS_CHANNEL}`);
  });
  afterAll(async () => {
    await engine?.stop();
    await listener.end();
    await t.drop();
  });

  it('announces every batch of the active version at its commit, with the checkpoint it reached', async () => {
    engine = new ProjectionEngine({
      db: t.db,
      connectionString: t.url,
      definitions: [countsProjection('noticed', 1)],
      logger: recordingLogger(),
      pollIntervalMs: 50,
      lockRetryMs: 100,
    });
    await engine.start();
    const last = await appendMany(t.db, 'notice-a', 3);
    await eventually(async () => notices.some((n) => n.position === last), 10_000, 'the notice of the last event');
    const checkpoint = await loadCheckpoint(t.db, 'noticed', 1);
    expect(notices.at(-1)).toEqual({ projection: 'noticed', version: 1, position: checkpoint!.checkpoint.position, change: 'advance' });
  });

  it('announces a rebuild only at its switch, and a reset in place', async () => {
    notices.length = 0;
    await rebuildProjection(t.db, countsProjection('noticed', 2), { connectionString: t.url, batchSize: 1, retiredSchemaGraceMs: 50 });
    await eventually(async () => notices.some((n) => n.change === 'switch'), 10_000, 'the switch notice');
    // The version being built was not announced batch by batch, only once it became the one readers use.
    expect(notices.filter((n) => n.version === 2).map((n) => n.change)).toEqual(['advance', 'switch']);
    await engine!.stop();
    engine = null;
    notices.length = 0;
    await resetProjection(t.db, countsProjection('noticed', 2));
    await eventually(async () => notices.length > 0, 10_000, 'the reset notice');
    expect(notices).toEqual([{ projection: 'noticed', version: 2, position: '0', change: 'reset' }]);
  });
});
