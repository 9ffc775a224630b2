import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import type { Checkpoint } from '@factledger/event-store';
import { toEventJson } from '../history/event-json';
import { readLog, type LogFilter } from '../history/history.repository';
import { encodeCursor } from '../history/log-cursor';

type Db = Kysely<AuditDb>;

/** Pull-based: a page is read only when the consumer has drained the previous lines (backpressure). */
export async function* exportLines(
  db: Db,
  range: { after: Checkpoint; until: Checkpoint },
  filter: LogFilter,
  pageSize: number,
): AsyncGenerator<string> {
  let cursor = range.after;
  for (;;) {
    const page = await readLog(db, cursor, { ...filter, limit: pageSize, until: range.until });
    for (const event of page.events) yield `${JSON.stringify(toEventJson(event))}\n`;
    if (!page.hasMore) return;
    cursor = page.next;
  }
}

export interface Wakeups {
  on(event: 'append', listener: () => void): unknown;
  off(event: 'append', listener: () => void): unknown;
}

export interface TailOptions {
  after: Checkpoint;
  filter: LogFilter;
  wakeups: Wakeups | null;
  heartbeatMs: number;
  /** Polling fallback when notifications are lost or the listener is down. */
  pollMs: number;
  pageSize: number;
  signal: AbortSignal;
}

/**
 * Server-Sent Events frames of the live log: each event with its cursor as
 * `id`, so a reconnecting EventSource resumes via Last-Event-ID. Heartbeat
 * comments keep proxies from closing an idle stream; they also move the
 * client's Last-Event-ID past events the filters skipped.
 */
export async function* tailFrames(db: Db, options: TailOptions): AsyncGenerator<string> {
  let cursor = options.after;
  let announced = encodeCursor(cursor);
  let lastWrite = Date.now();
  yield 'retry: 2000\n: connected\n\n';
  // Woken by an append the next read did not show yet (a replica still replaying it, an older transaction still
  // open): look again soon, backing off (EARLY_LOOKS), rather than after pollMs. Null: not looking for one.
  let unseen: number | null = null;
  while (!options.signal.aborted) {
    const page = await readLog(db, cursor, { ...options.filter, limit: options.pageSize });
    for (const event of page.events) {
      const json = toEventJson(event);
      announced = json.cursor;
      yield `id: ${json.cursor}\nevent: event\ndata: ${JSON.stringify(json)}\n\n`;
    }
    const moved = encodeCursor(page.next) !== encodeCursor(cursor);
    cursor = page.next;
    if (page.events.length > 0) lastWrite = Date.now();
    if (page.hasMore) continue;
    if (moved) unseen = null;
    const quiet = Math.min(options.pollMs, Math.max(0, options.heartbeatMs - (Date.now() - lastWrite)));
    if (unseen !== null && unseen < EARLY_LOOKS.length) await sleep(Math.min(quiet, EARLY_LOOKS[unseen++]!), options.signal);
    else unseen = (await waitForAppend(options.wakeups, quiet, options.signal)) === 'append' ? 0 : null;
    if (Date.now() - lastWrite >= options.heartbeatMs && !options.signal.aborted) {
      const position = encodeCursor(cursor);
      yield position === announced ? ': heartbeat\n\n' : `: heartbeat\nid: ${position}\n\n`;
      announced = position;
      lastWrite = Date.now();
    }
  }
}

/** The pauses before looking again after a wakeup that showed nothing new (then back to waiting for the next one). */
const EARLY_LOOKS = [20, 50, 100, 200, 400];

type Woken = 'append' | 'timer' | 'abort';

const sleep = (ms: number, signal: AbortSignal): Promise<Woken> => waitForAppend(null, ms, signal);

function waitForAppend(wakeups: Wakeups | null, ms: number, signal: AbortSignal): Promise<Woken> {
  // Aborted while reading a page: an abort event will not come again.
  if (signal.aborted) return Promise.resolve('abort');
  return new Promise((resolve) => {
    const finish = (why: Woken) => () => {
      clearTimeout(timer);
      wakeups?.off('append', onAppend);
      signal.removeEventListener('abort', onAbort);
      resolve(why);
    };
    const onAppend = finish('append');
    const onAbort = finish('abort');
    const timer = setTimeout(finish('timer'), ms);
    wakeups?.on('append', onAppend);
    signal.addEventListener('abort', onAbort);
  });
}

/**
 * A byte stream over an async generator that stops the generator as soon as
 * the stream is destroyed (client gone), even while it waits for the next
 * append: the generator gets an AbortSignal. `shutdown` ends it cleanly too,
 * so an open tail never holds up closing the server.
 */
export function abortableStream(make: (signal: AbortSignal) => AsyncGenerator<string>, shutdown?: AbortSignal): Readable {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (shutdown?.aborted) abort();
  shutdown?.addEventListener('abort', abort, { once: true });
  const stream = Readable.from(make(controller.signal), { objectMode: false, highWaterMark: 64 * 1024 });
  stream.once('close', () => {
    shutdown?.removeEventListener('abort', abort);
    abort();
  });
  return stream;
}
