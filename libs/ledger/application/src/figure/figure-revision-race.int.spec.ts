import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { PostgresEventStore, type EventStore, type EventStoreTables } from '@factledger/event-store';
import { figureStreamId } from '@factledger/ledger-domain';
import { DATABASE, EVENT_STORE, PlatformModule, loadConfig, type DatabaseHandle } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { LedgerModule } from '../ledger.module';
import { RegisterMetricCommand } from '../metric/metric.command';
import { RegisterReportCommand } from '../report/report.command';
import { RegisterSourceCommand } from '../source/source.command';
import type { WriteContext } from '../write-context';
import { ReportFigureCommand, ReviseFigureCommand } from './figure.command';

/**
 * Holds every reader of one stream until `parties` of them have read it, so
 * they all decide on the same version: the race is certain, not likely.
 */
class ReadBarrier {
  private waiting: (() => void)[] = [];
  constructor(
    readonly streamId: string,
    private readonly parties: number,
  ) {}
  async arrive(): Promise<void> {
    const passed = new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.waiting.length === this.parties) for (const release of this.waiting) release();
    return passed;
  }
}

describe('concurrent revisions of one figure through the ledger command handlers (PostgreSQL)', () => {
  let t: TestDatabase;
  let app: INestApplicationContext;
  let commands: CommandBus;
  let store: EventStore;
  let barrier: ReadBarrier | null = null;

  const ctx = (): WriteContext => ({
    metadata: { actor: 'race-spec', requestId: randomUUID(), correlationId: randomUUID() },
    now: new Date().toISOString(),
  });

  beforeAll(async () => {
    t = await createTestDatabase();
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({ config: { ...loadConfig(), databaseUrl: t.url, databasePoolSize: 20 }, applicationName: 'race-spec' }),
        CqrsModule.forRoot(),
        LedgerModule,
      ],
    })
      // The production store (group commit, prepared appends), its stream reads passing the barrier when one is set.
      .overrideProvider(EVENT_STORE)
      .useFactory({
        inject: [DATABASE],
        factory: (d: DatabaseHandle<EventStoreTables>) => {
          const real = new PostgresEventStore(d.db, undefined, { pool: d.pool });
          return Object.assign(Object.create(real) as EventStore, {
            readStream: async (...args: Parameters<EventStore['readStream']>) => {
              const events = await real.readStream(...args);
              if (barrier && args[0] === barrier.streamId) await barrier.arrive();
              return events;
            },
          });
        },
      })
      .compile();
    moduleRef.useLogger(false);
    app = await moduleRef.init();
    commands = app.get(CommandBus);
    store = app.get(EVENT_STORE);

    await commands.execute(
      new RegisterMetricCommand({ key: 'north_korean_troops_in_russia', label: 'North Korean troops in Russia', unit: 'troops' }, ctx()),
    );
    await commands.execute(
      new RegisterSourceCommand({ sourceId: 'nl-mivd', name: 'Dutch Military Intelligence', kind: 'intelligence', country: 'NL' }, ctx()),
    );
    await commands.execute(
      new RegisterReportCommand(
        { reportId: 'brief-2024-10-25', publisher: 'Conflict Brief', title: 'First deployment', publishedAt: '2024-10-25', language: 'en' },
        ctx(),
      ),
    );
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const citation = { reportId: 'brief-2024-10-25', quote: 'as many as 1,500 soldiers' };
  const reportFigure = async () => {
    const figureId = randomUUID();
    await commands.execute(
      new ReportFigureCommand(
        {
          figureId,
          metricKey: 'north_korean_troops_in_russia',
          sourceId: 'nl-mivd',
          amount: { qualifier: 'up_to', high: 1500 },
          validAt: { date: '2024-10-25' },
          statedAt: '2024-10-25',
          citation,
          method: 'estimate',
        },
        ctx(),
      ),
    );
    return figureId;
  };
  const revise = (figureId: string, value: number) =>
    commands.execute(new ReviseFigureCommand({ figureId, amount: { qualifier: 'exact', value }, citation, reason: `corrected to ${value}` }, ctx()));

  it('lets exactly one of 10 concurrent revisions without If-Match win; the others get a concurrent-write conflict with the version', async () => {
    const figureId = await reportFigure();
    const n = 10;
    barrier = new ReadBarrier(figureStreamId(figureId), n);
    const values = Array.from({ length: n }, (_, i) => 1000 + i);
    const results = await Promise.allSettled(values.map((v) => revise(figureId, v))).finally(() => (barrier = null));

    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ result: r.value, value: values[i]! }] : []));
    expect(won).toHaveLength(1);
    expect(won[0]!.result).toMatchObject({ streamVersion: 2, changed: true });
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
    expect(lost).toHaveLength(n - 1);
    for (const error of lost) {
      expect(error).toMatchObject({
        code: 'stream.concurrent_write',
        kind: 'conflict',
        details: { streamId: figureStreamId(figureId), currentVersion: 2 },
      });
    }

    const events = await store.readStream(figureStreamId(figureId));
    expect(events.map((e) => e.type)).toEqual(['figure.reported.v1', 'figure.revised.v1']);
    expect(events[1]!.data).toMatchObject({ amount: { qualifier: 'exact', value: won[0]!.value } });
  });

  it('lets a loser that reads again and retries succeed on the new version', async () => {
    const figureId = await reportFigure();
    barrier = new ReadBarrier(figureStreamId(figureId), 2);
    const [a, b] = await Promise.allSettled([revise(figureId, 1100), revise(figureId, 1200)]).finally(() => (barrier = null));
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    const retried = await revise(figureId, a.status === 'rejected' ? 1100 : 1200);
    expect(retried).toMatchObject({ streamVersion: 3, changed: true });
    expect(await store.streamVersion(figureStreamId(figureId))).toBe(3);
  });
});
