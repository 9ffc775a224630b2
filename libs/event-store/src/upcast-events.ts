import { UnknownEventVersionError, type DomainEvent, type Upcaster } from '@factledger/shared';
import type { LogEvent, RecordedEvent, StreamEvent } from './event-store.types';

/** Raw events read into a family's union, once each (see LogEvent). */
export function upcastEvents<E extends DomainEvent>(events: readonly RecordedEvent[], upcast: Upcaster<E>): LogEvent<E>[] {
  return events.map((place) => {
    try {
      const event = upcast({ type: place.type, schemaVersion: place.schemaVersion, data: place.data });
      // One literal, not `{ ...rest, event }`: V8 adds properties after a spread through its slow path (several µs an event).
      return {
        position: place.position,
        transactionId: place.transactionId,
        streamId: place.streamId,
        streamVersion: place.streamVersion,
        id: place.id,
        type: place.type,
        schemaVersion: place.schemaVersion,
        metadata: place.metadata,
        recordedAt: place.recordedAt,
        event,
      };
    } catch (e) {
      // A newer version than this code reads: say which event, so the operator sees what stopped the reader.
      if (e instanceof UnknownEventVersionError && !e.at)
        throw new UnknownEventVersionError(e.type, `event ${place.id} at position ${place.position} of ${place.streamId}`);
      throw e;
    }
  });
}

/** A stream's events for its decider: an event of another family there is a corrupt stream, not something to skip. */
export function upcastStream<E extends DomainEvent>(streamId: string, events: readonly RecordedEvent[], upcast: Upcaster<E>): StreamEvent<E>[] {
  return upcastEvents(events, upcast).map((e) => {
    if (e.event === null)
      throw new Error(`stream ${streamId} holds event ${e.id} of type ${e.type} (schema ${e.schemaVersion}), which its decider does not read`);
    return { ...e, event: e.event };
  });
}
