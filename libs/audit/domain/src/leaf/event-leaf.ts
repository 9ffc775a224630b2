import { hashLeaf, type Hash } from '../merkle/hashing';
import { CanonicalJsonError, canonicalize } from './canonical-json';

/** An event as it travels over the API (and as the sealer reads it). */
export interface LoggedEvent {
  position: string;
  streamId: string;
  streamVersion: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  /** A Date from the database, an ISO string over HTTP. */
  recordedAt: Date | string;
}

/** An event that cannot become a leaf: says which field is wrong. */
export class LeafFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeafFormatError';
  }
}

const POSITION = /^(0|[1-9]\d{0,18})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Date.prototype.toISOString of a timestamptz(3): always milliseconds and Z.
const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The canonical content of one leaf (format v1), the UTF-8 bytes of the RFC
 * 8785 canonical JSON of exactly these fields:
 *
 *   { data, eventId, metadata, position, recordedAt, schemaVersion, streamId, streamVersion, type }
 *
 * - position: decimal string (a bigint; never a JSON number).
 * - eventId: lowercase uuid; streamVersion and schemaVersion: JSON integers.
 * - recordedAt: ISO 8601 UTC with milliseconds, as the column stores it.
 * - data, metadata: the stored JSON. Numbers are covered at IEEE-754 double
 *   precision (I-JSON), which is what every JSON client sees anyway.
 *
 * Not covered: transaction_id. It only decides commit visibility and can be
 * rewritten by a dump/restore; the order it produces is committed by the leaf
 * index itself, so reordering is still detected.
 */
export function leafContent(event: LoggedEvent): Buffer {
  const recordedAt = event.recordedAt instanceof Date ? event.recordedAt.toISOString() : event.recordedAt;
  if (typeof event.position !== 'string' || !POSITION.test(event.position)) throw new LeafFormatError('position must be a decimal string');
  if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new LeafFormatError('id must be a lowercase uuid');
  if (typeof event.streamId !== 'string' || event.streamId === '') throw new LeafFormatError('streamId must be a non-empty string');
  if (!Number.isSafeInteger(event.streamVersion) || event.streamVersion < 1) throw new LeafFormatError('streamVersion must be a positive integer');
  if (typeof event.type !== 'string' || event.type === '') throw new LeafFormatError('type must be a non-empty string');
  if (!Number.isSafeInteger(event.schemaVersion)) throw new LeafFormatError('schemaVersion must be an integer');
  if (typeof recordedAt !== 'string' || !ISO_MILLIS.test(recordedAt))
    throw new LeafFormatError('recordedAt must be an ISO 8601 UTC time with milliseconds');
  if (event.data === undefined) throw new LeafFormatError('data is missing');
  if (event.metadata === undefined) throw new LeafFormatError('metadata is missing');
  try {
    const canonical = canonicalize({
      data: event.data,
      eventId: event.id,
      metadata: event.metadata,
      position: event.position,
      recordedAt,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      type: event.type,
    });
    return Buffer.from(canonical, 'utf8');
  } catch (e) {
    if (e instanceof CanonicalJsonError) throw new LeafFormatError(e.message);
    throw e;
  }
}

/** The RFC 6962 leaf hash of an event: SHA-256(0x00 ‖ leafContent(event)). */
export const eventLeafHash = (event: LoggedEvent): Hash => hashLeaf(leafContent(event));
