import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendToStream } from '@factledger/event-store';
import { loadConfig } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { loadLedger } from '../../../../bench/fixtures/million-events';
import { activeSchema, loadCheckpoint, waitForPosition } from '../engine';
import { eventually } from '../engine/testing/counts.projection';
import { runRebuild } from './cli/rebuild-cli';
import { ProjectorService } from './projector-worker.module';
import { metricEstimate } from './query/estimate.query';
import type { ReadContext } from './query/read-snapshot';
import { firstVersion, readModelSpec } from './read-model-lineage';

// The live versions a fresh worker builds, and the generation a rebuild adds.
const CATALOG = firstVersion(readModelSpec('catalog'));
const FIGURES = firstVersion(readModelSpec('figures'));

describe('rebuilding the read models beside the live versions (PostgreSQL)', () => {
  let t: TestDatabase;
  let worker: ProjectorService;
  let ctx: ReadContext;
  const head = async () => (await sql<{ p: string }>`SELECT max(position)::text AS p FROM events`.execute(t.db)).rows[0]!.p;

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 8 });
    await loadLedger(t.adminPool, { events: 3000, metrics: 3, sources: 10, reports: 30, chunk: 100 });
    worker = new ProjectorService(t.db, { ...loadConfig({}), databaseUrl: t.url }, { pollIntervalMs: 50, lockRetryMs: 100 });
    await worker.onModuleInit();
    await waitForPosition(t.db, ['catalog', 'figures'], await head(), 20_000);
    ctx = { db: t.db, waitTimeoutMs: 10_000 };
  });
  afterAll(async () => {
    await worker.onModuleDestroy();
    await t.drop();
  });

  it('switches readers once caught up, never showing a half-built model, and the running worker follows the new generation', async () => {
    const before = await metricEstimate(ctx, 'metric_1', {});
    expect(before.data.sourceCount).toBeGreaterThan(3);
    const stdout: string[] = [];
    const progress: { name: string; processed: number; total: number; phase: string }[] = [];
    let done = false;
    const rebuilding = runRebuild(
      { readModels: 'all', fresh: false, batchSize: 200 },
      {
        stdout: (text) => void stdout.push(text),
        stderr: () => undefined,
        onProgress: (p) => void progress.push({ name: p.name, processed: p.processed, total: p.total, phase: p.phase }),
        config: () => ({ ...loadConfig({}), databaseUrl: t.url }),
        retiredSchemaGraceMs: 100,
      },
    ).finally(() => (done = true));
    // Readers meanwhile: the same answer every time, from the live version, then from the new one.
    const seen = new Set<string>();
    let reads = 0;
    while (!done) {
      const now = await metricEstimate(ctx, 'metric_1', { asOf: before.basis.position });
      seen.add(await activeSchema(t.db, 'figures'));
      expect(now).toEqual(before);
      reads++;
    }
    expect(await rebuilding).toBe(0);
    expect(reads).toBeGreaterThan(3);
    expect(stdout.join('')).toMatch(
      new RegExp(`catalog: v${CATALOG + 1} is live, replacing v${CATALOG}[\\s\\S]*figures: v${FIGURES + 1} is live, replacing v${FIGURES}`),
    );
    const switched = progress.filter((p) => p.name === 'figures' && p.phase === 'switched');
    expect(switched).toEqual([expect.objectContaining({ processed: switched[0]!.total })]);
    expect([...seen].sort()).toEqual(expect.arrayContaining([`rm_figures_v${FIGURES}`]));
    expect(await activeSchema(t.db, 'figures')).toBe(`rm_figures_v${FIGURES + 1}`);
    expect(await metricEstimate(ctx, 'metric_1', {})).toEqual(before);

    // The worker, which ran the first version, now applies new events to the rebuilt one.
    const figureId = randomUUID();
    // Registered (and verified) first: estimate version 2 counts only verified sources.
    const registered = {
      sourceId: 'source-new',
      name: 'New',
      kind: 'intelligence',
      country: null,
      partyToConflict: false,
      aliases: [],
      needsReview: false,
    };
    await appendToStream(t.db, 'source-source-new', [{ id: randomUUID(), type: 'source.registered.v1', data: registered }]);
    const appended = await appendToStream(t.db, `figure-${figureId}`, [
      {
        id: randomUUID(),
        type: 'figure.reported.v1',
        data: {
          figureId,
          metricKey: 'metric_1',
          sourceId: 'source-new',
          amount: { qualifier: 'exact', value: 1 },
          unit: 'troops',
          validAt: { date: '2024-06-01', precision: 'day' },
          statedAt: null,
          citation: { reportId: 'report-1', quote: 'one', offset: null },
          method: 'estimate',
          scopeNote: null,
        },
      },
    ]);
    await waitForPosition(t.db, ['figures'], appended.lastPosition!, 10_000);
    await eventually(async () => worker.isLeading('figures'), 5000, 'the worker to lead the rebuilt version');
    expect(await loadCheckpoint(t.db, 'figures', FIGURES + 1)).toMatchObject({ state: 'running' });
    const after = await metricEstimate(ctx, 'metric_1', { validAt: '2024-06-01' });
    expect(after.data.figureIds).toContain(figureId);
  });

  it('refuses a read model it does not know', async () => {
    let stderr = '';
    expect(await runRebuild({ readModels: ['everything'], fresh: false }, { stderr: (text) => void (stderr += text) })).toBe(2);
    expect(stderr).toContain('unknown read model: everything');
  });
});
