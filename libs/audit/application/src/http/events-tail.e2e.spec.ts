import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppendNotifier, PostgresEventStore, type EventStoreTables } from '@factledger/event-store';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { createAuditTestApp } from '../testing/audit-test-app';
import { settleLog } from '../testing/settle';
import { LogWakeups } from './log-wakeups';

interface Frame {
  id?: string;
  event?: string;
  data?: string;
  comments: string[];
}

const parseFrame = (text: string): Frame => {
  const frame: Frame = { comments: [] };
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
    else if (line.startsWith('id: ')) frame.id = line.slice(4);
    else if (line.startsWith('event: ')) frame.event = line.slice(7);
    else if (line.startsWith('data: ')) frame.data = line.slice(6);
  }
  return frame;
};

/** A minimal SSE client over node:http (closing destroys the socket, so the server sees the client leave). */
async function openTail(url: string, headers: Record<string, string> = {}) {
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(url, { headers, agent: false }, resolve).once('error', reject));
  res.setEncoding('utf8');
  let buffer = '';
  let waiter: (() => void) | null = null;
  res.on('data', (chunk: string) => {
    buffer += chunk;
    waiter?.();
  });
  const next = async (timeoutMs = 3000): Promise<Frame> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return parseFrame(frame);
      }
      if (Date.now() >= deadline) throw new Error('no SSE frame in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        waiter = () => {
          clearTimeout(timer);
          waiter = null;
          resolve();
        };
      });
    }
  };
  const nextEvent = async (timeoutMs = 3000): Promise<Frame> => {
    for (;;) {
      const frame = await next(timeoutMs);
      if (frame.event === 'event') return frame;
    }
  };
  return { res, next, nextEvent, close: () => res.destroy() };
}

describe('GET /v1/events/tail (Server-Sent Events)', () => {
  let t: TestDatabase<EventStoreTables>;
  let app: NestFastifyApplication;
  let base: string;
  let notifier: AppendNotifier;
  let store: PostgresEventStore;
  const append = async (streamId: string, type = 'tail.test.v1') => {
    const result = await store.append(streamId, [{ id: randomUUID(), type, data: {}, metadata: { actor: 'spec' } }]);
    await settleLog(t.db);
    notifier.notify(result.lastPosition); // again, now that it is visible to gap-safe readers
    return result;
  };
  const listener = () => app.get(LogWakeups).get();

  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
    notifier = new AppendNotifier(t.pool);
    store = new PostgresEventStore(t.db, notifier);
    // A long poll: events arriving quickly proves the notification path.
    app = await createAuditTestApp(t.url, { heartbeatMs: 300, tailPollMs: 10_000 });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    for (let i = 0; i < 3; i++) await append('tail-a');
    for (let i = 0; i < 100 && !listener().connected; i++) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(async () => {
    notifier.close();
    await app.close();
    await t.drop();
  });

  it('starts at the end of the log and pushes new events as they commit', async () => {
    const tail = await openTail(`${base}/v1/events/tail`);
    try {
      expect(tail.res.headers['content-type']).toContain('text/event-stream');
      expect((await tail.next()).comments).toContain('connected');
      const { lastPosition } = await append('tail-b');
      const frame = await tail.nextEvent(2000);
      const event = JSON.parse(frame.data!);
      expect(event).toMatchObject({ streamId: 'tail-b', position: lastPosition });
      expect(frame.id).toBe(event.cursor);
    } finally {
      tail.close();
    }
  });

  it('resumes after Last-Event-ID (or ?after=) with everything it missed', async () => {
    const log = (await app.inject({ method: 'GET', url: '/v1/events' })).json().events as { id: string; cursor: string }[];
    const tail = await openTail(`${base}/v1/events/tail`, { 'last-event-id': log[0]!.cursor });
    try {
      const received = [JSON.parse((await tail.nextEvent()).data!).id, JSON.parse((await tail.nextEvent()).data!).id];
      expect(received).toEqual([log[1]!.id, log[2]!.id]);
    } finally {
      tail.close();
    }
    const byQuery = await openTail(`${base}/v1/events/tail?after=${log[1]!.cursor}`);
    try {
      expect(JSON.parse((await byQuery.nextEvent()).data!).id).toBe(log[2]!.id);
    } finally {
      byQuery.close();
    }
  });

  it('sends heartbeats while idle, moving Last-Event-ID past events its filter skipped', async () => {
    const tail = await openTail(`${base}/v1/events/tail?type=never.happens.v1`);
    try {
      await tail.next(); // connected
      expect((await tail.next(1500)).comments).toEqual(['heartbeat']);
      await append('tail-c', 'other.type.v1');
      let frame = await tail.next(1500);
      while (!frame.id) frame = await tail.next(1500);
      expect(frame.comments).toEqual(['heartbeat']);
      const log = (await app.inject({ method: 'GET', url: '/v1/events?limit=1000' })).json().events as { cursor: string }[];
      expect(frame.id).toBe(log.at(-1)!.cursor);
    } finally {
      tail.close();
    }
  });

  it('stops reading for a client that went away', async () => {
    const waitFor = async (condition: () => boolean) => {
      for (let i = 0; i < 150 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
      return condition();
    };
    // Each waiting tail holds one append listener; earlier tests' tails must be gone first.
    expect(await waitFor(() => listener().listenerCount('append') === 0)).toBe(true);
    const tail = await openTail(`${base}/v1/events/tail`);
    await tail.next();
    expect(await waitFor(() => listener().listenerCount('append') === 1)).toBe(true);
    tail.close();
    expect(await waitFor(() => listener().listenerCount('append') === 0)).toBe(true);
  });

  it('ends open tails when the app shuts down instead of holding the server open', async () => {
    const other = await createAuditTestApp(t.url, { heartbeatMs: 60_000, tailPollMs: 60_000 });
    await other.listen(0, '127.0.0.1');
    const tail = await openTail(`${await other.getUrl()}/v1/events/tail`);
    await tail.next();
    const ended = new Promise<void>((resolve) => tail.res.once('end', resolve));
    const started = Date.now();
    await other.close();
    await ended;
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a bad Last-Event-ID with problem+json before streaming', async () => {
    const res = await fetch(`${base}/v1/events/tail`, { headers: { 'last-event-id': 'garbage!' } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'events.invalid_cursor' });
  });

  it('refuses a Last-Event-ID beyond the bigint range before streaming, not with a stream that dies', async () => {
    const outOfRange = Buffer.from('12:9999999999999999999').toString('base64url');
    for (const [query, headers] of [
      ['', { 'last-event-id': outOfRange }],
      [`?after=${outOfRange}`, {}],
    ] as Array<[string, Record<string, string>]>) {
      const res = await fetch(`${base}/v1/events/tail${query}`, { headers });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ code: 'events.invalid_cursor' });
    }
  });
});
