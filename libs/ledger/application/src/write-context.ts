import type { EventMetadata } from '@factledger/shared';

/** What every write carries besides its data: provenance, concurrency and retry identity. */
export interface WriteContext {
  metadata: EventMetadata;
  /** ISO-8601 time the command is decided at (the domain never reads the clock). */
  now: string;
  /** The stream version the client last saw (If-Match). */
  expectedVersion?: number;
  /** Makes event ids deterministic so a retried request cannot append twice. */
  idempotencySeed?: string;
}

/** What a write answers: enough to read one's own write later. */
export interface WriteResult<View = unknown> {
  id: string;
  streamId: string;
  /** The stream's version after the write. */
  streamVersion: number;
  /**
   * Global position of the stream's last event after the write: the last one
   * appended, or for a no-op the stream's last existing one, so a client can
   * always read its own write back (minPosition).
   */
  position: string | null;
  /** False when the command was a no-op (e.g. a repeated corroboration) or a replay. */
  changed: boolean;
  view: View;
}
