// The log is read through the event store; ingestion's jobs use these two lookups.
export { eventsByIds, headPosition, type StoredEvent } from '@factledger/event-store';
