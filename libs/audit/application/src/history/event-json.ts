import type { LogEvent } from './history.repository';
import { encodeCursor } from './log-cursor';

/** An event as the API serves it; `cursor` resumes the log right after it. */
export interface EventJson {
  position: string;
  transactionId: string;
  streamId: string;
  streamVersion: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string;
  leafIndex: number | null;
  cursor: string;
}

export const toEventJson = (e: LogEvent): EventJson => ({
  position: e.position,
  transactionId: e.transactionId,
  streamId: e.streamId,
  streamVersion: e.streamVersion,
  id: e.id,
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.recordedAt.toISOString(),
  leafIndex: e.leafIndex,
  cursor: encodeCursor({ transactionId: e.transactionId, position: e.position }),
});
