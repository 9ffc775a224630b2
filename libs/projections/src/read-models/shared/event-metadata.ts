import type { LogEvent } from '@factledger/event-store';

/** Who wrote an event and why, as the write side stores it (see EventMetadata). */
export interface Provenance {
  actor: string | null;
  requestId: string | null;
  /** The metadata reason: the request's `reason` or `X-Reason`, else e.g. `POST /v1/figures`. */
  reason: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const provenanceOf = (event: Pick<LogEvent, 'metadata'>): Provenance => {
  const metadata = (event.metadata ?? {}) as Record<string, unknown>;
  return { actor: text(metadata.actor), requestId: text(metadata.requestId), reason: text(metadata.reason) };
};
