import type { LeasedSession } from '@factledger/event-store';
import { locateFailingEvent } from './apply-events';
import { markFailed } from './checkpoints.repository';
import type { ProjectionDefinition } from './projection-definition';
import { ApplyError, FencedError, isTransient, messageOf } from './projection-errors';
import type { ProjectionRunnerOptions } from './projection-runner.types';
import { engineDb } from './projection.tables';

/**
 * What a failed batch means for its version: a fenced or transient error is
 * retried (null), a lost connection is the follower's to handle (rethrown),
 * and an event the projection cannot apply marks the version failed (its
 * message, after `onFailed`).
 */
export async function settleBatchError(
  session: LeasedSession,
  e: unknown,
  definition: ProjectionDefinition,
  options: ProjectionRunnerOptions,
  label: string,
): Promise<string | null> {
  if (e instanceof FencedError) {
    options.logger.warn(`${label}: checkpoint moved (reset, switch or takeover); reloading it`);
    return null;
  }
  if (!(await session.alive())) throw e; // lost connection: the follower reconnects
  if (isTransient(e)) {
    options.logger.warn(`${label}: transient error, retrying: ${messageOf(e)}`);
    return null;
  }
  if (!(e instanceof ApplyError)) throw e;
  const db = engineDb(session);
  const located = await locateFailingEvent(db, definition, e, (x) =>
    options.logger.warn(`${label}: could not re-apply the failed batch event by event: ${messageOf(x)}`),
  );
  await markFailed(db, { name: definition.name, version: definition.version, owner: options.owner }, located.message);
  options.logger.error(
    `${label}: FAILED and stopped; the batch was rolled back. Fix, then resume it. ${located.message}`,
    (located.cause as Error)?.stack,
  );
  options.onFailed?.(located.message);
  return located.message;
}
