import type { Kysely } from 'kysely';
import type { Checkpoint } from '../event-store.types';
import { readAllAfter, type ReadAllPage } from '../events.repository';
import { hasEventsAfter } from '../log-queries.repository';

export interface Batch {
  page: ReadAllPage;
  /** Nothing visible, yet events committed after the checkpoint: an older open transaction hides them (turn: 'held'). */
  held: boolean;
}

/** A subscriber's read: the gap-safe batch after its checkpoint, and whether an empty one is only held back. */
export async function readBatch(db: Kysely<any>, after: Checkpoint, limit: number): Promise<Batch> {
  const page = await readAllAfter(db, after, { limit });
  return { page, held: page.events.length === 0 && (await hasEventsAfter(db, after)) };
}
