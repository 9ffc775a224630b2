import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import Fastify from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { appendToStream, START, visibleHead, type EventStoreTables } from '@factledger/event-store';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { settleLog } from '../testing/settle';
import { abortableStream, exportLines, tailFrames } from './log-streams';

/** Counts the pages an export reads from the database: its reads of the log (each page then looks up its leaves). */
class CountQueries implements KyselyPlugin {
  count = 0;
  constructor(private readonly failAt = Number.POSITIVE_INFINITY) {}
  transformQuery(args: PluginTransformQueryArgs) {
    if (!JSON.stringify(args.node).includes('FROM events')) return args.node;
    this.count++;
    if (this.count >= this.failAt) throw new Error('database gone mid-export');
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

describe('NDJSON export stream', () => {
  let t: TestDatabase<EventStoreTables>;
  const EVENTS = 120;
  const PAGE = 5;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
    const padding = 'x'.repeat(2000); // ~2 KB per line: the whole export is far above the stream's 64 KB buffer
    for (let i = 0; i < EVENTS; i += 10) {
      await appendToStream(
        t.db,
        `export-${i}`,
        Array.from({ length: 10 }, (_, j) => ({ id: randomUUID(), type: 'export.v1', data: { n: i + j, padding } })),
      );
    }
    await settleLog(t.db);
  });
  afterAll(() => t.drop());

  it('reads the next page only when the consumer has drained the buffer (constant memory)', async () => {
    const counter = new CountQueries();
    const db = t.db.withPlugin(counter);
    const until = (await visibleHead(t.db)).checkpoint!;
    const stream = abortableStream(() => exportLines(db, { after: START, until }, {}, PAGE));
    // A consumer that looks once and then stalls: after filling its buffer, the stream stops pulling pages.
    await new Promise<void>((resolve) => stream.once('readable', () => resolve()));
    await new Promise((r) => setTimeout(r, 200));
    const pagesWhileIdle = counter.count;
    expect(pagesWhileIdle).toBeGreaterThan(0);
    expect(pagesWhileIdle).toBeLessThan(EVENTS / PAGE / 2);
    let text = '';
    for await (const chunk of stream) text += chunk;
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((e) => e.data.n)).toEqual(Array.from({ length: EVENTS }, (_, i) => i));
    expect(counter.count).toBe(EVENTS / PAGE); // LIMIT n+1 knows the last page is last: no empty query
  });

  it('stops querying once the consumer goes away', async () => {
    const counter = new CountQueries();
    const until = (await visibleHead(t.db)).checkpoint!;
    const stream = abortableStream(() => exportLines(t.db.withPlugin(counter), { after: START, until }, {}, PAGE));
    await new Promise<void>((resolve) => stream.once('readable', () => resolve()));
    stream.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const after = counter.count;
    await new Promise((r) => setTimeout(r, 100));
    expect(counter.count).toBe(after);
    expect(after).toBeLessThan(EVENTS / PAGE);
  });

  it('a failure mid-export aborts the response, so the client sees an incomplete body, never a complete-looking 200', async () => {
    const until = (await visibleHead(t.db)).checkpoint!;
    const server = Fastify();
    // As EventsController.export sends it: the stream as the reply body, headers already out when page 3 fails.
    server.get('/export', (_req, reply) => {
      reply
        .header('content-type', 'application/x-ndjson')
        .send(abortableStream(() => exportLines(t.db.withPlugin(new CountQueries(3)), { after: START, until }, {}, PAGE)));
    });
    const base = await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${base}/export`);
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow(); // the chunked body never ends properly
    } finally {
      await server.close();
    }
  });
});

describe('live tail frames', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
  });
  afterAll(() => t.drop());

  it('a wakeup that arrives before its event is readable (a replica still replaying it) is followed by early looks, not by the next poll', async () => {
    await appendToStream(t.db, 'tail-early', [{ id: randomUUID(), type: 'tail.v1', data: { n: 0 } }]);
    await settleLog(t.db);
    const wakeups = new EventEmitter();
    const controller = new AbortController();
    const after = (await visibleHead(t.db)).checkpoint!;
    // No poll and no heartbeat would come within the test's time: only the early looks can find the event.
    const frames = tailFrames(t.db, { after, filter: {}, wakeups, signal: controller.signal, heartbeatMs: 600_000, pollMs: 600_000, pageSize: 10 });
    expect((await frames.next()).value).toContain(': connected');
    const next = frames.next();
    await new Promise((r) => setTimeout(r, 50));
    wakeups.emit('append');
    await new Promise((r) => setTimeout(r, 100));
    await appendToStream(t.db, 'tail-early', [{ id: randomUUID(), type: 'tail.v1', data: { n: 1 } }], { expectedVersion: 1 });
    const frame = (await next).value as string;
    expect(frame).toContain('event: event');
    expect(frame).toContain('"n":1');
    controller.abort();
    await frames.return(undefined);
  });
});
