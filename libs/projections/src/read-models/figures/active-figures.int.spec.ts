import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { readAllAfter, START, upcastEvents, type Checkpoint } from '@factledger/event-store';
import { evolveFigure, figureView, initialFigureState, isFigureEvent, upcastLedgerEvent, type FigureState } from '@factledger/ledger-domain';
import { loadLedger } from '../../../../../bench/fixtures/million-events';
import { waitForPosition, type ProjectionEngine } from '../../engine';
import { startReadModelEngine } from '../testing/read-model-engine';
import { activeFiguresOf } from './active-figures.lookup';

/**
 * What ingestion matches claims against, read from the figures model (current
 * rows, cited reports from versions and corroborations), equals the domain's
 * own fold of each figure's stream, on a generated ledger caught up in batches.
 */
const amounts = (list: readonly object[]): string[] => [...new Set(list.map((a) => JSON.stringify(Object.entries(a).sort())))].sort();

describe('activeFiguresOf (PostgreSQL)', () => {
  let t: TestDatabase;
  let engine: ProjectionEngine;
  const states = new Map<string, FigureState>();

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 4 });
    await loadLedger(t.adminPool, { events: 3000, metrics: 3, sources: 6, reports: 12, chunk: 100 });
    engine = await startReadModelEngine(t, { batchSize: 700 });
    const head = (await sql<{ p: string }>`SELECT max(position)::text AS p FROM events`.execute(t.db)).rows[0]!.p;
    await waitForPosition(t.db, ['figures'], head, 60_000);
    for (let after: Checkpoint = START; ;) {
      const page = await readAllAfter(t.db, after, { limit: 1000 });
      if (page.events.length === 0) break;
      for (const { event } of upcastEvents(page.events, upcastLedgerEvent)) {
        if (event && isFigureEvent(event))
          states.set(event.data.figureId, evolveFigure(states.get(event.data.figureId) ?? initialFigureState(), event));
      }
      after = page.checkpoint;
    }
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
    await t?.drop();
  });

  it('gives each active figure its current amount and date, its cited reports in first-cited order and its replaced amounts', async () => {
    const views = [...states.values()].map(figureView).filter((v) => v !== null && v.status === 'active');
    const pairs = new Set(views.map((v) => `${v!.metricKey}\u0000${v!.sourceId}`));
    let corroborated = 0;
    for (const pair of pairs) {
      const [metricKey, sourceId] = pair.split('\u0000') as [string, string];
      const read = await activeFiguresOf(t.db, metricKey, sourceId);
      const expected = views.filter((v) => v!.metricKey === metricKey && v!.sourceId === sourceId);
      expect(read.map((f) => f.figureId).sort()).toEqual(expected.map((v) => v!.figureId).sort());
      for (const figure of read) {
        const view = expected.find((v) => v!.figureId === figure.figureId)!;
        expect({ amount: figure.amount, validAt: figure.validAt, citedReportIds: figure.citedReportIds }).toEqual({
          amount: view.current.amount,
          validAt: view.current.validAt,
          citedReportIds: view.citedReportIds,
        });
        // One per row of a replaced version (an update's copy repeats one): the same amounts.
        expect(amounts(figure.previousAmounts)).toEqual(amounts(view.versions.slice(0, -1).map((v) => v.amount)));
        if (view.corroborations.length > 0) corroborated += 1;
      }
    }
    expect(pairs.size).toBeGreaterThan(3);
    expect(corroborated).toBeGreaterThan(3);
  });
});
