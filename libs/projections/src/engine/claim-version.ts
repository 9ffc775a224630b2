import type { Kysely } from 'kysely';
import { countEventsAfter, formatCheckpoint, type Checkpoint } from '@factledger/event-store';
import { claimCheckpoint, loadCheckpoint } from './checkpoints.repository';
import { ensureProjection } from './ensure-projection';
import type { ProjectionDefinition } from './projection-definition';
import type { ProjectionRunnerOptions } from './projection-runner.types';
import type { EngineDb } from './projection.tables';
import { activeVersion } from './registry.repository';

/** A version a subscriber holds: where it is, and how it goes on. */
export interface Claim {
  checkpoint: Checkpoint;
  mode: 'running' | 'rebuilding';
  processed: number;
  total: number;
  /** Still far behind the head: bulk batches (see bulkBatchSize). */
  bulk: boolean;
}

/**
 * Takes the version's checkpoint row for this owner (creating the version
 * first unless rebuilding beside the active one): the claim, or why not.
 * `failure.since` is the failure last seen (logged once), cleared by a claim.
 */
export async function claimVersion(
  db: Kysely<EngineDb>,
  definition: ProjectionDefinition,
  options: ProjectionRunnerOptions,
  failure: { since: string | null },
  label: string,
): Promise<Claim | 'failed' | 'superseded' | 'active'> {
  const { name, version } = definition;
  // While failed, only watch the state: a resume (from any process) clears it.
  if (failure.since !== null && (await loadCheckpoint(db, name, version))?.state === 'failed') return 'failed';
  let active: number | null;
  if (options.untilActive) {
    // The rebuild was prepared beside the active version; never make it active before it is built.
    active = await activeVersion(db, name);
    if (active === version) return 'active';
  } else {
    active = (await ensureProjection(db, definition, { retiredSchemaGraceMs: options.retiredSchemaGraceMs })).activeVersion;
  }
  if (active !== null && active > version) {
    options.logger.warn(`${label}: superseded by v${active}; this instance runs an outdated definition and leaves it alone`);
    return 'superseded';
  }
  const mode = active === version ? 'running' : 'rebuilding';
  const row = await claimCheckpoint(db, name, version, options.owner, mode);
  if (!row) {
    const current = await loadCheckpoint(db, name, version);
    if (!current) throw new Error(`${label} is not set up (no checkpoint row)`);
    if (current.state === 'stopped') return 'superseded';
    if (failure.since === null) {
      failure.since = current.error ?? 'failed';
      options.logger.warn(`${label}: is failed (${failure.since}); waiting for a resume`);
    }
    return 'failed';
  }
  failure.since = null;
  const processed = Number(row.eventsApplied);
  const total = mode === 'rebuilding' && options.onProgress ? processed + (await countEventsAfter(db, row.checkpoint)) : processed;
  options.logger.log(`${label}: ${mode} from ${formatCheckpoint(row.checkpoint)}`);
  return { checkpoint: row.checkpoint, mode, processed, total, bulk: (options.bulkBatchSize ?? 0) > 0 };
}
