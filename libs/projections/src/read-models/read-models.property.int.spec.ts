import fc from 'fast-check';
import { sql } from 'kysely';
import {
  AppendNotifier,
  PostgresEventStore,
  START,
  visibleHead,
  type Checkpoint,
  type EventStore,
  type RecordedEvent,
  readAllAfter,
} from '@factledger/event-store';
import { isDomainError } from '@factledger/shared';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { waitForPosition, type ProjectionEngine } from '../engine';
import { getMetric, getReport, listMetrics } from './query/catalog.query';
import { metricEstimate } from './query/estimate.query';
import { figureHistory, metricFigures, sourceFigures } from './query/figures.query';
import type { ReadContext } from './query/read-snapshot';
import { READ_MODELS } from './read-model-lineage';
import { startReadModelEngine } from './testing/read-model-engine';
import { dayOf, executeCommands, ledgerCommandsArb, METRICS, runNames } from './testing/random-ledger';
import { ESTIMATE_QUESTIONS, estimateBasis, estimateCases, referenceEstimate } from './testing/reference-estimate';
import { ReferenceLedger } from './testing/reference-ledger';

/**
 * For random write commands, every read query the API offers — estimate (ESTIMATE_QUESTIONS:
 * both algorithm versions, every filter), a metric's figures, a source's figures, figure
 * history, report, metric and metric list — answers at every position of the
 * log (and at sampled times, and at the head) exactly what an independent
 * reference fold of the events up to there answers (testing/reference-ledger.ts:
 * written from the READMEs, sharing no code with the read models or the
 * domain's estimate). Lists are read page by page, a few rows a page.
 *
 * PROPERTY_RUNS (default 25) and PROPERTY_COMMANDS (most random commands per
 * run, default 40) scale it (CI runs the defaults, ≈ 5 s a run; 100 or more
 * on request); PROPERTY_SEED replays a reported failure.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const COMMANDS = Number(process.env.PROPERTY_COMMANDS ?? 40);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
/** A run takes a few seconds (more with more commands); shrinking a failure reruns it many times, so shrinking stops at this bound with the smallest case found. Reaching it fails the test: fewer runs than asked never pass silently. */
const TIME_LIMIT_MS = (RUNS * 15 + 90) * 1000 * Math.max(1, COMMANDS / 12);

const SOURCES = 3;
const REPORTS = 3;
const TODAY = new Date().toISOString().slice(0, 10);
/** Figures are dated day 0–12 and updated up to four days on, repeatedly: before, among and after them, and today (the current path at the head). */
const DATES = [dayOf(3), dayOf(9), dayOf(16), TODAY];
const dayBefore = (date: string) => new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);

/**
 * The dates read at the i-th basis: the lists and views at one, estimates at
 * two; in turn the fixed dates and every date a version of the run begins
 * on, and the day before it (where one version's validity ends and the next one's begins).
 */
function datesFor(ref: ReferenceLedger, figures: readonly string[], i: number): { list: string; estimates: string[] } {
  const edges = figures.flatMap((id) => ref.figures.get(id)?.versions.flatMap((v) => [v.validAt.date, dayBefore(v.validAt.date)]) ?? []);
  const candidates = [...new Set([...DATES, ...edges])].sort();
  return { list: candidates[(i * 5) % candidates.length]!, estimates: [DATES[i % DATES.length]!, candidates[(i * 3 + 1) % candidates.length]!] };
}
/** Every n-th event's recorded time is also read as asOf=<time>. */
const TIME_SAMPLE = 5;

type NotFound = { notFound: true };
const NOT_FOUND: NotFound = { notFound: true };

const notFoundOr = async <T>(read: () => Promise<T>): Promise<T | NotFound> => {
  try {
    return await read();
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return NOT_FOUND;
    throw e;
  }
};

/** Every page of a list, following cursors; each page must carry the same basis. */
async function allPages<T>(read: (cursor?: string) => Promise<{ data: T[]; basis: unknown; page: { nextCursor: string | null } }>) {
  const items: T[] = [];
  const bases: unknown[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await read(cursor);
    items.push(...page.data);
    bases.push(page.basis);
    cursor = page.page.nextCursor ?? undefined;
    if (++pages > 200) throw new Error('more than 200 pages: a cursor does not advance');
  } while (cursor);
  return { items, bases, pages };
}

