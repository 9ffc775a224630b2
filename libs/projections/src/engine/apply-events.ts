import type { Kysely, Transaction } from 'kysely';
import type { EngineDb } from './projection.tables';
import type { LogEvent } from '@factledger/event-store';
import { schemaName, type CopyIn, type ProjectionDefinition } from './projection-definition';
import { ApplyError } from './projection-errors';

/**
 * The keys the batch touched ([] when nothing reached apply), or undefined
 * when the definition does not say. `copy` only for a bulk batch (see ProjectionContext).
 */
export async function applyEvents(
  trx: Transaction<EngineDb>,
  definition: ProjectionDefinition,
  events: LogEvent[],
  copy?: CopyIn,
): Promise<readonly string[] | undefined> {
  const types = definition.eventTypes;
  const relevant = types ? events.filter((e) => types.includes(e.type)) : events;
  if (relevant.length === 0) return [];
  try {
    const applied = await definition.apply(trx, relevant, { schema: schemaName(definition.name, definition.version), copy });
    return applied ? applied.keys : undefined;
  } catch (e) {
    throw new ApplyError(e, relevant);
  }
}

/**
 * A batch is applied set-based, so its error names no event. Re-applies it
 * event by event from the same checkpoint, in a transaction that is always
 * rolled back: the first event that throws is the one to look at.
 */
export async function locateFailingEvent(
  db: Kysely<EngineDb>,
  definition: ProjectionDefinition,
  e: ApplyError,
  onUnlocated: (error: unknown) => void,
): Promise<ApplyError> {
  if (e.failing) return e;
  const ctx = { schema: schemaName(definition.name, definition.version) };
  let located: ApplyError | null = null;
  const rollback = new Error('rollback');
  try {
    await db.transaction().execute(async (trx) => {
      for (const event of e.events) {
        try {
          await definition.apply(trx, [event], ctx);
        } catch (cause) {
          located = e.at(event, cause);
          break;
        }
      }
      throw rollback;
    });
  } catch (x) {
    if (x !== rollback) onUnlocated(x);
  }
  return located ?? e;
}
