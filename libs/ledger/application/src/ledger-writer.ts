import { Inject, Injectable } from '@nestjs/common';
import { deterministicEventIds, foldRecorded, handleCommand, type EventStore } from '@factledger/event-store';
import { EVENT_STORE, personalDecider, SUBJECT_KEYS, SubjectKeyMissing, revealDeep, type SubjectKeys } from '@factledger/platform';
import type { Decider, DomainEvent } from '@factledger/shared';
import type { WriteContext, WriteResult } from './write-context';

/**
 * The event ids a write seeded with `seed` (its Idempotency-Key or ingestion
 * line) appends to `streamId`: the same on every retry, so a retry is
 * recognised instead of appended twice. Whoever looks for a landed write
 * derives them here too.
 */
export const seededEventIds = (seed: string, streamId: string): ((index: number) => string) => deterministicEventIds(`${seed}\u0000${streamId}`);

/** The id of the figure a seeded `POST /v1/figures` (or ingestion line) reports when it names none. */
export const seededFigureId = (seed: string): string => deterministicEventIds(`${seed}:figure`)(0);

/** The one generic command path every ledger handler goes through. */
@Injectable()
export class LedgerWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBJECT_KEYS) private readonly subjects: SubjectKeys,
  ) {}

  async execute<Command, Event extends DomainEvent, State, View>(
    id: string,
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: Command,
    ctx: WriteContext,
    view: (state: State) => View,
  ): Promise<WriteResult<View>> {
    const result = await this.handle(streamId, decider, command, ctx);
    return {
      id,
      streamId,
      streamVersion: result.streamVersion,
      position: result.streamPosition,
      changed: result.events.length > 0,
      view: view(result.state),
    };
  }

  /**
   * The command path, with the stream's personal fields (if its decider has
   * any) sealed under the key of its subject — the stream itself. A first
   * personal write makes the key, then runs again (the decider is synchronous).
   */
  private async handle<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: Command,
    ctx: WriteContext,
  ) {
    const options = {
      metadata: ctx.metadata,
      expectedVersion: ctx.expectedVersion,
      eventId: ctx.idempotencySeed ? seededEventIds(ctx.idempotencySeed, streamId) : undefined,
    };
    if (!decider.personal) return handleCommand(this.store, streamId, decider, command, options);
    try {
      return await handleCommand(this.store, streamId, personalDecider(decider, streamId, await this.subjects.ring([streamId])), command, options);
    } catch (e) {
      if (!(e instanceof SubjectKeyMissing)) throw e;
      await this.subjects.ensure(streamId);
      return handleCommand(this.store, streamId, personalDecider(decider, streamId, await this.subjects.ring([streamId])), command, options);
    }
  }

  /** The current state of a stream, e.g. a referenced metric for a figure. */
  async load<Event extends DomainEvent, State>(
    streamId: string,
    decider: Pick<Decider<unknown, Event, State>, 'upcast' | 'initialState' | 'evolve' | 'personal'>,
  ): Promise<{ state: State; version: number }> {
    // A stream with personal fields (a referenced source) is read revealed, as its own writes see it.
    const ring = decider.personal ? await this.subjects.ring([streamId]) : null;
    const history = await this.store.readStreamAs(
      streamId,
      ring ? (stored) => decider.upcast({ ...stored, data: revealDeep(stored.data, ring) }) : decider.upcast,
    );
    return { state: foldRecorded(decider, history), version: history.at(-1)?.streamVersion ?? 0 };
  }
}
