import { DomainError } from '@factledger/shared';
import type { ExpectedVersion } from './event-store.types';

export const EventStoreErrorCodes = {
  versionConflict: 'stream.version_conflict',
  eventIdConflict: 'stream.event_id_conflict',
  invalidAppend: 'stream.invalid_append',
} as const;

/** The stream moved on since the caller read it. */
export class VersionConflictError extends DomainError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(EventStoreErrorCodes.versionConflict, 'precondition', `Stream ${streamId} is at version ${actual}, expected ${String(expected)}`, {
      streamId,
      expectedVersion: expected,
      currentVersion: actual,
    });
  }
}

/** Some event ids of the append are already stored, but not as this same append. */
export class EventIdConflictError extends DomainError {
  constructor(readonly streamId: string) {
    super(EventStoreErrorCodes.eventIdConflict, 'conflict', `Some event ids of this append to ${streamId} are already stored elsewhere`, {
      streamId,
    });
  }
}
