import { JcsError, jcs } from './jcs';
import { leafHash, type Hash } from './merkle';

// Leaf format v1, as the README documents it, implemented here on its own:
// the leaf data is the UTF-8 of the RFC 8785 canonical JSON of exactly
//   { data, eventId, metadata, position, recordedAt, schemaVersion, streamId, streamVersion, type }
// taken from an event as GET /v1/events serves it, and the leaf hash is
// SHA-256(0x00 ‖ those bytes) (RFC 6962).

/** An event as the API serves it; only these fields are covered by its leaf. */
export interface WireEvent {
  position: string;
  streamId: string;
  streamVersion: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

/** The served event cannot be a leaf of format v1; the message names the field. */
export class LeafFormatProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeafFormatProblem';
  }
}

const isDigits = (s: string) => s.length > 0 && [...s].every((c) => c >= '0' && c <= '9');
/** A bigint position as text: decimal, no sign, no leading zero, at most 19 digits. */
const isPosition = (v: unknown): v is string => typeof v === 'string' && isDigits(v) && v.length <= 19 && (v === '0' || v[0] !== '0');
const isUuid = (v: unknown): v is string =>
  typeof v === 'string' &&
  v.length === 36 &&
  [...v].every((c, i) => ([8, 13, 18, 23].includes(i) ? c === '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')));
const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
/** yyyy-mm-ddThh:mm:ss.mmmZ, the only form a timestamptz(3) takes in the API. */
const isIsoMillis = (v: unknown): v is string =>
  typeof v === 'string' && v.length === 24 && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v) && !Number.isNaN(Date.parse(v));

/** The leaf data of a served event (throws LeafFormatProblem). */
export function leafData(event: Record<string, unknown>): Buffer {
  const problems: [boolean, string][] = [
    [isPosition(event.position), 'position must be a decimal string'],
    [isUuid(event.id), 'id must be a lowercase uuid'],
    [isNonEmpty(event.streamId), 'streamId must be a non-empty string'],
    [isInteger(event.streamVersion) && (event.streamVersion as number) >= 1, 'streamVersion must be a positive integer'],
    [isNonEmpty(event.type), 'type must be a non-empty string'],
    [isInteger(event.schemaVersion), 'schemaVersion must be an integer'],
    [isIsoMillis(event.recordedAt), 'recordedAt must be an ISO 8601 UTC time with milliseconds'],
    [event.data !== undefined, 'data is missing'],
    [event.metadata !== undefined, 'metadata is missing'],
  ];
  const first = problems.find(([ok]) => !ok);
  if (first) throw new LeafFormatProblem(first[1]);
  const covered = {
    type: event.type,
    streamVersion: event.streamVersion,
    streamId: event.streamId,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt,
    position: event.position,
    metadata: event.metadata,
    eventId: event.id,
    data: event.data,
  };
  try {
    return Buffer.from(jcs(covered), 'utf8');
  } catch (e) {
    if (e instanceof JcsError) throw new LeafFormatProblem(e.message);
    throw e;
  }
}

/** The RFC 6962 leaf hash of a served event. */
export const leafHashOfEvent = (event: Record<string, unknown>): Hash => leafHash(leafData(event));
