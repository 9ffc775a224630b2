import type { Kysely } from 'kysely';
import type { DomainEvent, Upcaster } from '@factledger/shared';
import type { EventStoreTables } from '../event-store.table';
import type { Checkpoint, LogEvent, RecordedEvent } from '../event-store.types';
import { readAllAfter } from '../events.repository';
import { hasEventsAfter } from '../log-queries.repository';
import { upcastEvents } from '../upcast-events';

export interface Batch<Event = RecordedEvent> {
  page: { events: Event[]; checkpoint: Checkpoint };
  /** Nothing visible, yet events committed after the checkpoint: an older open transaction hides them (turn: 'held'). */
  held: boolean;
}

/**
 * A subscriber's read: the gap-safe batch after its checkpoint, and whether an
 * empty one is only held back. Raw stored events (the sealer hashes them), or
 * with `upcast` each read once into the family's union (projections);
 * `skipPayloadOf`: stored types read without payload, as `event: null`.
 */
export async function readBatch(db: Kysely<EventStoreTables>, after: Checkpoint, limit: number): Promise<Batch>;
export async function readBatch<E extends DomainEvent>(
  db: Kysely<EventStoreTables>,
  after: Checkpoint,
  limit: number,
  upcast: Upcaster<E>,
  skipPayloadOf?: readonly string[],
): Promise<Batch<LogEvent<E>>>;
export async function readBatch<E extends DomainEvent>(
  db: Kysely<EventStoreTables>,
  after: Checkpoint,
  limit: number,
  upcast?: Upcaster<E>,
  skipPayloadOf?: readonly string[],
): Promise<Batch<RecordedEvent> | Batch<LogEvent<E>>> {
  const skip = upcast && skipPayloadOf?.length ? skipPayloadOf : undefined;
  const page = await readAllAfter(db, after, { limit, skipPayloadOf: skip });
  const held = page.events.length === 0 && (await hasEventsAfter(db, after));
  return upcast ? upcastBatch({ page, held }, upcast, skip) : { page, held };
}

/**
 * A raw batch read into a family's union, as readBatch with `upcast` reads it:
 * for a batch read once and folded by several readers (each upcasts its own
 * copy; the stored events are shared, so never change them). Events of
 * `skipPayloadOf` types are never upcast, whether or not their payload was read.
 */
export function upcastBatch<E extends DomainEvent>(batch: Batch, upcast: Upcaster<E>, skipPayloadOf?: readonly string[]): Batch<LogEvent<E>> {
  const skip = skipPayloadOf?.length ? skipPayloadOf : undefined;
  // An event read without its payload is never upcast: it arrives as `event: null`, like the log's other families.
  const read: Upcaster<E> = skip ? (stored) => (skip.includes(stored.type) ? null : upcast(stored)) : upcast;
  const { page, held } = batch;
  return { page: { events: upcastEvents(page.events, read), checkpoint: page.checkpoint }, held };
}