/** The run's events once all are visible to gap-safe readers (a transaction open elsewhere in the cluster may hide them a while). */
async function visibleEventsAfter(t: TestDatabase, start: Checkpoint): Promise<RecordedEvent[]> {
  // After the checkpoint in log order: with concurrent writers a larger position may come before it.
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::integer AS n FROM events WHERE (transaction_id, position) > (${start.transactionId}::xid8, ${start.position}::bigint)`.execute(
    t.db,
  );
  for (let attempt = 0; ; attempt++) {
    const { events } = await readAllAfter(t.db, start, { limit: 100_000 });
    if (events.length === rows[0]!.n || attempt > 500) return events;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function inChunks(tasks: (() => Promise<void>)[], size: number): Promise<void> {
  for (let i = 0; i < tasks.length; i += size) await Promise.all(tasks.slice(i, i + size).map((task) => task()));
}

describe('as-of queries equal a reference fold of the log at every position (fast-check, PostgreSQL)', () => {
  let t: TestDatabase;
  let engine: ProjectionEngine;
  let ctx: ReadContext;
  let run = 0;
  /** Every event folded so far, across runs (the metric list shows every run's metrics). */
  const whole = new ReferenceLedger();
  let folded: Checkpoint = START;
  /** What the compared answers held: the property must not pass vacuously. */
  const seen = {
    estimates: 0,
    multiSource: 0,
    excluded: 0,
    unverifiedExcluded: 0,
    unverifiedCounted: 0,
    supersededHeld: 0,
    revisedFigures: 0,
    retracted: 0,
    corroborated: 0,
    multiPage: 0,
    timeBefore: 0,
    notFound: 0,
    outOfOrder: 0,
  };

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

  /**
   * Every query at one basis (asOf a position, a time or the head) for the given
   * entities, against the reference at the position that basis must name:
   * lists and views at validAt `list`, estimates at each of `estimates`.
   * `variant` picks the filters read this time.
   */
  function checksAt(
    asOf: string | undefined,
    ref: ReferenceLedger,
    { list: date, estimates }: { list: string; estimates: string[] },
    entities: { metrics: string[]; sources: string[]; reports: string[]; figures: string[] },
    variant: number,
  ) {
    const at = `asOf=${asOf ?? 'head'} (position ${ref.basis(date).position})`;
    const req = (validAt: string) => (asOf === undefined ? { validAt } : { asOf, validAt });
    const checks: (() => Promise<void>)[] = [];
    const compare = (what: string, actual: unknown, expected: unknown) =>
      expect({ at, what, answer: actual }).toEqual({ at, what, answer: expected });
    const wrap = <T>(value: T | null, basis: unknown) => (value === null ? NOT_FOUND : { data: value, basis });
    const listed = <T>(list: T[] | null, validAt: string) =>
      list === null ? NOT_FOUND : { items: list, bases: undefined as unknown, basis: ref.basis(validAt) };
    const pagedAnswer = (r: { items: unknown[]; bases: unknown[]; pages: number } | NotFound) => {
      if ('notFound' in r) return r;
      if (r.pages > 1) seen.multiPage++;
      // Every page answers at the first page's basis.
      return {
        items: r.items,
        bases: undefined,
        basis: r.bases.every((b) => JSON.stringify(b) === JSON.stringify(r.bases[0])) ? r.bases[0] : r.bases,
      };
    };

    for (const metricKey of entities.metrics) {
      for (const validAt of estimates) {
        for (const q of ESTIMATE_QUESTIONS) {
          checks.push(async () => {
            const expected = wrap(referenceEstimate(ref, metricKey, validAt, q), estimateBasis(ref, validAt, q));
            for (const held of 'data' in expected ? estimateCases(expected.data, q) : []) seen[held]++;
            const { algorithmVersion, ...filters } = q;
            compare(
              `estimate ${metricKey} validAt=${validAt} ${JSON.stringify(q)}`,
              await notFoundOr(() => metricEstimate(ctx, metricKey, { ...req(validAt), algorithmVersion }, filters)),
              expected,
            );
          });
        }
      }
      checks.push(async () => {
        const expected = listed(ref.metricFigures(metricKey, date), date);
        const actual = await notFoundOr(() =>
          allPages((cursor) => metricFigures(ctx, metricKey, cursor ? { cursor, limit: 3 } : { ...req(date), limit: 3 })),
        );
        compare(`figures of metric ${metricKey} validAt=${date}`, pagedAnswer(actual), expected);
      });
      // The source filter, for one metric and one source in turn.
      const sourceId = entities.sources[variant % entities.sources.length]!;
      if (metricKey === entities.metrics[variant % entities.metrics.length]) {
        checks.push(async () => {
          const actual = await notFoundOr(() =>
            allPages((cursor) => metricFigures(ctx, metricKey, cursor ? { cursor, limit: 2, sourceId } : { ...req(date), limit: 2, sourceId })),
          );
          compare(
            `figures of metric ${metricKey} by source ${sourceId} validAt=${date}`,
            pagedAnswer(actual),
            listed(ref.metricFigures(metricKey, date, sourceId), date),
          );
        });
      }
      checks.push(async () =>
        compare(`metric ${metricKey}`, await notFoundOr(() => getMetric(ctx, metricKey, req(date))), wrap(ref.metric(metricKey), ref.basis(date))),
      );
    }
    for (const sourceId of entities.sources) {
      checks.push(async () => {
        const actual = await notFoundOr(() =>
          allPages((cursor) => sourceFigures(ctx, sourceId, cursor ? { cursor, limit: 2 } : { ...req(date), limit: 2 })),
        );
        compare(`figures of source ${sourceId} validAt=${date}`, pagedAnswer(actual), listed(ref.sourceFigures(sourceId, date), date));
      });
      // The metric filter, for one source and one metric in turn.
      const metricKey = entities.metrics[variant % entities.metrics.length]!;
      if (sourceId === entities.sources[variant % entities.sources.length]) {
        checks.push(async () => {
          const actual = await notFoundOr(() =>
            allPages((cursor) => sourceFigures(ctx, sourceId, cursor ? { cursor, limit: 2, metricKey } : { ...req(date), limit: 2, metricKey })),
          );
          compare(
            `figures of source ${sourceId} in metric ${metricKey} validAt=${date}`,
            pagedAnswer(actual),
            listed(ref.sourceFigures(sourceId, date, metricKey), date),
          );
        });
      }
    }
    for (const reportId of entities.reports) {
      checks.push(async () => {
        const actual = await notFoundOr(async () => {
          const pages: { data: { citations: unknown[] } & Record<string, unknown>; basis: unknown }[] = [];
          await allPages(async (cursor) => {
            const page = await getReport(ctx, reportId, cursor ? { cursor, limit: 3 } : { ...req(date), limit: 3 });
            pages.push(page);
            return { data: page.data.citations, basis: page.basis, page: page.page };
          });
          if (pages.length > 1) seen.multiPage++;
          const { citations: _c, ...report } = pages[0]!.data;
          // The report itself is the same on every page.
          for (const p of pages)
            expect({ at, reportId, page: { ...p.data, citations: undefined }, basis: p.basis }).toEqual({
              at,
              reportId,
              page: { ...report, citations: undefined },
              basis: pages[0]!.basis,
            });
          return { data: { ...report, citations: pages.flatMap((p) => p.data.citations) }, basis: pages[0]!.basis };
        });
        compare(`report ${reportId} validAt=${date}`, actual, wrap(ref.report(reportId, date), ref.basis(date)));
      });
    }
    for (const figureId of entities.figures) {
      checks.push(async () => {
        const expected = wrap(ref.figureHistory(figureId, date), ref.basis(date));
        if ('notFound' in expected) seen.notFound++;
        else {
          if (expected.data.versions.length > 1) seen.revisedFigures++;
          if (expected.data.status === 'retracted') seen.retracted++;
          if (expected.data.corroborations.length > 0) seen.corroborated++;
          // A version held at the date that a later-dated update superseded.
          if (expected.data.versionAtBasis !== null && expected.data.versionAtBasis < expected.data.versions.length) seen.supersededHeld++;
        }
        compare(`history of figure ${figureId} validAt=${date}`, await notFoundOr(() => figureHistory(ctx, figureId, req(date))), expected);
      });
    }
    // The whole metric catalog, every run's metrics, in about three pages.
    if (entities.metrics.length > 0) {
      checks.push(async () => {
        const expected = ref.metricList();
        const limit = Math.max(1, Math.ceil(expected.length / 3));
        const actual = await allPages((cursor) => listMetrics(ctx, cursor ? { cursor, limit } : { ...req(date), limit }));
        compare(`metric list validAt=${date}`, pagedAnswer(actual), { items: expected, bases: undefined, basis: ref.basis(date) });
      });
    }
    return checks;
  }

  it(
    'every read query, at every position, sampled times and the head, for random command sequences',
    async () => {
      const store = new PostgresEventStore(t.db, new AppendNotifier(t.pool));
      // For concurrent writers: every other append takes its transaction id a few ms before its position (as a
      // transaction that wrote something else first would), so an event can come earlier in log order than a smaller position.
      let appends = 0;
      const lingering: EventStore = Object.assign(Object.create(store) as EventStore, {
        append: (streamId: string, events: Parameters<EventStore['append']>[1], options: Parameters<EventStore['append']>[2]) =>
          ++appends % 2 === 0
            ? store.append(streamId, events, options)
            : t.db.transaction().execute(async (trx) => {
                await sql`SELECT pg_current_xact_id()`.execute(trx);
                await new Promise((r) => setTimeout(r, Math.random() * 8));
                return new PostgresEventStore(trx as never, undefined, { groupCommit: false }).append(streamId, events, options);
              }),
      });
      await fc.assert(
        // One writer, or three concurrent ones: then a later position can commit first, and log order is what counts.
        fc.asyncProperty(ledgerCommandsArb(COMMANDS), fc.constantFrom(1, 3), async (commands, lanes) => {
          const names = runNames(++run);
          const t0 = Date.now();
          const start: Checkpoint = (await visibleHead(t.db)).checkpoint ?? START;
          // Whatever the log held before the run (earlier runs, shrinking attempts) is folded first.
          for (const event of await visibleEventsAfter(t, folded)) whole.apply(event);
          folded = start;
          const { figures } = await executeCommands(lanes > 1 ? lingering : store, names, commands, { lanes });
          // In log order (transaction, position): the order asOf positions and the reference follow.
          const events = await visibleEventsAfter(t, start);
          const last = events.at(-1)!;
          if (events.some((e, i) => i > 0 && BigInt(e.position) < BigInt(events[i - 1]!.position))) seen.outOfOrder++;
          const t1 = Date.now();
          await waitForPosition(
            t.db,
            READ_MODELS.map((s) => s.name),
            last.position,
            15_000,
          );
          const t2 = Date.now();

          const entities = {
            metrics: Array.from({ length: METRICS }, (_, m) => names.metric(m)),
            sources: Array.from({ length: SOURCES }, (_, s) => names.source(s)),
            reports: Array.from({ length: REPORTS }, (_, r) => names.report(r)),
            figures,
          };
          // The reference before the run's first event, then after each of its events.
          const points: ReferenceLedger[] = [whole.clone()];
          for (const event of events) {
            whole.apply(event);
            points.push(whole.clone());
          }
          folded = { position: last.position, transactionId: last.transactionId };
          const checks: (() => Promise<void>)[] = [];
          // Every position (the one before the run included), each at one validAt in turn.
          points.forEach((ref, i) => checks.push(...checksAt(ref.basis(TODAY).position, ref, datesFor(ref, figures, i), entities, i)));
          // asOf a time: the longest prefix of the log recorded by then. Earlier runs' events were all recorded before this run's.
          for (let i = 0; i < events.length; i += TIME_SAMPLE) {
            const at = events[i]!.recordedAt.getTime();
            // In turn just before event i and at its recorded time.
            const time = at - ((i / TIME_SAMPLE) % 2);
            const prefix = events.findIndex((e) => e.recordedAt.getTime() > time);
            const ref = points[prefix === -1 ? events.length : prefix]!;
            if (time < at) seen.timeBefore++;
            checks.push(...checksAt(new Date(time).toISOString(), ref, datesFor(ref, figures, i + 1), entities, i + 1));
          }
          // The head answers as the last position does; for today from the current tables alone.
          DATES.forEach((date, d) => checks.push(...checksAt(undefined, points.at(-1)!, { list: date, estimates: [date] }, entities, d)));
          // And every figure's history at the head on each date a version begins, and the day before.
          const head = points.at(-1)!;
          for (const date of new Set(
            figures.flatMap((id) => head.figures.get(id)!.versions.flatMap((v) => [v.validAt.date, dayBefore(v.validAt.date)])),
          )) {
            checks.push(...checksAt(undefined, head, { list: date, estimates: [] }, { metrics: [], sources: [], reports: [], figures }, 0));
          }
          await inChunks(checks, 10);
          if (process.env.PROP_DEBUG)
            console.log(
              `run ${run}: ${lanes} lane(s), ${events.length} events, write ${t1 - t0} ms, wait ${t2 - t1} ms, ${checks.length} checks ${Date.now() - t2} ms`,
            );
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
      expect(run).toBeGreaterThanOrEqual(RUNS);
      expect(seen.multiSource).toBeGreaterThan(5);
      expect(seen.excluded).toBeGreaterThan(0);
      expect(Math.min(seen.unverifiedExcluded, seen.unverifiedCounted)).toBeGreaterThan(0);
      expect(seen.supersededHeld).toBeGreaterThan(0);
      expect(seen.revisedFigures).toBeGreaterThan(2);
      expect(seen.multiPage).toBeGreaterThan(5);
      expect(seen.notFound).toBeGreaterThan(0);
      expect(seen.retracted).toBeGreaterThan(0);
      expect(seen.corroborated).toBeGreaterThan(0);
      if (process.env.PROP_DEBUG) console.log(seen);
    },
    TIME_LIMIT_MS + 60_000,
  );

  it('maps asOf times to the longest prefix of the log recorded by then', async () => {
    const { rows } = await sql<{
      position: string;
      recorded_at: Date;
    }>`SELECT position::text AS position, recorded_at FROM events ORDER BY transaction_id, position`.execute(t.db);
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
