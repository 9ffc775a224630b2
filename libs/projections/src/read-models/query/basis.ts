import {
  ESTIMATE_ALGORITHM_VERSIONS,
  isCalendarDate,
  isEstimateAlgorithmVersion,
  LATEST_ESTIMATE_ALGORITHM_VERSION,
  type EstimateAlgorithmVersion,
} from '@factledger/ledger-domain';
import { invalid, isPosition, parseInstant, TIMESTAMP_RULE } from '@factledger/shared';

/**
 * What an answer was computed from. Sending it back (`asOf=<position>`,
 * `validAt=<validAt>`) reproduces the answer exactly: a prefix of the log in
 * log order never changes once read, and the algorithm is versioned.
 */
export interface Basis {
  /** The last event the answer includes, in log order; "0" before the first event. */
  position: string;
  /** When that event was recorded; null for position "0". */
  recordedAt: string | null;
  /** The date the answer describes (YYYY-MM-DD). */
  validAt: string;
  /** The estimate algorithm version asked for (default the latest); every read names it. */
  algorithmVersion: number;
  /** An estimate from version 2 on: its filters, so the basis sent back as query parameters asks the same question. */
  excludeParties?: boolean;
  includeUnverified?: boolean;
}

/** Query parameters every read accepts. */
export interface ReadRequest {
  /** A ledger position, or an ISO 8601 timestamp with a time zone; default: the read models' head. */
  asOf?: string;
  /** YYYY-MM-DD; default today (UTC). */
  validAt?: string;
  /** Wait (bounded) until the read models applied this position: read-your-writes. */
  minPosition?: string;
  /** The estimate algorithm version (1 or 2); default the latest. */
  algorithmVersion?: number;
}

export type AsOf = { kind: 'head' } | { kind: 'position'; position: string } | { kind: 'time'; at: string };

export const QueryErrorCodes = {
  asOfInFuture: 'query.as_of_in_future',
  asOfInvalid: 'query.as_of_invalid',
  validAtInFuture: 'query.valid_at_in_future',
  validAtInvalid: 'query.valid_at_invalid',
  algorithmUnavailable: 'query.algorithm_version_unavailable',
  filterUnavailable: 'query.filter_unavailable',
  cursorInvalid: 'query.cursor_invalid',
  cursorBasisMismatch: 'query.cursor_basis_mismatch',
} as const;

/** Why asOf is refused, or null: a position 0 … 2^63−1, or a real time with a zone in the years 0001–9999. */
export function asOfProblem(raw: string): string | null {
  if (/^\d+$/.test(raw)) return isPosition(raw, { allowZero: true }) ? null : 'must be a ledger position from 0 to 9223372036854775807';
  const instant = parseInstant(raw);
  if (instant.ok) return null;
  return instant.reason === TIMESTAMP_RULE ? AS_OF_RULE : instant.reason;
}

export const AS_OF_RULE = 'must be a ledger position or an ISO 8601 timestamp with a time zone';

/**
 * A position is taken as is (a position beyond the log is refused later, by
 * the wait). A time must not be in the future: what the ledger will believe
 * is unknown, and the answer could not be reproduced.
 */
export function parseAsOf(raw: string | undefined, now: Date): AsOf {
  if (raw === undefined) return { kind: 'head' };
  const problem = asOfProblem(raw);
  if (problem !== null) throw invalid(QueryErrorCodes.asOfInvalid, `asOf ${problem}`, { field: 'asOf', reason: problem });
  const instant = parseInstant(raw);
  if (!instant.ok) return { kind: 'position', position: raw };
  const ms = instant.date.getTime();
  if (ms > now.getTime()) {
    throw invalid(QueryErrorCodes.asOfInFuture, `asOf ${raw} is in the future`, { field: 'asOf', reason: `is after now (${now.toISOString()})` });
  }
  return { kind: 'time', at: new Date(ms).toISOString() };
}

export const todayOf = (now: Date): string => now.toISOString().slice(0, 10);

/** No figure can describe a day that has not started (in UTC), as the write side enforces. */
export function resolveValidAt(raw: string | undefined, now: Date): string {
  const today = todayOf(now);
  if (raw === undefined) return today;
  if (!isCalendarDate(raw))
    throw invalid(QueryErrorCodes.validAtInvalid, `validAt "${raw}" is not a calendar date YYYY-MM-DD`, {
      field: 'validAt',
      reason: 'must be a calendar date YYYY-MM-DD',
    });
  if (raw > today)
    throw invalid(QueryErrorCodes.validAtInFuture, `validAt ${raw} is after today (${today})`, {
      field: 'validAt',
      reason: `is after today (${today})`,
    });
  return raw;
}

/** The version a read computes: the one asked for, if this server has it, else the latest. */
export function resolveAlgorithmVersion(version: number | undefined): EstimateAlgorithmVersion {
  if (version === undefined) return LATEST_ESTIMATE_ALGORITHM_VERSION;
  if (isEstimateAlgorithmVersion(version)) return version;
  const available = ESTIMATE_ALGORITHM_VERSIONS.join(', ');
  throw invalid(QueryErrorCodes.algorithmUnavailable, `Algorithm version ${version} is not available; this server computes versions ${available}`, {
    field: 'algorithmVersion',
    reason: `must be one of ${available}`,
  });
}
