import fc from 'fast-check';
import { sql } from 'kysely';
import { AppendNotifier, PostgresEventStore, START, visibleHead, type Checkpoint, type RecordedEvent, readAllAfter } from '@factledger/event-store';
import {
  computeEstimate,
  evolveFigure,
  evolveSource,
  figureView,
  initialFigureState,
  initialSourceState,
  type EstimateInput,
  type FigureEvent,
  type FigureState,
  type SourceEvent,
  type SourceState,
} from '@factledger/ledger-domain';
import { isDomainError } from '@factledger/shared';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { waitForPosition, type ProjectionEngine } from '../engine';
import { listMetrics } from './query/catalog.query';
import { metricEstimate } from './query/estimate.query';
import { figureHistory, metricFigures } from './query/figures.query';
import type { ReadContext } from './query/read-snapshot';
import { READ_MODELS } from './read-model-lineage';
import { startReadModelEngine } from './testing/read-model-engine';
import { dayOf, executeCommands, ledgerCommandsArb, METRICS, runNames } from './testing/random-ledger';

/**
 * The reference: an independent fold of the log, event by event, with the
 * domain's own evolve functions, then the estimate algorithm on its result.
 * Nothing of the read models' SQL, seq numbering or belief rows is used.
 */
interface Reference {
  metrics: Set<string>;
  sources: Map<string, SourceState>;
  figures: Map<string, { state: FigureState; versionEvents: Map<number, RecordedEvent>; lastChange: RecordedEvent }>;
  lastChange: Map<string, RecordedEvent>;
}

const emptyReference = (): Reference => ({ metrics: new Set(), sources: new Map(), figures: new Map(), lastChange: new Map() });

function applyToReference(ref: Reference, event: RecordedEvent): void {
  const data = event.data as Record<string, any>;
  if (event.type === 'metric.registered.v1') ref.metrics.add(data.key);
  if (event.type.startsWith('source.')) {
    ref.sources.set(data.sourceId, evolveSource(ref.sources.get(data.sourceId) ?? initialSourceState(), { type: event.type, data } as SourceEvent));
  }
  if (event.type.startsWith('figure.')) {
    const entry = ref.figures.get(data.figureId) ?? { state: initialFigureState(), versionEvents: new Map(), lastChange: event };
    const before = entry.state;
    entry.state = evolveFigure(entry.state, { type: event.type, data } as FigureEvent);
    if (event.type === 'figure.reported.v1') entry.versionEvents.set(1, event);
    if (event.type === 'figure.revised.v1') entry.versionEvents.set(data.revision, event);
    ref.figures.set(data.figureId, entry);
    const changedBelief = event.type !== 'figure.corroborated.v1' && !(event.type === 'figure.retracted.v1' && before.status === 'retracted');
    if (changedBelief && entry.state.status !== 'empty') ref.lastChange.set(entry.state.metricKey, event);
  }
}

/** Each active figure of the metric in its version valid at `date` (the latest not corrected one dated on or before it). */
function heldFigures(ref: Reference, metricKey: string, date: string) {
  const held: { figureId: string; sourceId: string; version: number; input: EstimateInput }[] = [];
  for (const [figureId, { state, versionEvents }] of ref.figures) {
    if (state.status !== 'active' || state.metricKey !== metricKey) continue;
    const version = figureView(state)!.timeline.filter((v) => v.validAt.date <= date).at(-1);
    if (!version) continue;
    const event = versionEvents.get(version.version)!;
    held.push({
      figureId,
      sourceId: state.sourceId,
      version: version.version,
      input: {
        figureId,
        sourceId: state.sourceId,
        partyToConflict: (ref.sources.get(state.sourceId) as { partyToConflict?: boolean }).partyToConflict ?? false,
        amount: version.amount,
        validAt: version.validAt,
        recordedPosition: event.position,
        recordedAt: event.recordedAt.toISOString(),
      },
    });
  }
  return held;
}

function expectedEstimate(ref: Reference, metricKey: string, date: string, excludeParties: boolean) {
  if (!ref.metrics.has(metricKey)) return { notFound: true };
  const inputs = heldFigures(ref, metricKey, date).map((h) => h.input);
  const { asOf: _asOf, ...estimate } = computeEstimate(inputs, { excludeParties, asOf: date });
  const excluded = excludeParties ? computeEstimate(inputs, { asOf: date }).sources.filter((s) => s.partyToConflict).map((s) => s.sourceId).sort() : [];
  return { ...estimate, excludedSources: excluded, lastChange: ref.lastChange.get(metricKey)?.position ?? null };
}

