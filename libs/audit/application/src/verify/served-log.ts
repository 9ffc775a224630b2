import { asServedEvent, fetchEventsPage, type ServedEvent } from './api-responses';
import { LeafFormatProblem, leafHashOfEvent } from './leaf-format';
import { LeafLog } from './merkle';
import { fail } from './verification-failure';
import type { VerifyApiClient } from './verify-api.client';

/**
 * The log as the server serves it, rebuilt into a Merkle tree from the
 * events' content alone. Only leaf hashes stay in memory (~64 bytes per
 * event); an event needed for a message is fetched again by its page cursor.
 */
export class ServedLog {
  readonly tree = new LeafLog();
  /** Cursor before each page ('' = start of the log). */
  private readonly pageStarts: string[] = [];
  /** The server has more events after the ones read. */
  moreAfter = false;
  last: ServedEvent | null = null;
  private readonly wanted = new Map<number, string>();

  private constructor(
    private readonly api: VerifyApiClient,
    private readonly pageSize: number,
  ) {}

  /** Reads the first `size` events in log order (fewer if the server has fewer), remembering the ids at `keep`. */
  static async read(
    api: VerifyApiClient,
    size: number,
    pageSize: number,
    keep: Iterable<number>,
    onEvents?: (read: number, total: number) => void,
  ): Promise<ServedLog> {
    const log = new ServedLog(api, pageSize);
    for (const i of keep) log.wanted.set(i, '');
    if (size === 0) {
      log.moreAfter = (await fetchEventsPage(api, null, 1)).events.length > 0;
      return log;
    }
    let cursor: string | null = null;
    for (;;) {
      log.pageStarts.push(cursor ?? '');
      const page = await fetchEventsPage(api, cursor, pageSize);
      for (const value of page.events) {
        if (log.tree.size === size) {
          log.moreAfter = true;
          break;
        }
        log.append(asServedEvent(value, log.tree.size));
      }
      onEvents?.(log.tree.size, size);
      if (log.tree.size === size) {
        log.moreAfter ||= page.hasMore;
        return log;
      }
      if (!page.hasMore || page.events.length === 0) return log;
      cursor = page.nextCursor;
    }
  }

  get size(): number {
    return this.tree.size;
  }

  idAt(index: number): string | undefined {
    return this.wanted.get(index) || undefined;
  }

  private append(event: ServedEvent): void {
    const index = this.tree.size;
    try {
      this.tree.append(leafHashOfEvent(event as unknown as Record<string, unknown>));
    } catch (e) {
      if (!(e instanceof LeafFormatProblem)) throw e;
      fail('event.malformed', `leaf ${index} (event ${String(event.id)}, position ${String(event.position)}): ${e.message}`, {
        leafIndex: index,
        eventId: typeof event.id === 'string' ? event.id : null,
        position: typeof event.position === 'string' ? event.position : null,
      });
    }
    if (this.wanted.has(index)) this.wanted.set(index, event.id);
    this.last = event;
  }

  /** The served event at `index` (fetched again), or null past the end. */
  async eventAt(index: number): Promise<ServedEvent | null> {
    if (index < 0 || index >= this.tree.size) return null;
    const page = Math.floor(index / this.pageSize);
    const offset = index - page * this.pageSize;
    const { events } = await fetchEventsPage(this.api, this.pageStarts[page] || null, offset + 1);
    return events[offset] === undefined ? null : asServedEvent(events[offset], index);
  }
}
