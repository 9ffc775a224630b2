import type { DomainEvent, EventMetadata } from '@factledger/shared';

/** What an append expects of the stream: an exact version, or a coarse condition. */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export interface NewEvent {
  /** Client-chosen uuid: retrying an append with the same ids stores nothing new. */
  id: string;
  type: string;
  data: unknown;
  metadata?: EventMetadata | Record<string, unknown>;
  /** Defaults to the `.vN` suffix of `type`, else 1. */
  schemaVersion?: number;
}

export interface RecordedEvent<Data = unknown, Metadata = Record<string, unknown>> {
  /** Global position: a bigint kept as a decimal string end to end. */
  position: string;
  /** Writing transaction id (xid8) as a decimal string. */
  transactionId: string;
  streamId: string;
  streamVersion: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: Metadata;
  recordedAt: Date;
}

/**
 * A stored event read through a family's upcaster (the store's read path):
 * its place in the log as stored (`type` and `schemaVersion` are the stored
 * ones), and `event`, the family's union as the domain has it now; null for
 * another family's event. Raw `data` stays with RecordedEvent: the sealer,
 * the export and the verifier read that, never this.
 */
export interface LogEvent<E extends DomainEvent = DomainEvent> extends Omit<RecordedEvent, 'data'> {
  event: E | null;
}

/** An event of a stream read for its decider: always of the decider's family. */
export interface StreamEvent<E extends DomainEvent = DomainEvent> extends LogEvent<E> {
  event: E;
}

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append. */
  streamVersion: number;
  /** Global positions of the first and last appended event (null for an empty append). */
  firstPosition: string | null;
  lastPosition: string | null;
  transactionId: string | null;
  /** True when every event id was already stored: the original result, nothing written. */
  duplicate: boolean;
}

/** A gap-safe point in the global log: events are ordered by (transactionId, position). */
export interface Checkpoint {
  transactionId: string;
  position: string;
}

export const START: Checkpoint = Object.freeze({ transactionId: '0', position: '0' });
