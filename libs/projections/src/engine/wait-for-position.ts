import { sql, type Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import { transactionIdAt } from '@factledger/event-store';
import { DomainError, invalid, isPosition } from '@factledger/shared';
import { rememberActiveVersion } from './active-schema';

export const WaitErrorCodes = {
  timeout: 'projection.wait_timeout',
  positionUnknown: 'projection.position_unknown',
  /** A projection the read needs is failed: waiting cannot help until someone resumes it. */
  failed: 'projection.failed',
} as const;

interface ProgressRow {
  name: string;
  active_version: number;
  state: string | null;
  error: string | null;
  checkpoint: string | null;
  reached: boolean | null;
}

const POLL_MS = [5, 10, 10, 15, 20, 25];

/**
 * Read-your-writes: resolves once the active version of every named
 * projection has applied the event at `position` (as returned by an append).
 * Checkpoints are compared as (transaction id, position) pairs, the order in
 * which projections read the log. A projection with no registry row yet
 * (its worker has not started) is behind, not an error: a worker's jobs may
 * start before its own projector has registered.
 *
 * On a streaming replica (`db`), the checkpoints read are the ones it has
 * replayed, so reaching the position means the replica holds the commit that
 * applied it. The event itself is looked up on `primary` when the replica has
 * not replayed it yet (a physical replica has the primary's transaction ids).
 */
export async function waitForPosition(
  db: Kysely<EngineDb>,
  names: readonly string[],
  position: string,
  timeoutMs: number,
  primary?: Kysely<EngineDb>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const lookUp = async (on: Kysely<EngineDb>) => (isPosition(position) ? await transactionIdAt(on, position) : null);
  const transactionId = (await lookUp(db)) ?? (primary ? await lookUp(primary) : null);
  if (transactionId === null) {
    throw invalid(WaitErrorCodes.positionUnknown, `No event at position ${position}`, { position });
  }
  const wanted = [...new Set(names)];
  for (let attempt = 0; wanted.length > 0; attempt++) {
    const { rows } = await sql<ProgressRow>`
      SELECT r.name, r.active_version, c.state, c.error, c.transaction_id::text || ':' || c.position::text AS checkpoint,
             (c.transaction_id, c.position) >= (${transactionId}::xid8, ${position}::bigint) AS reached
        FROM projection_registry r
        LEFT JOIN projection_checkpoints c ON c.name = r.name AND c.version = r.active_version
       WHERE r.name = ANY (${wanted}::text[])`.execute(db);
    // Readers in this process then use the version that reached the position, even right after a switch.
    for (const r of rows) rememberActiveVersion(db, r.name, r.active_version);
    const unregistered = wanted
      .filter((n) => !rows.some((r) => r.name === n))
      .map((name) => ({ projection: name, version: null, state: 'not_registered', checkpoint: null }));
    const behind = [
      ...rows
        .filter((r) => r.reached !== true)
        .map((r) => ({ projection: r.name, version: r.active_version, state: r.state, checkpoint: r.checkpoint })),
      ...unregistered,
    ];
    if (behind.length === 0) return;
    const failed = rows.find((r) => r.reached !== true && r.state === 'failed');
    if (failed) {
      throw new DomainError(
        WaitErrorCodes.failed,
        'unavailable',
        `Read model ${failed.name} v${failed.active_version} has failed and will not reach position ${position} until it is fixed and resumed: ${failed.error}`,
        {
          position,
          projection: failed.name,
          version: failed.active_version,
          error: failed.error,
          checkpoint: failed.checkpoint,
        },
      );
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new DomainError(WaitErrorCodes.timeout, 'unavailable', `Read models did not reach position ${position} within ${timeoutMs} ms`, {
        position,
        timeoutMs,
        behind,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(remaining, POLL_MS[Math.min(attempt, POLL_MS.length - 1)]!)));
  }
}