const figureKey = (f: { sourceId: string; figureId: string }) => `${f.sourceId}\u0000${f.figureId}`;

function expectedFigures(ref: Reference, metricKey: string, date: string) {
  if (!ref.metrics.has(metricKey)) return { notFound: true };
  return heldFigures(ref, metricKey, date)
    .sort((a, b) => (figureKey(a) < figureKey(b) ? -1 : 1))
    .map((h) => ({ figureId: h.figureId, version: h.version, amount: h.input.amount, validAt: h.input.validAt }));
}

const notFoundOr = async <T>(read: () => Promise<T>): Promise<T | { notFound: true }> => {
  try {
    return await read();
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return { notFound: true };
    throw e;
  }
};

async function actualEstimate(ctx: ReadContext, metricKey: string, asOf: string | undefined, date: string, excludeParties: boolean) {
  return notFoundOr(async () => {
    const { data } = await metricEstimate(ctx, metricKey, { asOf, validAt: date }, { excludeParties });
    const { metricKey: _k, unit: _u, sources, lastChange, ...rest } = data;
    return { ...rest, sources: sources.map(({ version: _v, citation: _c, ...row }) => row), lastChange: lastChange?.position ?? null };
  });
}

/** Every page, four figures at a time: paging is part of what must agree. */
async function actualFigures(ctx: ReadContext, metricKey: string, asOf: string | undefined, date: string) {
  return notFoundOr(async () => {
    const all: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await metricFigures(ctx, metricKey, cursor ? { cursor, limit: 4 } : { asOf, validAt: date, limit: 4 });
      all.push(...page.data.map((f) => ({ figureId: f.figureId, version: f.version, amount: f.amount, validAt: f.validAt })));
      cursor = page.page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  });
}

