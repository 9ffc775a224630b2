import { sql } from 'kysely';
import type { LedgerEvent } from '@factledger/ledger-domain';
import { LeasedSession, readBatch, START } from '@factledger/event-store';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { loadLedger } from '../../../../../bench/fixtures/million-events';
import {
  ProjectionEngine,
  rebuildProjection,
  schemaName,
  waitForPosition,
  type ProjectionDefinition,
  type ProjectionLogger,
  type RebuildProgress,
} from '../../engine';
import { BulkReadAhead } from '../../engine/bulk-read-ahead';
import { SharedBulkReads } from '../../engine/shared-bulk-reads';
import { insertRows, type ColumnSpec } from '../shared/batch-rows';
import { copyRows } from '../shared/copy-rows';
import { schemaDifferences, rowCounts } from '../testing/compare-schemas';
import { catalogProjection } from '../catalog/catalog.projection';
import { figuresProjection } from './figures.projection';

// Quiet: the interrupted batch's lost connection is logged as an error on purpose.
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('bulk catch-up of the figures model: a first fill, or COPY batches, far behind the head (PostgreSQL)', () => {
  let t: TestDatabase;
  const head = async () => (await sql<{ p: string }>`SELECT max(position)::text AS p FROM events`.execute(t.db)).rows[0]!.p;

  /** Builds `definition` (and `beside` in the same engine) from START to the head with one engine, then stops it. */
  async function catchUp(
    definition: ProjectionDefinition,
    bulkBatchSize: number,
    beside: ProjectionDefinition[] = [],
    options: { firstFill?: boolean; logger?: ProjectionLogger } = {},
  ): Promise<string> {
    const engine = new ProjectionEngine({
      db: t.db,
      connectionString: t.url,
      definitions: [definition, ...beside],
      batchSize: 100,
      bulkBatchSize,
      firstFill: options.firstFill,
      logger: options.logger ?? quiet,
      notifications: false,
      pollIntervalMs: 20,
    });
    await engine.start();
    try {
      await waitForPosition(t.db, [definition.name, ...beside.map((d) => d.name)], await head(), 60_000);
    } finally {
      await engine.stop();
    }
    return schemaName(definition.name, definition.version);
  }

  // Head estimates depend on the wall clock and each batch's time budget, not on the batches: left out.
  const contents = async (schema: string, other: string) => {
    const differences = await schemaDifferences(t.db, schema, other);
    return Object.fromEntries(Object.entries(differences).filter(([table]) => !table.startsWith('head_estimate')));
  };

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 8 });
    await loadLedger(t.adminPool, { events: 3000, metrics: 3, sources: 10, reports: 30, chunk: 100 });
  });
  afterAll(() => t.drop());

  it.each([
    ['a first fill', true],
    ['bulk batches', false],
  ])('writes by %s exactly the rows a batch-by-batch catch-up writes', async (_path, firstFill) => {
    const batched = await catchUp(figuresProjection({ version: 1, name: `figures_batched_${firstFill}` }), 0);
    const bulk = await catchUp(figuresProjection({ version: 1, name: `figures_bulk_${firstFill}` }), 700, [], { firstFill });
    const counts = await rowCounts(t.db, bulk);
    expect(counts.figure_versions).toBeGreaterThan(1000);
    expect(counts).toEqual(await rowCounts(t.db, batched));
    const differences = await contents(bulk, batched);
    expect(Object.values(differences).every((n) => n === 0) ? {} : differences).toEqual({});
    expect(Object.keys(differences)).toEqual(expect.arrayContaining(['figure_versions', 'citations', 'log', 'source_parties', 'metric_sources']));
  });

  it('fills again from START after a fill lost its connection: its rows and checkpoint were rolled back together', async () => {
    const reference = await catchUp(figuresProjection({ version: 1, name: 'figures_fill_reference' }), 0);
    const figures = figuresProjection({ version: 1, name: 'figures_fill_interrupted' });
    let fills = 0;
    const interrupted: ProjectionDefinition<LedgerEvent> = {
      ...figures,
      async fill(trx, ctx) {
        const count = await figures.fill!(trx, ctx);
        if (++fills === 1) await sql`SELECT pg_terminate_backend(pg_backend_pid())`.execute(trx);
        return count;
      },
    };
    const schema = await catchUp(interrupted as ProjectionDefinition, 500);
    expect(fills).toBe(2);
    expect(await rowCounts(t.db, schema)).toEqual(await rowCounts(t.db, reference));
    expect(Object.values(await contents(schema, reference)).every((n) => n === 0)).toBe(true);
  });

  it('reports a rebuild’s progress while it fills, before the checkpoint moves', async () => {
    const progress: RebuildProgress[] = [];
    const figures = figuresProjection({ version: 1, name: 'figures_fill_progress' });
    await rebuildProjection(t.db, figures as ProjectionDefinition, {
      connectionString: t.url,
      bulkBatchSize: 500,
      logger: quiet,
      onProgress: (p) => void progress.push(p),
    });
    const events = Number(await head());
    const filling = progress.find((p) => p.phase === 'catching_up' && p.checkpoint.position === '0');
    expect(filling).toMatchObject({ processed: events, total: events });
    expect(progress.at(-1)).toMatchObject({ phase: 'switched', processed: events });
  });

  it('goes on by batches when a fill fails, saying so', async () => {
    const reference = await catchUp(figuresProjection({ version: 1, name: 'figures_fail_reference' }), 0);
    const figures = figuresProjection({ version: 1, name: 'figures_fill_fails' });
    const failing: ProjectionDefinition<LedgerEvent> = { ...figures, fill: () => Promise.reject(new Error('no fill today')) };
    const warnings: string[] = [];
    const logger = { ...quiet, warn: (m: string) => void warnings.push(m) };
    const schema = await catchUp(failing as ProjectionDefinition, 500, [], { logger });
    expect(warnings).toContainEqual(expect.stringContaining('the first fill failed, going on by batches: no fill today'));
    expect(Object.values(await contents(schema, reference)).every((n) => n === 0)).toBe(true);
  });

  it.each([
    ['each by its first fill', true],
    ['on the same bulk pages', false],
  ])('writes the same rows when the catalog model catches up beside it, %s', async (_path, firstFill) => {
    const alone = await catchUp(figuresProjection({ version: 1, name: `figures_alone_${firstFill}` }), 0);
    const catalogAlone = await catchUp(catalogProjection({ version: 1, name: `catalog_alone_${firstFill}` }), 0);
    const catalog = catalogProjection({ version: 1, name: `catalog_beside_${firstFill}` });
    const together = await catchUp(figuresProjection({ version: 1, name: `figures_beside_${firstFill}` }), 700, [catalog], { firstFill });
    expect(Object.values(await contents(together, alone)).every((n) => n === 0)).toBe(true);
    const catalogSchema = schemaName(catalog.name, catalog.version);
    expect(await rowCounts(t.db, catalogSchema)).toEqual(await rowCounts(t.db, catalogAlone));
    expect(Object.values(await schemaDifferences(t.db, catalogSchema, catalogAlone)).every((n) => n === 0)).toBe(true);
  });

  it('resumes an interrupted bulk batch from its checkpoint: its rows and checkpoint were rolled back together', async () => {
    const reference = await catchUp(figuresProjection({ version: 1, name: 'figures_reference' }), 0);
    const figures = figuresProjection({ version: 1, name: 'figures_interrupted' });
    let batches = 0;
    const interrupted: ProjectionDefinition<LedgerEvent> = {
      ...figures,
      async apply(trx, events, ctx) {
        const result = await figures.apply(trx, events, ctx);
        // The third bulk batch, after its COPY: the connection dies with the transaction open.
        if (ctx.copy && ++batches === 3) await sql`SELECT pg_terminate_backend(pg_backend_pid())`.execute(trx);
        return result;
      },
    };
    const schema = await catchUp(interrupted as ProjectionDefinition, 500, [], { firstFill: false });
    expect(batches).toBeGreaterThanOrEqual(4);
    expect(await rowCounts(t.db, schema)).toEqual(await rowCounts(t.db, reference));
    expect(Object.values(await contents(schema, reference)).every((n) => n === 0)).toBe(true);
  });

  it('uses a batch read ahead only where the next read starts, with the same limit', async () => {
    const figures = figuresProjection({ version: 1, name: 'figures_ahead' });
    const ahead = new BulkReadAhead(t.db, figures as ProjectionDefinition);
    const first = await readBatch(t.db, START, 50, figures.upcast);
    const second = await readBatch(t.db, first.page.checkpoint, 50, figures.upcast);
    const positions = (b: { page: { events: { position: string }[] } }) => b.page.events.map((e) => e.position);
    ahead.start(first.page.checkpoint, 50);
    expect(positions(await ahead.read(t.db, first.page.checkpoint, 50, true))).toEqual(positions(second));
    ahead.start(first.page.checkpoint, 50);
    expect(positions(await ahead.read(t.db, START, 50, true))).toEqual(positions(first)); // elsewhere: read afresh
    ahead.start(START, 50);
    expect(positions(await ahead.read(t.db, START, 20, true))).toEqual(positions(first).slice(0, 20)); // another limit
  });

  it('reads a bulk page once for the readers behind: the first keeps it, a reader ahead waits for them, a reader alone reads its own way', async () => {
    const shared = new SharedBulkReads(t.db, 2, 60_000);
    const [ahead, behind] = [Symbol('ahead'), Symbol('behind')];
    const pages = [START];
    for (let i = 0; i < 3; i++) pages.push((await readBatch(t.db, pages[i]!, 50)).page.checkpoint);
    expect(await shared.read(ahead, pages[1]!, 50)).toBeNull(); // nobody else reads bulk pages
    expect(await shared.read(behind, START, 50)).toBeNull(); // nobody is behind it
    const first = shared.read(ahead, pages[1]!, 50);
    const second = shared.read(ahead, pages[2]!, 50);
    const third = shared.read(ahead, pages[3]!, 50);
    // Two pages held for `behind`: the third read waits until it takes one, which is the very same read.
    const waiting = () => Promise.race([third.then(() => 'read'), new Promise((r) => setTimeout(() => r('waiting'), 200))]);
    expect(await waiting()).toBe('waiting');
    expect(await first).not.toBeNull();
    expect(await shared.read(behind, pages[1]!, 50)).toBe(await first);
    expect(await waiting()).toBe('read');
    expect(await shared.read(behind, pages[2]!, 50)).toBe(await second);
    shared.leave(ahead);
    expect(await shared.read(behind, pages[3]!, 50)).toBe(await third); // read before it left: still kept
    expect(await shared.read(behind, pages[3]!, 50)).toBeNull(); // taken, and alone now
  });

  it('copies any text, array, number, date and timestamp as the INSERT over unnested arrays does', async () => {
    interface Row {
      id: number;
      label: string | null;
      tags: string[] | null;
      amount: number | null;
      flag: boolean;
      day: string;
      at: string;
    }
    const spec = {
      id: 'integer',
      label: 'text',
      tags: 'text[]',
      amount: 'numeric',
      flag: 'boolean',
      day: 'date',
      at: 'timestamptz',
    } as const satisfies ColumnSpec<Row>;
    const rows: Row[] = [
      {
        id: 1,
        label: 'tab\there\nnew line\r\\N back\\slash "quoted"',
        tags: ['a,b', 'c"d', 'e\\f', '\t'],
        amount: 0.1,
        flag: true,
        day: '2024-02-29',
        at: '2024-01-01T10:00:00.123Z',
      },
      { id: 2, label: null, tags: null, amount: null, flag: false, day: '1999-12-31', at: '2024-06-01T00:00:00.000Z' },
      { id: 3, label: '', tags: [], amount: 1e21, flag: true, day: '2024-01-01', at: '2024-01-01T00:00:00.000Z' },
    ];
    await sql`CREATE SCHEMA copy_check`.execute(t.db);
    for (const table of ['inserted', 'copied'])
      await sql`CREATE TABLE ${sql.id('copy_check', table)} (id integer, label text, tags text[], amount numeric, flag boolean, day date, at timestamptz(3))`.execute(
        t.db,
      );
    await insertRows(t.db, ['copy_check', 'inserted'], spec, rows);
    const session = await LeasedSession.open({ connectionString: t.url, applicationName: 'copy-check' });
    try {
      await session.db.transaction().execute(async () => copyRows(session.copyIn, ['copy_check', 'copied'], spec, rows));
    } finally {
      await session.close();
    }
    const { rows: diff } = await sql`
      (SELECT * FROM copy_check.inserted EXCEPT ALL SELECT * FROM copy_check.copied)
      UNION ALL (SELECT * FROM copy_check.copied EXCEPT ALL SELECT * FROM copy_check.inserted)`.execute(t.db);
    expect(diff).toEqual([]);
    const { rows: copied } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM copy_check.copied`.execute(t.db);
    expect(copied[0]!.n).toBe(3);
  });
});
