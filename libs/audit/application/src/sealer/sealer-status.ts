import { sql, type Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { countEventsAfter, readAllAfter, START, type RecordedEvent } from '@factledger/event-store';
import { LeafFormatError, eventLeafHash } from '@factledger/audit-domain';
import { latestCheckpoint } from '../checkpoints/checkpoints.repository';
import { sealerOwner } from './sealer-session';

/** An event the leaf format cannot represent: sealing stops before it, nothing after it is sealed. */
export interface UnsealableEvent {
  leafIndex: number;
  eventId: string;
  position: string;
  transactionId: string;
  /** Which value, and why (e.g. `$.data.x: Infinity has no JSON form`). */
  reason: string;
}

/** The leaf hash of the event that would be leaf `leafIndex`, or why it has none. */
export function leafOrUnsealable(event: RecordedEvent, leafIndex: number): { leafHash: Buffer } | { unsealable: UnsealableEvent } {
  try {
    return { leafHash: eventLeafHash(event) };
  } catch (e) {
    if (!(e instanceof LeafFormatError)) throw e;
    return { unsealable: { leafIndex, eventId: event.id, position: event.position, transactionId: event.transactionId, reason: e.message } };
  }
}

export const describeUnsealable = (u: UnsealableEvent): string =>
  `event ${u.eventId} (position ${u.position}) cannot be sealed as leaf ${u.leafIndex}: ${u.reason}. ` +
  'Its stored JSON has no I-JSON form, so no leaf can commit to it; sealing stops before it (every earlier event stays sealed and checkpointed), ' +
  'and no later event is sealed, rather than leave it out of the evidence';

export type SealerState = 'running' | 'stalled';

export interface SealerStatus {
  state: SealerState;
  /** Leaves sealed (the tree's size). */
  treeSize: number;
  lastSealed: { leafIndex: number; position: string; transactionId: string; sealedAt: string } | null;
  /** Committed events not sealed yet; counting stops at `lagCapped`. */
  lagEvents: number;
  lagCapped: boolean;
  lastCheckpoint: { treeSize: number; issuedAt: string } | null;
  /** The worker instance holding the sealer's lease now; null when no live sealer holds it. */
  owner: string | null;
  /** Why the state is `stalled` (null when running). */
  lastError: {
    code: 'audit.event_unsealable' | 'audit.sealer_not_progressing';
    message: string;
    eventId: string | null;
    position: string | null;
    leafIndex: number | null;
  } | null;
}

export interface SealerStatusOptions {
  /** An event waiting this long while no leaf was sealed for as long means the sealer is not progressing. */
  stallAfterMs: number;
  lagCap: number;
  now?: () => Date;
}

export const DEFAULT_SEALER_STATUS_OPTIONS: SealerStatusOptions = { stallAfterMs: 60_000, lagCap: 100_000 };

/**
 * The sealer's condition, read from the database only (the API has no line
 * to the worker, and must not need one to notice it is stuck): the tree,
 * the committed events not yet sealed, the latest checkpoint. Stalled when
 * the next event cannot become a leaf (the sealer stops there, for good:
 * events are immutable), or when events have waited `stallAfterMs` and no
 * leaf was sealed for that long (worker down, or failing).
 */
export async function readSealerStatus(db: Kysely<AuditDb>, options: Partial<SealerStatusOptions> = {}): Promise<SealerStatus> {
  const { stallAfterMs, lagCap, now } = { ...DEFAULT_SEALER_STATUS_OPTIONS, ...options };
  const { rows } = await sql<{ leaf_index: string; position: string; transaction_id: string; sealed_at: Date }>`
    SELECT leaf_index::text AS leaf_index, position::text AS position, transaction_id::text AS transaction_id, sealed_at
      FROM audit_leaves ORDER BY audit_leaves.leaf_index DESC LIMIT 1`.execute(db);
  const last = rows[0];
  const lastSealed = last
    ? { leafIndex: Number(last.leaf_index), position: last.position, transactionId: last.transaction_id, sealedAt: last.sealed_at.toISOString() }
    : null;
  const treeSize = lastSealed ? lastSealed.leafIndex + 1 : 0;
  const after = lastSealed ? { transactionId: lastSealed.transactionId, position: lastSealed.position } : START;
  const [lag, next, checkpoint, owner] = await Promise.all([
    countEventsAfter(db, after, lagCap),
    readAllAfter(db, after, { limit: 1 }),
    latestCheckpoint(db),
    sealerOwner(db),
  ]);
  const lagEvents = lag;
  const status: SealerStatus = {
    state: 'running',
    treeSize,
    lastSealed,
    lagEvents,
    lagCapped: lagEvents >= lagCap,
    lastCheckpoint: checkpoint ? { treeSize: checkpoint.treeSize, issuedAt: checkpoint.issuedAt } : null,
    owner,
    lastError: null,
  };
  const nextEvent = next.events[0];
  if (!nextEvent) return status;
  const leaf = leafOrUnsealable(nextEvent, treeSize);
  if ('unsealable' in leaf) {
    const u = leaf.unsealable;
    return {
      ...status,
      state: 'stalled',
      lastError: { code: 'audit.event_unsealable', message: describeUnsealable(u), eventId: u.eventId, position: u.position, leafIndex: u.leafIndex },
    };
  }
  const at = (now ?? (() => new Date()))().getTime();
  const waited = at - nextEvent.recordedAt.getTime();
  const idle = lastSealed ? at - Date.parse(lastSealed.sealedAt) : Infinity;
  if (waited >= stallAfterMs && idle >= stallAfterMs) {
    const seconds = Math.round(Math.min(waited, idle) / 1000);
    return {
      ...status,
      state: 'stalled',
      lastError: {
        code: 'audit.sealer_not_progressing',
        message: `no event sealed for ${seconds} s while ${lagEvents}${status.lagCapped ? '+' : ''} committed events wait, the next being event ${nextEvent.id} (position ${nextEvent.position}) as leaf ${treeSize}: is the worker (sealer) running? Its log says why it is not sealing`,
        eventId: nextEvent.id,
        position: nextEvent.position,
        leafIndex: treeSize,
      },
    };
  }
  return status;
}
