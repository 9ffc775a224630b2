import type { Kysely } from 'kysely';
import { eventsByIds, type EventStoreTables } from '@factledger/event-store';
import { seededEventIds, seededFigureId } from '@factledger/ledger';
import { figureStreamId, sourceStreamId, upcastFigureEvent } from '@factledger/ledger-domain';
import { assertNever } from '@factledger/shared';
import type { MatchDecision } from '../domain';

/** The id of the first event a write seeded with `seed` appends to `streamId`. */
const firstEventId = (seed: string, streamId: string): string => seededEventIds(seed, streamId)(0);

/** The id of the figure a line reports: derived from its seed, so every attempt picks the same one. */
export const newFigureId = seededFigureId;

/**
 * What an earlier, crashed attempt of this job already wrote, found by the
 * deterministic ids its writes carry. A retry counts those writes as what
 * they were, so its result is that of an uncrashed run.
 */
export class LandedWrites {
  constructor(private readonly db: Kysely<EventStoreTables>) {}

  /** Whether this job's registration of the source (seeded with `seed`) is already stored. */
  async sourceRegistered(sourceId: string, seed: string): Promise<boolean> {
    return (await eventsByIds(this.db, [firstEventId(seed, sourceStreamId(sourceId))])).length > 0;
  }

  /**
   * The write an earlier attempt of this job made for this line, found by its
   * deterministic event id on the figure the decision names (or the figure the
   * line would have reported), as the decision it was. Null when none landed.
   */
  async figureWrite(seed: string, decision: MatchDecision, before: (figureId: string) => MatchDecision): Promise<MatchDecision | null> {
    const figureIds = new Set([newFigureId(seed)]);
    if (decision.kind === 'corroborate' || decision.kind === 'revise') figureIds.add(decision.figureId);
    const [event] = await eventsByIds(
      this.db,
      [...figureIds].map((id) => firstEventId(seed, figureStreamId(id))),
    );
    if (!event) return null;
    const figureId = event.streamId.slice(figureStreamId('').length);
    const figure = upcastFigureEvent(event);
    if (!figure) return null;
    // Every figure event decides: what ingestion writes maps back to its decision; the rest it never writes.
    switch (figure.type) {
      case 'figure.reported.v1': {
        const original = before(figureId);
        return { kind: 'report', reason: original.kind === 'report' ? original.reason : 'new' };
      }
      case 'figure.corroborated.v1':
        return { kind: 'corroborate', figureId, alreadyCited: false };
      case 'figure.revised.v1':
        return { kind: 'revise', figureId, revisionKind: figure.data.kind };
      case 'figure.retracted.v1':
        return null;
      default:
        return assertNever(figure, 'figure event');
    }
  }
}
