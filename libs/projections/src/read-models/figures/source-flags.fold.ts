import type { SourceRegisteredData, SourceUpdatedData } from '@factledger/ledger-domain';
import type { SeqEvent } from '../shared/ledger-cursor';
import type { SourcePartyClosure, SourcePartyRow } from './figure-rows';

/** Source ids whose open flags row the batch needs: updated, but not registered within the batch. */
export function sourcesToLoad(events: readonly SeqEvent[]): string[] {
  const registeredHere = new Set<string>();
  const needed = new Set<string>();
  for (const { event } of events) {
    if (event?.type === 'source.registered.v1') registeredHere.add(event.data.sourceId);
    if (event?.type === 'source.updated.v1' && !registeredHere.has(event.data.sourceId)) needed.add(event.data.sourceId);
  }
  return [...needed];
}

/**
 * A source's flags over recorded time, as the estimate reads them at its
 * basis: party to the conflict, and awaiting verification (the review flag).
 * A registration opens the first row; an update that changes either flag
 * closes the open row at its seq and opens the next; any other update
 * changes nothing here.
 */
export class SourceFlagsFold {
  private readonly open = new Map<string, { row: SourcePartyRow; stored: boolean }>();
  readonly inserts: SourcePartyRow[] = [];
  readonly closures: SourcePartyClosure[] = [];

  constructor(stored: ReadonlyMap<string, SourcePartyRow>) {
    for (const [sourceId, row] of stored) this.open.set(sourceId, { row: { ...row }, stored: true });
  }

  registered(n: SeqEvent, data: SourceRegisteredData): void {
    if (this.open.has(data.sourceId)) return;
    this.openRow(n, data.sourceId, { party_to_conflict: data.partyToConflict, needs_review: data.needsReview });
  }

  updated(n: SeqEvent, data: SourceUpdatedData): void {
    const open = this.open.get(data.sourceId);
    if (!open) return;
    const flags = { party_to_conflict: data.partyToConflict ?? open.row.party_to_conflict, needs_review: data.needsReview ?? open.row.needs_review };
    if (flags.party_to_conflict === open.row.party_to_conflict && flags.needs_review === open.row.needs_review) return;
    open.row.recorded_to = n.seq;
    if (open.stored) this.closures.push({ source_id: open.row.source_id, recorded_from: open.row.recorded_from, recorded_to: n.seq });
    this.openRow(n, data.sourceId, flags);
  }

  private openRow(n: SeqEvent, sourceId: string, flags: Pick<SourcePartyRow, 'party_to_conflict' | 'needs_review'>): void {
    const row: SourcePartyRow = {
      source_id: sourceId,
      recorded_from: n.seq,
      recorded_to: null,
      ...flags,
      position: n.logged.position,
      recorded_at: n.recordedAt,
    };
    this.open.set(sourceId, { row, stored: false });
    this.inserts.push(row);
  }
}
