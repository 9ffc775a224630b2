import { createHash, randomUUID } from 'node:crypto';
import { DomainError, type Decider, type DomainEvent, type EventMetadata } from '@factledger/shared';
import { VersionConflictError } from './event-store.errors';
import type { EventStore } from './event-store';
import type { AppendResult, StreamEvent } from './event-store.types';

export interface CommandOptions {
  /** The version the client last saw (If-Match). Omitted: the version just loaded. */
  expectedVersion?: number;
  metadata: EventMetadata;
  /**
   * Id of the n-th new event. Deterministic ids make a retried command a
   * no-op at the store; the default is random.
   */
  eventId?: (index: number) => string;
}

export interface CommandResult<State> extends AppendResult {
  /** The state after the command's events (for a retry that already landed: as it was right after them). */
  state: State;
  /** Events the command produced; empty when it was a no-op or a retry that already landed. */
  events: DomainEvent[];
  /**
   * Global position of the stream's last event after the command: the last
   * appended one, or for a no-op the last one loaded (null for an empty
   * stream), so every write's answer can be read back with minPosition.
   */
  streamPosition: string | null;
}

/**
 * The one write path: load the stream, fold it, decide, append with the
 * loaded version as the expected version. A concurrent writer in between makes
 * the append fail instead of silently deciding on stale state.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  options: CommandOptions,
): Promise<CommandResult<State>> {
  const history = await store.readStreamAs(streamId, decider.upcast);
  const version = history.at(-1)?.streamVersion ?? 0;
  // A retry of a command with deterministic ids that already landed (its
  // response was lost): the original result as the store would answer it
  // (version, positions; the state right after it), whatever the stream did
  // since, and nothing new. Checked before If-Match, which was the version
  // before that write and only guards new work.
  if (options.eventId) {
    const landed = landedEvents(history, options.eventId);
    if (landed.length > 0) {
      const last = landed.at(-1)!;
      return {
        streamId,
        streamVersion: last.streamVersion,
        firstPosition: landed[0]!.position,
        lastPosition: last.position,
        transactionId: last.transactionId,
        duplicate: true,
        state: foldRecorded(
          decider,
          history.filter((e) => e.streamVersion <= last.streamVersion),
        ),
        events: [],
        streamPosition: last.position,
      };
    }
  }
  if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
    throw new VersionConflictError(streamId, options.expectedVersion, version);
  }
  const eventId = options.eventId ?? (() => randomUUID());
  let state = foldRecorded(decider, history);
  const events = decider.decide(command, state);
  for (const event of events) state = decider.evolve(state, event);

  try {
    const result = await store.append(
      streamId,
      events.map((e, i) => ({
        id: eventId(i),
        ...(decider.encode ? decider.encode(e) : { type: e.type, data: e.data }),
        metadata: options.metadata,
      })),
      { expectedVersion: version },
    );
    return { ...result, state, events, streamPosition: result.lastPosition ?? history.at(-1)?.position ?? null };
  } catch (e) {
    if (e instanceof VersionConflictError && options.expectedVersion === undefined) {
      throw new DomainError('stream.concurrent_write', 'conflict', `${streamId} was changed by another writer; read it again and retry`, {
        streamId,
        currentVersion: e.actual,
      });
    }
    throw e;
  }
}

/**
 * The events a command with these ids stored: ids 0, 1, … as long as they are
 * in the stream. By id, not by transaction: a group commit puts other
 * callers' appends to the same stream in the same transaction.
 */
function landedEvents<E extends DomainEvent>(history: readonly StreamEvent<E>[], eventId: (index: number) => string): StreamEvent<E>[] {
  const byId = new Map(history.map((e) => [e.id, e]));
  const landed: StreamEvent<E>[] = [];
  for (let i = 0; ; i++) {
    const event = byId.get(eventId(i));
    if (!event) return landed;
    landed.push(event);
  }
}

/** Folds a stream read with `readStreamAs` (already upcast: no cast here). */
export const foldRecorded = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  history: readonly StreamEvent<Event>[],
): State => history.reduce((s, e) => decider.evolve(s, e.event), decider.initialState());

/**
 * Stable uuid-shaped ids from a seed, for commands that must be retry-safe.
 * Kept hand-written: `uuid`'s name-based v5 hashes with SHA-1 under a namespace,
 * so it would give every seeded event, figure and ingestion write a new id
 * (retries and re-seeds would no longer find what they wrote); the golden
 * fixture in test/golden pins these.
 */
export const deterministicEventIds =
  (seed: string) =>
  (index: number): string => {
    const h = createHash('sha256').update(`${seed}\u0000${index}`).digest('hex');
    // Shape as an RFC 4122 version-8 (custom) uuid.
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
