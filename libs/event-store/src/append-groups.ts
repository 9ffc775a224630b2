import { runAppend, type AppendQuery, type AppendRow, type PreparedAppend } from './append-call';

export interface GroupCommitOptions {
  /** Calls in flight at once. An append waits only when all are busy, so a lone writer never waits. */
  maxInFlight: number;
  /** Appends per group: bounds how long a group's transaction stays open (gap-safe readers wait on it). */
  maxAppends: number;
  /** Events per group; an append with more always goes alone. */
  maxEvents: number;
}

/**
 * Two calls in flight keep both cores busy (one backend runs while Node
 * prepares the next group); 32 appends of one event take about a
 * millisecond of server time.
 */
export const GROUP_COMMIT_DEFAULTS: Readonly<GroupCommitOptions> = Object.freeze({ maxInFlight: 2, maxAppends: 32, maxEvents: 256 });

interface Waiting {
  append: PreparedAppend;
  resolve(row: AppendRow): void;
  reject(error: unknown): void;
}

const APPEND_MANY_SQL = 'SELECT * FROM factledger_append_many($1::jsonb)';

const groupJson = (group: readonly Waiting[]): string =>
  `[${group
    .map(({ append: a }) => `{"s":${JSON.stringify(a.streamId)},"t":${JSON.stringify(a.streamType)},"x":"${String(a.expected)}","e":${a.eventsJson}}`)
    .join(',')}]`;

/**
 * Group commit without a timer: an append goes out at once while fewer than
 * `maxInFlight` calls are running; appends that arrive while all are busy
 * wait for the next free slot and go together as one factledger_append_many
 * call (one round trip, one transaction, one WAL flush). So the wait is at
 * most one call, and only under real concurrency. Each caller gets its own
 * row and status. If the group's call fails (one append's reused id aborts
 * the whole transaction), nothing of it was stored and its appends are run
 * again one by one, in order, so each gets its own answer.
 */
export class AppendGroups {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private closed = false;
  private readonly idle: (() => void)[] = [];

  constructor(
    private readonly query: AppendQuery,
    private readonly options: Readonly<GroupCommitOptions> = GROUP_COMMIT_DEFAULTS,
  ) {}

  append(append: PreparedAppend): Promise<AppendRow> {
    if (this.inFlight < this.options.maxInFlight || append.count > this.options.maxEvents || this.closed) {
      return this.track(runAppend(this.query, append));
    }
    return new Promise((resolve, reject) => this.queue.push({ append, resolve, reject }));
  }

  /** Sends what is queued and resolves once nothing is in flight; later appends go out alone. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.inFlight === 0 && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private track<T>(call: Promise<T>): Promise<T> {
    this.inFlight++;
    const done = () => {
      this.inFlight--;
      this.pump();
    };
    call.then(done, done);
    return call;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = this.takeGroup();
      if (group.length === 1) {
        const [w] = group as [Waiting];
        this.track(runAppend(this.query, w.append)).then(w.resolve, w.reject);
      } else {
        void this.track(this.send(group));
      }
    }
    if (this.inFlight === 0 && this.queue.length === 0) for (const resolve of this.idle.splice(0)) resolve();
  }

  private takeGroup(): Waiting[] {
    let events = this.queue[0]!.append.count;
    let n = 1;
    while (n < this.queue.length && n < this.options.maxAppends && events + this.queue[n]!.append.count <= this.options.maxEvents) {
      events += this.queue[n]!.append.count;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async send(group: Waiting[]): Promise<void> {
    let rows: (AppendRow & { ord: string })[];
    try {
      rows = await this.query('factledger_append_many', APPEND_MANY_SQL, [groupJson(group)]);
    } catch {
      for (const w of group) await runAppend(this.query, w.append).then(w.resolve, w.reject);
      return;
    }
    const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
    group.forEach((w, i) => {
      const row = byOrd.get(i + 1);
      if (row) w.resolve(row);
      else w.reject(new Error(`factledger_append_many returned no row for append ${i + 1} of ${group.length}`));
    });
  }
}
