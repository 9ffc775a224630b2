import type { Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import { compareCheckpoints, formatCheckpoint, readBatch, type Checkpoint, type EventStoreTables } from '@factledger/event-store';
import { applyEvents } from './apply-events';
import { advanceCheckpoint, loadCheckpoint, retireVersion } from './checkpoints.repository';
import type { ProjectionDefinition } from './projection-definition';
import { FencedError } from './projection-errors';
import { announceAdvance } from './read-model-notice';
import { activeVersion, lockRegistry, setActiveVersion } from './registry.repository';
import { sliceOf } from '@factledger/platform';

export interface Promotion {
  /** The version readers used before, now retired (null: none). */
  previous: number | null;
  /** Where the promoted version's checkpoint stands. */
  to: Checkpoint;
  /** Events the checkpoint moved over while catching up to the old version. */
  count: number;
}

/**
 * Makes a rebuilt version the one readers use, and retires the old one. Under
 * the registry row lock and the old version's checkpoint row lock (which
 * freezes the old runner), the new version first catches up to at least the
 * old one's checkpoint, so a reader who waited for a position on the old
 * version still sees it. Throws FencedError when the version's checkpoint is
 * no longer `from` or a newer version is active.
 */
export async function promoteVersion(
  db: Kysely<EngineDb>,
  definition: ProjectionDefinition,
  owner: string,
  from: Checkpoint,
  batchSize: number,
): Promise<Promotion> {
  const { name, version } = definition;
  return db.transaction().execute(async (trx) => {
    await lockRegistry(trx, name);
    const previous = await activeVersion(trx, name, { forUpdate: true });
    if (previous !== null && previous >= version) throw new FencedError();
    const old = previous === null ? null : await loadCheckpoint(trx, name, previous, { forUpdate: true });
    let to = from;
    let count = 0;
    for (;;) {
      const { page } = await readBatch(sliceOf<EngineDb>(trx).as<EventStoreTables>(), to, batchSize, definition.upcast);
      await applyEvents(trx, definition, page.events);
      to = page.checkpoint;
      count += page.events.length;
      if (!old || compareCheckpoints(to, old.checkpoint) >= 0) break;
      // Unreachable: the old checkpoint was read gap-safe, so it is visible here too.
      if (page.events.length < batchSize) throw new Error(`cannot reach v${previous}'s checkpoint ${formatCheckpoint(old.checkpoint)}`);
    }
    if (!(await advanceCheckpoint(trx, { name, version, owner }, from, to, count, 'running'))) throw new FencedError();
    await announceAdvance(trx, { projection: name, version, position: to.position });
    await setActiveVersion(trx, name, version);
    if (previous !== null) await retireVersion(trx, name, previous);
    return { previous, to, count };
  });
}
