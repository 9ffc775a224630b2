import { createHash, randomUUID } from 'node:crypto';
import { DomainError, type Decider, type DomainEvent, type EventMetadata } from '@factledger/shared';
import { VersionConflictError } from './event-store.errors';
import type { EventStore } from './event-store';
import type { AppendResult, RecordedEvent } from './event-store.types';

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
  /** The state after the command's events. */
  state: State;
  /** Events the command produced; empty when it was a no-op. */
  events: DomainEvent[];
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
  const history = await store.readStream(streamId);
  const version = history.at(-1)?.streamVersion ?? 0;
  if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
    throw new VersionConflictError(streamId, options.expectedVersion, version);
  }
  const eventId = options.eventId ?? (() => randomUUID());
  let state = foldRecorded(decider, history);
  // A retry of a command with deterministic ids that already landed: answer as the store would.
  if (options.eventId) {
    const firstId = eventId(0);
    const landed = history.filter((e) => e.transactionId === history.find((h) => h.id === firstId)?.transactionId);
    if (landed.length > 0) {
      const last = landed.at(-1)!;
      return {
        streamId,
        streamVersion: version,
        firstPosition: landed[0]!.position,
        lastPosition: last.position,
        transactionId: last.transactionId,
        duplicate: true,
        state,
        events: [],
      };
    }
  }
  const events = decider.decide(command, state);
  for (const event of events) state = decider.evolve(state, event);

  try {
    const result = await store.append(
      streamId,
      events.map((e, i) => ({ id: eventId(i), type: e.type, data: e.data, metadata: options.metadata })),
      { expectedVersion: version },
    );
    return { ...result, state, events };
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

export const foldRecorded = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  history: readonly RecordedEvent[],
): State => history.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState());

/** Stable uuid-shaped ids from a seed, for commands that must be retry-safe. */
export const deterministicEventIds =
  (seed: string) =>
  (index: number): string => {
    const h = createHash('sha256').update(`${seed}\u0000${index}`).digest('hex');
    // Shape as an RFC 4122 version-8 (custom) uuid.
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
