import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import type { EventStoreTables } from '../event-store.table';
import { START, type Checkpoint } from '../event-store.types';
import { appendToStream } from '../events.repository';
import { LogFollower, type FollowerLogger, type LogSubscriber, type Turn } from './log-follower';
import { readBatch } from './read-batch';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (condition: () => boolean, what: string) => {
  for (const deadline = Date.now() + 10_000; !condition(); await sleep(10)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
};

/** Collects the positions it reads; its checkpoint lives in memory (a real subscriber writes it in its batch's transaction). */
class Collector implements LogSubscriber {
  readonly label = 'collector';
  seen: string[] = [];
  failures: unknown[] = [];
  failNext = 0;
  private checkpoint: Checkpoint = START;
  constructor(readonly lockKey: string) {}
  async turn(session: Parameters<LogSubscriber['turn']>[0]): Promise<Turn> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('apply broke');
    }
    const { page, held } = await readBatch(session.db, this.checkpoint, 3);
    this.seen.push(...page.events.map((e) => e.position));
    this.checkpoint = page.checkpoint;
    // Held: another test's open transaction hides committed events for a moment; look again soon.
    return page.events.length === 3 ? 'more' : held ? 'held' : 'idle';
  }
  failed(error: unknown): void {
    this.failures.push(error);
  }
}

describe('LogFollower', () => {
  let t: TestDatabase<EventStoreTables>;
  const followers: LogFollower[] = [];
  const lines: string[] = [];
  const logger: FollowerLogger = { log: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
  const follow = (subscriber: LogSubscriber, wakeups?: EventEmitter, pollIntervalMs = 60_000) => {
    const follower = new LogFollower(subscriber, {
      session: { connectionString: t.url, applicationName: 'log-follower-spec' },
      logger,
      pollIntervalMs,
      standbyRetryMs: 20,
      backoff: { minMs: 10, maxMs: 40 },
      wakeups,
    });
    followers.push(follower);
    void follower.start();
    return follower;
  };
  const append = (n: number) =>
    appendToStream(
      t.db,
      `f-${randomUUID()}`,
      Array.from({ length: n }, () => ({ id: randomUUID(), type: 'follower.test.v1', data: {} })),
    );

  beforeEach(async () => {
    t = await createTestDatabase<EventStoreTables>();
    lines.length = 0;
  });
  afterEach(async () => {
    await Promise.all(followers.splice(0).map((f) => f.stop()));
    await t.drop();
  });

  it('reads the log in batches from its checkpoint, woken by an append instead of its poll', async () => {
    await append(7);
    const wakeups = new EventEmitter();
    const collector = new Collector(`spec:${randomUUID()}`);
    follow(collector, wakeups);
    await until(() => collector.seen.length === 7, 'the first 7 events');
    await append(2);
    wakeups.emit('append');
    await until(() => collector.seen.length === 9, 'the appended events');
    expect(new Set(collector.seen).size).toBe(9);
  });

  it('lets one instance per lock key lead; the standby takes over when the leader stops', async () => {
    const key = `spec:${randomUUID()}`;
    const [first, second] = [new Collector(key), new Collector(key)];
    const leader = follow(first, undefined, 20);
    await until(() => leader.leading, 'the first to lead');
    const standby = follow(second, undefined, 20);
    await append(2);
    await until(() => first.seen.length === 2, 'the leader to read');
    await sleep(100);
    expect([leader.leading, standby.leading, second.seen]).toEqual([true, false, []]);
    await leader.stop();
    await until(() => standby.leading && second.seen.length === 2, 'the standby to take over');
  });

  it('backs off after a failing turn, tells the subscriber, and goes on', async () => {
    await append(4);
    const collector = new Collector(`spec:${randomUUID()}`);
    collector.failNext = 3;
    follow(collector);
    await until(() => collector.seen.length === 4, 'the events after the failures');
    expect(collector.failures.map((e) => (e as Error).message)).toEqual(['apply broke', 'apply broke', 'apply broke']);
    expect(lines.filter((l) => l.startsWith('collector: apply broke; retrying in'))).toEqual([
      'collector: apply broke; retrying in 10 ms',
      'collector: apply broke; retrying in 20 ms',
      'collector: apply broke; retrying in 40 ms',
    ]);
  });

  it('once caught up, calls the idle hook while it has more; an append in between goes first', async () => {
    await append(4);
    const wakeups = new EventEmitter();
    const ops: string[] = [];
    const collector = new (class extends Collector {
      idleLeft = 3;
      appendDuringIdle = false;
      override async turn(session: Parameters<LogSubscriber['turn']>[0]): Promise<Turn> {
        const turn = await super.turn(session);
        if (turn !== 'held') ops.push(`turn ${turn}`); // held: another test's open transaction, looked at again soon
        return turn;
      }
      async idle(): Promise<boolean> {
        ops.push('idle');
        if (this.appendDuringIdle) {
          this.appendDuringIdle = false;
          await append(1);
          wakeups.emit('append');
        }
        return --this.idleLeft > 0;
      }
    })(`spec:${randomUUID()}`);
    follow(collector, wakeups);
    await until(() => collector.idleLeft === 0, 'the idle work');
    await sleep(100); // no poll for a minute: nothing more until an append
    expect(ops).toEqual(['turn more', 'turn idle', 'idle', 'idle', 'idle']);
    ops.length = 0;
    collector.idleLeft = 3;
    collector.appendDuringIdle = true;
    await append(1);
    wakeups.emit('append');
    await until(() => collector.idleLeft === 0, 'the idle work after an append');
    // The append during the first idle call: the next turn reads it before the idle work goes on.
    expect(ops).toEqual(['turn idle', 'idle', 'turn idle', 'idle', 'idle']);
    expect(collector.seen).toHaveLength(6);
  });
});
