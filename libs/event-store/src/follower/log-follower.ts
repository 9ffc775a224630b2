import pRetry from 'p-retry';
import { LeasedSession, type LeasedSessionOptions } from './leased-session';
import { FollowerPause } from './follower-pause';

export interface FollowerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

/** Anything that emits `append` after commits, e.g. the event store's AppendListener. */
export interface AppendWakeups {
  on(event: 'append', listener: () => void): unknown;
  off(event: 'append', listener: () => void): unknown;
}

/**
 * What a subscriber's turn asks for next. more: read again now; idle: caught
 * up, sleep until an append or the poll interval; held: committed events are
 * still hidden behind an older open transaction, look again soon; failed:
 * sleep until resumed (or the retry interval); sleep: a longer pause that an
 * append still cuts short; exit: the follower ends with this reason.
 */
export type Turn<Exit extends string = never> = 'more' | 'idle' | 'held' | 'failed' | { sleepMs: number } | { exit: Exit };

/**
 * A subscriber of the log. The follower owns the connection, the lease, the
 * waiting and the backoff; the subscriber owns its checkpoint (written in its
 * own transaction, so a batch and its checkpoint commit together or not at all).
 */
export interface LogSubscriber<Exit extends string = never> {
  /** Names the subscriber in logs, e.g. `projection figures v3`. */
  readonly label: string;
  /** One active instance per key across processes. */
  readonly lockKey: string;
  /** Just connected, before the lease is tried: e.g. check the role's privileges. */
  opened?(session: LeasedSession): Promise<void>;
  /** Before every try at the lease, standing by included: may end the follower. */
  beforeLease?(session: LeasedSession): Promise<Exit | null>;
  /** The lease was taken: load the checkpoint and any state kept beside it. */
  leased?(session: LeasedSession): Promise<void>;
  /** One unit of work under the lease: typically a gap-safe batch read from the checkpoint, applied with it. */
  turn(session: LeasedSession): Promise<Turn<Exit>>;
  /** Caught up (the turn said idle), no append since: bounded deferred work under the lease; true = more left (called again until an append). */
  idle?(session: LeasedSession): Promise<boolean>;
  /** A turn threw: forget in-memory state, reload from the database on the next turn. */
  failed?(error: unknown): void;
  /** Stopping while holding the lease on a live connection: hand over cleanly before the lock is released. */
  releasing?(session: LeasedSession): Promise<void>;
}

export interface LogFollowerOptions {
  /** The dedicated connection the lease lives on. */
  session: LeasedSessionOptions;
  logger: FollowerLogger;
  /** Polling fallback when no notification arrives. */
  pollIntervalMs: number;
  /** How often a standby instance, or a failed subscriber, looks again. */
  standbyRetryMs: number;
  /** Backoff after an error: from minMs, doubling, up to maxMs. */
  backoff: { minMs: number; maxMs: number };
  /** Drop the connection (and the lease) after any error, not only a lost connection: for state that may run ahead of the database. */
  dropSessionOnError?: boolean;
  wakeups?: AppendWakeups;
}

/**
 * Re-read at most this long after finding committed events still hidden behind
 * an older open transaction. Doubling from 10 ms by hand: it is a poll that an
 * append cuts short, not the retry of a failure (that is p-retry's, below).
 */
const HELD_BACKOFF_MAX_MS = 100;

/** A turn's error, wrapped so that p-retry retries every kind (it gives up at once on a TypeError). */
class TurnError extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

/**
 * Follows the log for one subscriber: at most one instance across processes
 * holds the subscriber's lease and runs its turns on a dedicated connection;
 * the others stand by and retry the lease. Woken by appends, polling as a
 * fallback; errors back off exponentially (p-retry); stop() lets the turn in
 * flight finish, then releases the lease.
 */
export class LogFollower<Exit extends string = never> {
  private current: LeasedSession | null = null;
  private locked = false;
  private standingBy = false;
  private heldBackoffMs = 0;
  private loop: Promise<Exit | 'stopped'> | null = null;
  private work: Promise<unknown> = Promise.resolve();
  private readonly pause = new FollowerPause();
  private readonly stopping = new AbortController();
  private readonly onAppend = () => this.wake('append');

  constructor(
    private readonly subscriber: LogSubscriber<Exit>,
    private readonly options: LogFollowerOptions,
  ) {}

  /** Starts the loop; the promise settles when it ends: 'stopped', or the subscriber's exit. */
  start(): Promise<Exit | 'stopped'> {
    if (!this.loop) {
      this.options.wakeups?.on('append', this.onAppend);
      this.loop = this.run();
    }
    return this.loop;
  }

  /** New events may be there (append), or a failure was cleared (resume): act now instead of at the next poll. */
  wake(reason: 'append' | 'resume' = 'append'): void {
    this.pause.wake(reason);
  }

  /** Finishes the turn in flight, releases the lease and closes the connection. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.options.wakeups?.off('append', this.onAppend);
    this.pause.stop();
    await this.loop;
    await this.exclusive(() => this.release());
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** The follower's connection, while it has one. */
  get session(): LeasedSession | null {
    return this.current;
  }

  /** Holds the lease on a live connection. */
  get leading(): boolean {
    return this.locked && this.current !== null && !this.current.isLost;
  }

  /**
   * Takes the lease if it is free (connecting first when needed), outside the
   * loop too: e.g. to do a subscriber's work on demand. Call inside exclusive().
   */
  async lead(): Promise<LeasedSession | null> {
    if (this.current?.isLost) await this.dropSession();
    if (this.locked) return this.current;
    this.current ??= await this.openSession();
    const session = this.current;
    if (!(await session.tryLock(this.subscriber.lockKey))) {
      if (!this.standingBy) this.options.logger.log(`${this.subscriber.label}: another instance holds it; standing by`);
      this.standingBy = true;
      return null;
    }
    this.standingBy = false;
    try {
      await this.subscriber.leased?.(session);
    } catch (e) {
      await session.unlock(this.subscriber.lockKey).catch(() => undefined); // not leading with state that failed to load
      throw e;
    }
    this.locked = true;
    return session;
  }