/** The run's events once all are visible to gap-safe readers (a transaction open elsewhere in the cluster may hide them a while). */
async function visibleEventsAfter(t: TestDatabase, start: Checkpoint): Promise<RecordedEvent[]> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM events WHERE position > ${start.position}::bigint`.execute(t.db);
  for (let attempt = 0; ; attempt++) {
    const { events } = await readAllAfter(t.db, start, { limit: 10_000 });
    if (events.length === rows[0]!.n || attempt > 500) return events;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function inChunks<T>(tasks: (() => Promise<T>)[], size: number): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += size) results.push(...(await Promise.all(tasks.slice(i, i + size).map((task) => task()))));
  return results;
}

describe('as-of queries equal a reference fold of the log at every position (fast-check, PostgreSQL)', () => {
  let t: TestDatabase;
  let engine: ProjectionEngine;
  let ctx: ReadContext;
  let run = 0;
  /** How many compared estimates had several sources, and several figures of one source: the property must not pass vacuously. */
  const seen = { estimates: 0, multiSource: 0, multiFigureSource: 0, revisedFigures: 0 };

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 12 });
    // Small batches: a figure's events often span two, and often share one.
    engine = await startReadModelEngine(t, { batchSize: 7 });
    ctx = { db: t.db, waitTimeoutMs: 15_000 };
  });
  afterAll(async () => {
    await engine.stop();
    await t.drop();
  });

  it('estimates and figure versions, for random command sequences', async () => {
    const store = new PostgresEventStore(t.db, new AppendNotifier(t.pool));
    const dates = [dayOf(4), dayOf(10), new Date().toISOString().slice(0, 10)];
    await fc.assert(
      fc.asyncProperty(ledgerCommandsArb(16), async (commands) => {
        const names = runNames(++run);
        const t0 = Date.now();
        const start: Checkpoint = (await visibleHead(t.db)).checkpoint ?? START;
        const { figures } = await executeCommands(store, names, commands);
        const events = await visibleEventsAfter(t, start);
        const last = events.at(-1)!;
        const t1 = Date.now();
        await waitForPosition(t.db, READ_MODELS.map((s) => s.name), last.position, 15_000);
        const t2 = Date.now();

        const ref = emptyReference();
        const checks: (() => Promise<void>)[] = [];
        const metrics = Array.from({ length: METRICS }, (_, m) => names.metric(m));
        // Before the run's first event, then after each of its events: every position.
        const points: [string, Reference][] = [[start.position, emptyReference()]];
        for (const event of events) {
          applyToReference(ref, event);
          points.push([event.position, structuredClone(ref)]);
        }
        points.forEach(([position, at], i) => {
          for (const metricKey of metrics) {
            dates.forEach((date, d) => {
              const excludeParties = (i + d) % 2 === 1;
              checks.push(async () => {
                const expected = expectedEstimate(at, metricKey, date, excludeParties);
                const held = heldFigures(at, metricKey, date);
                seen.estimates++;
                if ('sourceCount' in expected && expected.sourceCount > 1) seen.multiSource++;
                if (new Set(held.map((h) => h.sourceId)).size < held.length) seen.multiFigureSource++;
                expect({ position, metricKey, date, estimate: await actualEstimate(ctx, metricKey, position, date, excludeParties) }).toEqual({
                  position,
                  metricKey,
                  date,
                  estimate: expected,
                });
                // Figure lists at one date per position, in turn: the estimate already covers every date.
                if (d !== i % dates.length) return;
                expect({ position, metricKey, date, figures: await actualFigures(ctx, metricKey, position, date) }).toEqual({
                  position,
                  metricKey,
                  date,
                  figures: expectedFigures(at, metricKey, date),
                });
              });
            });
          }
        });
        // The head answers as the last position does: for today from the current table alone, else from history.
        for (const metricKey of metrics) {
          checks.push(async () => {
            const head = await notFoundOr(() => metricEstimate(ctx, metricKey, {}));
            if (!('notFound' in head)) expect(head.basis.position).toBe(last.position);
            for (const date of dates) {
              expect(await actualEstimate(ctx, metricKey, undefined, date, true)).toEqual(expectedEstimate(ref, metricKey, date, true));
              expect(await actualFigures(ctx, metricKey, undefined, date)).toEqual(expectedFigures(ref, metricKey, date));
            }
          });
        }
        // Every figure's history at the end: its versions, standing and the version held now.
        for (const figureId of figures) {
          checks.push(async () => {
            const { state } = ref.figures.get(figureId)!;
            const view = figureView(state)!;
            if (view.versions.length > 1) seen.revisedFigures++;
            const { data } = await figureHistory(ctx, figureId, { asOf: last.position });
            expect(data.versions.map((v) => [v.version, v.kind, v.amount, v.validAt.date])).toEqual(view.versions.map((v) => [v.version, v.kind, v.amount, v.validAt.date]));
            expect(data.status).toBe(view.status);
            expect(data.versionAtBasis).toBe(view.status === 'active' ? view.timeline.at(-1)!.version : null);
          });
        }
        await inChunks(checks, 10);
        if (process.env.PROP_DEBUG) console.log(`run ${run}: ${events.length} events, write ${t1 - t0} ms, wait ${t2 - t1} ms, ${checks.length} checks ${Date.now() - t2} ms`);
      }),
      { numRuns: 6 },
    );
    expect(seen.multiSource).toBeGreaterThan(5);
    expect(seen.multiFigureSource).toBeGreaterThan(2);
    expect(seen.revisedFigures).toBeGreaterThan(2);
  });

  it('maps asOf times to the longest prefix of the log recorded by then', async () => {
    const { rows } = await sql<{ position: string; recorded_at: Date }>`SELECT position::text AS position, recorded_at FROM events ORDER BY transaction_id, position`.execute(t.db);
    let max = '';
    const expected: { at: string; position: string }[] = [];
    rows.forEach((row, i) => {
      const at = row.recorded_at.toISOString();
      if (at > max) max = at;
      const next = rows[i + 1]?.recorded_at.toISOString();
      if (next === undefined || next > max) expected.push({ at: max, position: row.position });
    });
    const sample = expected.filter((_, i) => i % Math.ceil(expected.length / 40) === 0);
    for (const { at, position } of sample) {
      const { basis } = await listMetrics(ctx, { asOf: at, limit: 1 });
      expect({ at, position: basis.position }).toEqual({ at, position });
    }
  });
});
