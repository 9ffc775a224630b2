import { Inject, Injectable, Optional } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { compareCheckpoints, visibleHead, type Checkpoint } from '@factledger/event-store';
import { KYSELY } from '@factledger/platform';
import { DomainError } from '@factledger/shared';
import type { SignedCheckpoint } from '@factledger/audit-domain';
import { AUDIT_API_OPTIONS, DEFAULT_AUDIT_API_OPTIONS, type AuditApiOptions } from '../audit.options';
import { latestCheckpoint } from '../checkpoints/checkpoints.repository';
import { CHECKPOINT_REQUEST_CHANNEL } from '../sealer/sealer-session';
import { readSealerStatus } from '../sealer/sealer-status';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * On-demand checkpoints. Only the worker's sealer holds the signing key, so
 * the API asks it (NOTIFY, repeated in case one is lost) and waits until a
 * checkpoint covers every event that was visible when the request came in.
 */
@Injectable()
export class CheckpointRequests {
  private readonly options: AuditApiOptions;

  constructor(
    @Inject(KYSELY) private readonly db: Kysely<AuditDb>,
    @Optional() @Inject(AUDIT_API_OPTIONS) options?: Partial<AuditApiOptions>,
  ) {
    this.options = { ...DEFAULT_AUDIT_API_OPTIONS, ...options };
  }

  async request(): Promise<{ checkpoint: SignedCheckpoint; created: boolean }> {
    const head = (await visibleHead(this.db)).checkpoint;
    const before = await latestCheckpoint(this.db);
    if (before && covers(before, head)) return { checkpoint: before, created: false };
    const deadline = Date.now() + this.options.checkpointWaitMs;
    let notifiedAt = 0;
    while (Date.now() < deadline) {
      if (Date.now() - notifiedAt >= 1000) {
        await sql`SELECT pg_notify(${CHECKPOINT_REQUEST_CHANNEL}, '')`.execute(this.db);
        notifiedAt = Date.now();
      }
      await sleep(50);
      const latest = await latestCheckpoint(this.db);
      if (latest && covers(latest, head)) return { checkpoint: latest, created: true };
    }
    const status = await readSealerStatus(this.db);
    if (status.lastError?.code === 'audit.event_unsealable') {
      throw new DomainError(
        'audit.sealer_stalled',
        'unavailable',
        `No checkpoint can cover the log up to position ${head?.position}: ${status.lastError.message}`,
        {
          eventId: status.lastError.eventId,
          position: status.lastError.position,
          latestCheckpoint: status.lastCheckpoint,
        },
      );
    }
    throw new DomainError(
      'audit.sealer_unavailable',
      'unavailable',
      `No checkpoint covering the log up to position ${head?.position ?? '(empty log)'} was issued within ${this.options.checkpointWaitMs} ms; is the worker (sealer) running?`,
    );
  }
}

function covers(checkpoint: SignedCheckpoint, head: Checkpoint | null): boolean {
  if (head === null) return true;
  if (checkpoint.lastTransactionId === null || checkpoint.lastPosition === null) return false;
  return compareCheckpoints({ transactionId: checkpoint.lastTransactionId, position: checkpoint.lastPosition }, head) >= 0;
}