  /** Serialises the loop and on-demand work: they share one connection and the subscriber's state. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.work.then(fn, fn);
    this.work = run.catch(() => undefined);
    return run;
  }

  /** Like exclusive(), and an error counts as a failed turn (the subscriber forgets, the session may be dropped). */
  guarded<T>(fn: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      try {
        return await fn();
      } catch (e) {
        await this.recover(e, null);
        throw e;
      }
    });
  }

  private async run(): Promise<Exit | 'stopped'> {
    const { minMs, maxMs } = this.options.backoff;
    while (!this.stopped) {
      let turn: Turn<Exit> | 'standby';
      try {
        turn = await pRetry(() => this.exclusive(() => this.attempt()), {
          retries: Infinity,
          factor: 2,
          minTimeout: minMs,
          maxTimeout: maxMs,
          randomize: false,
          signal: this.stopping.signal,
          onFailedAttempt: ({ error, attemptNumber }) =>
            this.exclusive(() =>
              this.recover(error instanceof TurnError ? error.original : error, Math.min(maxMs, minMs * 2 ** (attemptNumber - 1))),
            ).catch(() => undefined),
        });
      } catch (e) {
        if (this.stopped) break; // aborted by stop()
        this.options.logger.error(`${this.subscriber.label}: follower loop: ${e instanceof Error ? e.message : String(e)}`);
        await this.pause.sleep(maxMs, 'fixed');
        continue;
      }
      if (typeof turn === 'object' && 'exit' in turn) return turn.exit;
      if (turn === 'idle') await this.idleWork();
      await this.sleep(turn);
    }
    return 'stopped';
  }

  /** The subscriber's idle work while it has more and nothing was appended; an error counts as a failed turn. */
  private async idleWork(): Promise<void> {
    const subscriber = this.subscriber;
    let more = subscriber.idle !== undefined;
    while (more && !this.stopped && !this.pause.isWoken) {
      try {
        more = await this.exclusive(async () => (this.leading && !this.pause.isWoken ? subscriber.idle!(this.current!) : false));
      } catch (e) {
        await this.exclusive(() => this.recover(e, null)).catch(() => undefined);
        return;
      }
    }
  }

  private async attempt(): Promise<Turn<Exit> | 'standby'> {
    try {
      if (this.stopped) return 'idle';
      if (!this.locked) {
        this.current ??= await this.openSession();
        const exit = await this.subscriber.beforeLease?.(this.current);
        if (exit) return { exit };
        if (!(await this.lead())) return 'standby';
      }
      this.pause.clearWoken(); // an append from now on means another read
      return await this.subscriber.turn(this.current!);
    } catch (e) {
      throw new TurnError(e);
    }
  }

  private sleep(turn: Turn<Exit> | 'standby'): Promise<void> {
    const { pollIntervalMs, standbyRetryMs } = this.options;
    this.heldBackoffMs = turn === 'held' ? Math.min(pollIntervalMs, HELD_BACKOFF_MAX_MS, this.heldBackoffMs * 2 || 10) : 0;
    if (turn === 'more') return Promise.resolve();
    if (turn === 'held') return this.pause.sleep(this.heldBackoffMs, 'poll');
    if (turn === 'idle') return this.pause.sleep(pollIntervalMs, 'poll');
    if (turn === 'standby') return this.pause.sleep(standbyRetryMs, 'fixed');
    if (turn === 'failed') return this.pause.sleep(standbyRetryMs, 'failed');
    return this.pause.sleep((turn as { sleepMs: number }).sleepMs, 'poll');
  }

  /** After an error: reconnect when the connection is gone, forget the subscriber's state either way. */
  private async recover(e: unknown, retryInMs: number | null): Promise<void> {
    if (this.stopped) return; // a stop during a turn fails it with the signal's AbortError (p-retry): nothing to recover
    const [label, message] = [this.subscriber.label, e instanceof Error ? e.message : String(e)];
    this.subscriber.failed?.(e);
    const retry = retryInMs === null ? '' : `; retrying in ${retryInMs} ms`;
    if (!this.current) {
      this.options.logger.warn(`${label}: cannot open its session (${message})${retry}`);
    } else if (!(await this.current.alive())) {
      this.options.logger.warn(`${label}: database connection lost${this.locked ? ', with it the lock' : ''} (${message}); reconnecting${retry}`);
      await this.dropSession();
    } else {
      this.options.logger.error(`${label}: ${message}${retry}`, (e as Error)?.stack);
      if (this.options.dropSessionOnError) await this.dropSession();
    }
  }

  private async openSession(): Promise<LeasedSession> {
    const session = await LeasedSession.open(this.options.session);
    try {
      await this.subscriber.opened?.(session);
    } catch (e) {
      await session.close();
      throw e;
    }
    return session;
  }

  private async release(): Promise<void> {
    const session = this.current;
    if (session && this.locked && (await session.alive())) {
      await this.subscriber.releasing?.(session).catch(() => undefined);
      await session.unlock(this.subscriber.lockKey).catch(() => undefined);
      this.options.logger.log(`${this.subscriber.label}: released`);
    }
    await this.dropSession();
  }

  private async dropSession(): Promise<void> {
    const session = this.current;
    this.current = null;
    this.locked = false;
    await session?.close();
  }
}
