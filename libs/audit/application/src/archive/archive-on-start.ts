import type { Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { latestCheckpoint } from '../checkpoints/checkpoints.repository';
import type { CheckpointArchive } from './checkpoint-archive';
import { RestoreRuleError, restoreRuleProblem } from './restore-rule';

/**
 * At the worker's start, before the sealer leads: the database must contain the
 * latest archived checkpoint (the restore rule), else RestoreRuleError stops
 * the worker. Then the archive catches up with the database's latest
 * checkpoint (an archive set up late, or a write that failed).
 */
export async function checkArchiveOnStart(db: Kysely<AuditDb>, archive: CheckpointArchive, logger: { log(message: string): void }): Promise<void> {
  const published = await archive.latest();
  if (published) {
    const problem = await restoreRuleProblem(db, published, `the checkpoint archive ${archive.dir}`);
    if (problem) throw new RestoreRuleError(`refusing to start: ${problem}`);
  }
  const stored = await latestCheckpoint(db);
  if (stored && (!published || stored.treeSize > published.treeSize)) {
    await archive.write(stored);
    logger.log(`audit: archived checkpoint ${stored.treeSize} to ${archive.dir}`);
  }
}
