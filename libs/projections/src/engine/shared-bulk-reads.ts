import type { Kysely } from 'kysely';
import { compareCheckpoints, readBatch, type Batch, type Checkpoint, type EventStoreTables } from '@factledger/event-store';

interface Entry {
  /** Who read it. */
  reader: symbol;
  after: Checkpoint;
  batch: Promise<Batch>;
  /** The readers that have not taken it yet (it is dropped once none is left). */
  waiting: Set<symbol>;
}

/** Pages one reader may hold for the others before it waits for them to take one. */
const MAX_HELD = 2;
/** How long a reader ahead waits for the others; then it drops its oldest page (they read it themselves) and goes on. */
const MAX_WAIT_MS = 10_000;

/**
 * One read of the log for all the bulk catch-ups of an engine (e.g. the
 * catalog and figures models both filling from START): the first reader of a
 * page (the events after a checkpoint, with a limit) reads it raw, with every
 * payload, and keeps it for the engine's other bulk readers still behind it;
 * each upcasts it for itself (upcastBatch). Decoding rows is most of a
 * catch-up's Node thread, and each model read the same pages before. A page
 * is events below the reading snapshot's xmin, so any connection, at any later
 * time, reads the same page (or a longer one when it was short): taking a kept
 * one is the same as reading it (see BulkReadAhead). A reader ahead holds at
 * most MAX_HELD pages not yet taken and then waits, at most MAX_WAIT_MS, for
 * the others: only an idle core is lost while it waits, never an answer.
 */
export class SharedBulkReads {
  private readonly entries = new Map<string, Entry>();
  /** Each bulk reader, with where its last read started. */
  private readonly readers = new Map<symbol, Checkpoint>();
  private wakers: (() => void)[] = [];

  constructor(
    private readonly pool: Kysely<EventStoreTables>,
    private readonly maxHeld = MAX_HELD,
    private readonly maxWaitMs = MAX_WAIT_MS,
  ) {}

  /**
   * The raw page after `after` for `reader`: a kept one, else read now and
   * kept for the readers behind it; null when no reader is behind it (the
   * reader then reads its own way, e.g. without the payloads it skips).
   */
  async read(reader: symbol, after: Checkpoint, limit: number): Promise<Batch | null> {
    this.passed(reader, after);
    const key = `${after.transactionId}:${after.position}:${limit}`;
    const deadline = Date.now() + this.maxWaitMs;
    // Each pass checks and keeps in one synchronous step: concurrent reads never both read a page or pass the limit.
    for (;;) {
      const kept = this.take(reader, key);
      if (kept) return kept;
      const behind = this.behind(reader, after);
      if (behind.length === 0) return null;
      const held = [...this.entries].filter(([, e]) => e.reader === reader);
      const late = Date.now() >= deadline;
      if (held.length < this.maxHeld || late) {
        if (late && held.length >= this.maxHeld) this.entries.delete(held[0]![0]);
        const batch = readBatch(this.pool, after, limit);
        batch.catch(() => undefined); // its error reaches each reader that awaits it
        this.entries.set(key, { reader, after, batch, waiting: new Set(behind) });
        return batch;
      }
      await this.released(deadline - Date.now());
    }
  }

  /** The reader reads no more bulk pages (caught up, failed, stopped): nothing waits for it. */
  leave(reader: symbol): void {
    if (!this.readers.delete(reader)) return;
    for (const [key, entry] of this.entries) this.untake(key, entry, reader);
    this.wake();
  }

  /** The other readers whose last read started before `after`: they read the page after it later. */
  private behind(reader: symbol, after: Checkpoint): symbol[] {
    return [...this.readers].filter(([r, at]) => r !== reader && compareCheckpoints(at, after) < 0).map(([r]) => r);
  }

  private take(reader: symbol, key: string): Promise<Batch> | null {
    const entry = this.entries.get(key);
    if (!entry?.waiting.has(reader)) return null;
    this.untake(key, entry, reader);
    this.wake();
    return entry.batch;
  }

  /** A reader now reads after `after`: it will never take a page that starts before. */
  private passed(reader: symbol, after: Checkpoint): void {
    this.readers.set(reader, after);
    for (const [key, entry] of this.entries) if (compareCheckpoints(entry.after, after) < 0) this.untake(key, entry, reader);
    this.wake(); // a page dropped here frees its reader
  }

  private untake(key: string, entry: Entry, reader: symbol): void {
    if (entry.waiting.delete(reader) && entry.waiting.size === 0) this.entries.delete(key);
  }

  /** Until a page is taken or dropped, or `ms` passed. */
  private released(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms).unref();
      this.wakers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const w of wakers) w();
  }
}
