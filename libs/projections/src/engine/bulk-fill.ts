import { sql, type Kysely } from 'kysely';
import { logOrder, START, visibleHead, type Checkpoint, type LeasedSession } from '@factledger/event-store';
import { advanceCheckpoint } from './checkpoints.repository';
import { schemaName, type ProjectionDefinition, type ProjectionLogger } from './projection-definition';
import { FencedError, isTransient, messageOf } from './projection-errors';
import { engineDb, type EngineDb } from './projection.tables';
import { announceAdvance } from './read-model-notice';

/**
 * fillFromStart for a subscriber: a fenced or transient error or a lost
 * connection is thrown, to be settled as a batch's; any other failure is
 * logged and answered 'batches' (go on by batches from START: they locate
 * the event that fails, if one does).
 */
export async function firstFill(
  session: LeasedSession,
  definition: ProjectionDefinition,
  target: { name: string; version: number; owner: string },
  options: { db: Kysely<EngineDb>; logger: ProjectionLogger },
  label: string,
  progress: (folded: number) => void,
): Promise<{ to: Checkpoint; count: number } | 'batches' | null> {
  try {
    return await fillFromStart(session, definition, target, options.db, progress);
  } catch (e) {
    if (e instanceof FencedError || isTransient(e) || !(await session.alive())) throw e;
    options.logger.warn(`${label}: the first fill failed, going on by batches: ${messageOf(e)}`);
    return 'batches';
  }
}

/**
 * A version's first fill (ProjectionDefinition.fill) from START to the log's
 * gap-safe head, in one transaction that holds the checkpoint row's lock
 * from its first statement (a reset or takeover fences it, as a batch) and
 * moves it at the end. Null when there is nothing to fill or no way to.
 */
export async function fillFromStart(
  session: LeasedSession,
  definition: ProjectionDefinition,
  target: { name: string; version: number; owner: string },
  pool: Kysely<EngineDb>,
  progress: (folded: number) => void,
): Promise<{ to: Checkpoint; count: number } | null> {
  const fill = definition.fill;
  const copy = session.copyIn;
  const last = (await visibleHead(engineDb(session))).checkpoint;
  if (!fill || !copy || !last) return null;
  const schema = schemaName(definition.name, definition.version);
  // Read beside the fill's first statements; without JIT, which took seconds to compile this one statement.
  const order = pool.transaction().execute(async (read) => {
    await sql`SELECT set_config('jit', 'off', true)`.execute(read);
    return logOrder(read, last);
  });
  order.catch(() => undefined); // the fill awaits it; should the fill fail first, nobody else does
  return engineDb(session)
    .transaction()
    .execute(async (trx) => {
      if (!(await advanceCheckpoint(trx, target, START, START, 0))) throw new FencedError();
      const count = await fill(trx, { schema, copy, last, pool, order, progress });
      const state = await advanceCheckpoint(trx, target, START, last, count);
      if (!state) throw new FencedError();
      // A first version is read while it fills: its readers' caches learn at commit.
      if (state === 'running') await announceAdvance(trx, { projection: target.name, version: target.version, position: last.position });
      return { to: last, count };
    });
}
