import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { computeEstimate, type Amount } from '@factledger/ledger-domain';
import { activeSchema, waitForPosition } from '@factledger/projections';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { headPosition } from '@factledger/event-store';
import { IngestionApiModule, IngestionWorkerModule } from '@factledger/ingestion';
import { AppModule } from '../apps/api/src/app.module';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { IngestionHarness } from '../libs/ingestion/src/testing/ingestion-harness';
import { runCli } from '../apps/cli/src/program';
import { DEFAULT_SEEDS_DIR } from '../seeds/seed-files';

interface Row {
  figure_id: string;
  source_id: string;
  qualifier: Amount['qualifier'];
  value: string | null;
  low: string | null;
  high: string | null;
  valid_at: string;
  last_position: string;
}

describe('factledger seed (through the ingestion queue, real Redis and PostgreSQL)', () => {
  let t: TestDatabase;
  let h: IngestionHarness;
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      config: () => h.config,
      stdout: (s) => void out.push(s),
      stderr: (s) => void err.push(s),
      progress: { write: () => true, isTTY: false },
    });
    return { code, out: out.join(''), err: err.join('') };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    h = await IngestionHarness.start(t, {
      api: (config) => [AppModule.forRoot(config), IngestionApiModule],
      worker: (config) => [WorkerModule.forRoot(config), IngestionWorkerModule],
    });
  });
  afterAll(async () => {
    await h?.close();
    await t?.drop();
  });

  it('loads the catalogs and the October 2024 reports, so the troop estimate is there', async () => {
    const first = await run('seed');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/metrics: 20 registered, 0 updated, 0 already there/);
    expect(first.out).toMatch(/sources: 16 registered, 0 already there/);
    expect(first.out).not.toMatch(/rejected #/);

    // The read model follows the log; let it reach the seed's last write.
    await waitForPosition(t.db, ['figures'], (await headPosition(t.db))!, 10_000);
    const schema = await activeSchema(t.db, 'figures');
    const { rows } = await sql<Row>`
      SELECT figure_id, source_id, qualifier, value::text, low::text, high::text, to_char(valid_at, 'YYYY-MM-DD') AS valid_at, version_position::text AS last_position
        FROM ${sql.id(schema, 'figure_versions')} WHERE metric_key = 'north_korean_troops_in_russia' AND recorded_to IS NULL AND valid_to IS NULL`.execute(
      t.db,
    );
    const estimate = computeEstimate(
      rows.map((r) => ({
        figureId: r.figure_id,
        sourceId: r.source_id,
        partyToConflict: r.source_id.startsWith('ua-'),
        amount: {
          qualifier: r.qualifier,
          ...(r.value ? { value: Number(r.value) } : {}),
          ...(r.low ? { low: Number(r.low) } : {}),
          ...(r.high ? { high: Number(r.high) } : {}),
        } as Amount,
        validAt: { date: r.valid_at, precision: 'day' },
        recordedPosition: r.last_position,
        recordedAt: '',
      })),
    );
    expect(estimate.sources.map((s) => [s.sourceId, s.point])).toEqual([
      ['nl-mivd', 1500],
      ['kr-nis', 3000],
      ['us-government', 3000],
      ['ua-hur', 10000],
      ['us-dod', 10000],
      ['us-intelligence', 10000],
    ]);
    expect(estimate.consensus).toBe(6500);
  });

  it('changes nothing the second time, and says nothing with --if-present', async () => {
    const events = await h.eventCount();
    const again = await run('seed');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/metrics: 0 registered, 0 updated, 20 already there/);
    expect(again.out).toMatch(/already ingested/);
    const quiet = await run('seed', '--if-present');
    expect(quiet).toEqual({ code: 0, out: '', err: '' });
    expect(await h.eventCount()).toBe(events);
  });

  it('brings a registered metric up to date with metrics.json through the update command, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factledger-seed-'));
    try {
      const metrics = JSON.parse(readFileSync(join(DEFAULT_SEEDS_DIR, 'metrics.json'), 'utf8')) as {
        key: string;
        label: string;
        patterns: string[];
      }[];
      const changed = metrics.map((m) =>
        m.key === 'north_korean_troops_in_kursk'
          ? { ...m, label: 'North Korean troops in the Kursk region', patterns: [...m.patterns, 'local:kursk oblast'] }
          : m,
      );
      writeFileSync(join(dir, 'metrics.json'), JSON.stringify(changed));
      const events = await h.eventCount();
      const first = await run('seed', '--dir', dir);
      expect(first).toMatchObject({ code: 0, err: '' });
      expect(first.out).toMatch(/metrics: 0 registered, 1 updated, 19 already there/);
      const { rows } = await t.pool.query(
        `SELECT event_type, data FROM events WHERE stream_id = 'metric-north_korean_troops_in_kursk' ORDER BY position`,
      );
      expect(rows.map((r) => r.event_type)).toEqual(['metric.registered.v1', 'metric.updated.v1']);
      expect(rows[1].data).toEqual({
        key: 'north_korean_troops_in_kursk',
        label: 'North Korean troops in the Kursk region',
        patterns: changed.find((m) => m.key === 'north_korean_troops_in_kursk')!.patterns,
      });
      expect(await h.eventCount()).toBe(events + 1);

      // Idempotent: the second run finds nothing to change.
      const second = await run('seed', '--dir', dir);
      expect(second.out).toMatch(/metrics: 0 registered, 0 updated, 20 already there/);
      expect(await run('seed', '--dir', dir, '--if-present')).toEqual({ code: 0, out: '', err: '' });
      expect(await h.eventCount()).toBe(events + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is a quiet no-op with --if-present when there are no seed files, an error without', async () => {
    expect(await run('seed', '--if-present', '--dir', '/nonexistent')).toEqual({ code: 0, out: '', err: '' });
    expect((await run('seed', '--dir', '/nonexistent')).code).toBe(1);
    expect((await run('seed', '--bogus')).code).toBe(2);
  });
});
