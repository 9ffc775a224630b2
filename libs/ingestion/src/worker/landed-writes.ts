import type { Kysely } from 'kysely';
import { eventsByIds } from '@factledger/event-store';
import { seededEventIds, seededFigureId } from '@factledger/ledger';
import { FigureEventTypes, figureStreamId, sourceStreamId } from '@factledger/ledger-domain';
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
  constructor(private readonly db: Kysely<any>) {}

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
    const [event] = await eventsByIds(this.db, [...figureIds].map((id) => firstEventId(seed, figureStreamId(id))));
    if (!event) return null;
    const figureId = event.streamId.slice(figureStreamId('').length);
    switch (event.type) {
      case FigureEventTypes.reported: {
        const original = before(figureId);
        return { kind: 'report', reason: original.kind === 'report' ? original.reason : 'new' };
      }
      case FigureEventTypes.corroborated:
        return { kind: 'corroborate', figureId, alreadyCited: false };
      case FigureEventTypes.revised:
        return { kind: 'revise', figureId, revisionKind: event.data.kind === 'update' ? 'update' : 'correction' };
      default:
        return null;
    }
  }
}
