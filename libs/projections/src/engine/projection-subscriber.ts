import type { Kysely } from 'kysely';
import { engineDb, type EngineDb } from './projection.tables';
import { UnknownEventVersionError } from '@factledger/shared';

import {
  compareCheckpoints,
  countEventsAfter,
  formatCheckpoint,
  START,
  type Checkpoint,
  type LeasedSession,
  type LogSubscriber,
  type Batch,
  type LogEvent,
  type Turn,
} from '@factledger/event-store';
import { invalidateActiveSchemas } from './active-schema';
import { applyEvents } from './apply-events';
import { settleBatchError } from './batch-error';
import { batchTiming } from './batch-timing';
import { BulkReadAhead } from './bulk-read-ahead';
import { firstFill } from './bulk-fill';
import { advanceCheckpoint, loadCheckpoint, markFailed, releaseCheckpoint } from './checkpoints.repository';
import { schemaName, type ProjectionDefinition } from './projection-definition';
import { FencedError } from './projection-errors';
import type { ProjectionRunnerOptions, RebuildProgress, RunnerExit } from './projection-runner.types';
import { promoteVersion } from './promote-version';
import { announceAdvance } from './read-model-notice';
import { activeVersion } from './registry.repository';
import { claimVersion, type Claim } from './claim-version';

/** Advisory-lock name of one projection version; status reads pg_locks with the same rule. */
export const projectionLockKey = (name: string, version: number): string => `factledger.projection:${name}:v${version}`;

/**
 * One projection version as a subscriber of the log follower. Each batch is
 * one transaction on the leased connection: compare-and-set the checkpoint
 * row, apply, commit. A rebuilding version is promoted (promoteVersion) once
 * it has caught up; a failing batch marks the version failed until a resume.
 */
export class ProjectionSubscriber implements LogSubscriber<Exclude<RunnerExit, 'stopped'>> {
  readonly label: string;
  readonly lockKey: string;
  claim: Claim | null = null;
  /** Why the version is failed, as last seen by this instance (null: not failed). */
  private readonly failure: { since: string | null } = { since: null };
  /** The definition fills a version at START at once (ProjectionDefinition.fill), until a fill fails. */
  private fillable: boolean;
  private waitingTotal: number | null = null;
  private readonly target: { name: string; version: number; owner: string };
  private readonly readAhead: BulkReadAhead;

  constructor(
    private readonly definition: ProjectionDefinition,
    private readonly options: ProjectionRunnerOptions,
    private readonly promoted: (previous: number | null) => void,
  ) {
    this.label = `projection ${definition.name} v${definition.version}`;
    this.lockKey = projectionLockKey(definition.name, definition.version);
    this.target = { name: definition.name, version: definition.version, owner: options.owner };
    this.readAhead = new BulkReadAhead(options.db, definition, options.sharedReads);
    this.fillable = definition.fill !== undefined && options.firstFill !== false;
  }

  /** Rebuild mode: done once another instance switched the version in; meanwhile report its progress. */
  async beforeLease(session: LeasedSession): Promise<'active' | null> {
    if (!this.options.untilActive) return null;
    const db = engineDb(session);
    const active = await activeVersion(db, this.definition.name);
    if (active !== null && active >= this.definition.version) return 'active';
    const row = await loadCheckpoint(db, this.definition.name, this.definition.version);
    if (this.options.onProgress && row?.owner && row.owner !== this.options.owner) {
      this.waitingTotal ??= await countEventsAfter(db, START);
      const processed = Number(row.eventsApplied);
      this.waitingTotal = Math.max(this.waitingTotal, processed);
      this.options.onProgress({ ...this.target, processed, total: this.waitingTotal, checkpoint: row.checkpoint, phase: 'waiting' });
    }
    return null;
  }

  async leased(): Promise<void> {
    this.options.logger.log(`${this.label}: acquired (owner ${this.options.owner})`);
  }

  async turn(session: LeasedSession): Promise<Turn<'superseded' | 'active'>> {
    if (!this.claim) {
      const claimed = await claimVersion(engineDb(session), this.definition, this.options, this.failure, this.label);
      if (claimed === 'superseded' || claimed === 'active') return { exit: claimed };
      if (claimed === 'failed') return 'failed';
      this.claim = claimed;
    }
    return this.step(session);
  }

  /** Caught up: the running version's idle work, in a transaction behind the checkpoint row's lock (a reset or takeover fences it). */
  async idle(session: LeasedSession): Promise<boolean> {
    const claim = this.claim;
    const work = this.definition.idle;
    if (!work?.due() || claim?.mode !== 'running') return false;
    const schema = schemaName(this.definition.name, this.definition.version);
    try {
      return await engineDb(session)
        .transaction()
        .execute(async (trx) => {
          if (!(await advanceCheckpoint(trx, this.target, claim.checkpoint, claim.checkpoint, 0))) throw new FencedError();
          return work.run(trx, { schema });
        });
    } catch (e) {
      if (!(e instanceof FencedError)) throw e;
      this.claim = null; // reload the checkpoint at the next turn
      return false;
    }
  }

  failed(): void {
    this.claim = null; // reload the checkpoint from the database before going on
    this.readAhead.drop();
  }

  async releasing(session: LeasedSession): Promise<void> {
    this.readAhead.drop();
    await releaseCheckpoint(engineDb(session), this.target);
  }

  private async step(session: LeasedSession): Promise<Turn<'active'>> {
    const claim = this.claim!;
    const limit = await this.batchLimit(session);
    if (claim.bulk && this.fillable && compareCheckpoints(claim.checkpoint, START) === 0) return this.fill(session);
    let batch;
    batchTiming.begin(this.label);
    try {
      batch = await this.readAhead.read(session.db, claim.checkpoint, limit, claim.bulk);
    } catch (e) {
      if (!(e instanceof UnknownEventVersionError)) throw e;
      await this.stopOnUnknownVersion(session, e);
      return 'failed';
    }
    const { page, held } = batch;
    batchTiming.mark('read');
    // Far behind: read the next bulk batch while this one applies.
    if (claim.bulk && page.events.length === limit) this.readAhead.start(page.checkpoint, limit);
    if (page.events.length === 0 && (await this.movedElsewhere(engineDb(session)))) return 'more';
    // Announced but still hidden behind an older open transaction: look again soon, not at the next poll.
    if (held && claim.mode === 'running') return 'held';
    if (page.events.length > 0 && !(await this.applyBatch(session, page))) return 'failed';
    if (claim.mode === 'rebuilding') {
      this.reportProgress('catching_up');
      if (page.events.length < limit) return this.promote(session);
    }
    return page.events.length === limit ? 'more' : 'idle';
  }

  /** A bulk batch while a whole one is behind the checkpoint; once caught up to it, the usual batches for good. */
  private async batchLimit(session: LeasedSession): Promise<number> {
    const claim = this.claim!;
    const bulk = this.options.bulkBatchSize ?? 0;
    if (claim.bulk) claim.bulk = (await countEventsAfter(session.db, claim.checkpoint, bulk + 1)) > bulk;
    if (claim.bulk) return bulk;
    return claim.mode === 'rebuilding' ? this.options.rebuildBatchSize : this.options.batchSize;
  }

  /**
   * With nothing to apply there is no compare-and-set to notice a reset or a
   * retirement done elsewhere, so an idle runner checks its row instead.
   */
  private async movedElsewhere(db: Kysely<EngineDb>): Promise<boolean> {
    const row = await loadCheckpoint(db, this.definition.name, this.definition.version);
    const claim = this.claim!;
    const same = row?.owner === this.options.owner && row.state === claim.mode && compareCheckpoints(row.checkpoint, claim.checkpoint) === 0;
    if (!same) this.claim = null;
    return !same;
  }

  private async applyBatch(session: LeasedSession, page: Batch<LogEvent>['page']): Promise<boolean> {
    const claim = this.claim!;
    const started = performance.now();
    try {
      await engineDb(session)
        .transaction()
        .execute(async (trx) => {
          // The checkpoint first: its row lock is held while the batch applies.
          const state = await advanceCheckpoint(trx, this.target, claim.checkpoint, page.checkpoint, page.events.length);
          if (!state) throw new FencedError();
          batchTiming.mark('checkpoint');
          const keys = await applyEvents(trx, this.definition, page.events, claim.bulk ? session.copyIn : undefined);
          batchTiming.mark('apply');
          // Readers' caches learn at commit what this batch changed (only they read a running version).
          if (state === 'running')
            await announceAdvance(trx, {
              projection: this.target.name,
              version: this.target.version,
              position: page.checkpoint.position,
              keys: keys?.slice(),
            });
          batchTiming.mark('notify');
        });
      batchTiming.mark('commit');
    } catch (e) {
      await this.onBatchError(session, e);
      return false;
    }
    this.advanced(page.checkpoint, page.events.length, started);
    batchTiming.end({ events: page.events.length, mode: claim.mode });
    return true;
  }

  /** A first fill; should it fail other than as a batch may (fenced, transient, a lost connection), batches go on from START. */
  private async fill(session: LeasedSession): Promise<Turn<'active'>> {
    const started = performance.now();
    let filled;
    try {
      const progress = (folded: number) => {
        if (this.claim?.mode === 'rebuilding') this.reportProgress('catching_up', folded);
      };
      filled = await firstFill(session, this.definition, this.target, this.options, this.label, progress);
    } catch (e) {
      await this.onBatchError(session, e);
      return 'failed';
    }
    // Nothing visible yet to fill up to (an older transaction hides the whole log): look again soon, not at once.
    if (filled === null) return 'held';
    if (filled === 'batches') this.fillable = false;
    else this.advanced(filled.to, filled.count, started);
    if (this.claim?.mode === 'rebuilding') this.reportProgress('catching_up');
    return 'more';
  }

  private advanced(to: Checkpoint, count: number, started: number): void {
    const claim = this.claim!;
    claim.checkpoint = to;
    claim.processed += count;
    const { name, version } = this.definition;
    this.options.onBatch?.({ name, version, events: count, seconds: (performance.now() - started) / 1000, mode: claim.mode });
  }

  private async promote(session: LeasedSession): Promise<Turn<'active'>> {
    const claim = this.claim!;
    let promotion;
    try {
      promotion = await promoteVersion(engineDb(session), this.definition, this.options.owner, claim.checkpoint, this.options.rebuildBatchSize);
    } catch (e) {
      await this.onBatchError(session, e);
      return 'failed';
    }
    const { previous, to, count } = promotion;
    invalidateActiveSchemas();
    claim.checkpoint = to;
    claim.processed += count;
    claim.mode = 'running';
    claim.total = claim.processed;
    this.reportProgress('switched');
    this.options.logger.log(`${this.label}: now active${previous === null ? '' : `, replacing v${previous}`} at ${formatCheckpoint(to)}`);
    this.promoted(previous);
    return this.options.untilActive ? { exit: 'active' } : 'more';
  }

  /**
   * An event newer than this code reads (a newer release wrote it): never
   * skipped — the read model would silently miss it. The version stops,
   * failed, at its checkpoint, like a batch that failed to apply; upgrading
   * this process and `resume` (or a newer process taking over) continues it.
   */
  private async stopOnUnknownVersion(session: LeasedSession, e: UnknownEventVersionError): Promise<void> {
    this.claim = null;
    await markFailed(engineDb(session), this.target, e.message);
    this.failure.since = e.message;
    this.options.logger.error(`${this.label}: FAILED and stopped: ${e.message}`);
    this.options.onFailed?.(e.message);
  }

  private async onBatchError(session: LeasedSession, e: unknown): Promise<void> {
    this.claim = null;
    const failed = await settleBatchError(session, e, this.definition, this.options, this.label);
    if (failed !== null) this.failure.since = failed;
  }

  /** `filling`: events a fill in flight has folded beyond the checkpoint. */
  private reportProgress(phase: RebuildProgress['phase'], filling = 0): void {
    const claim = this.claim;
    if (!claim || !this.options.onProgress) return;
    const processed = claim.processed + filling;
    claim.total = Math.max(claim.total, processed);
    this.options.onProgress({ ...this.target, processed, total: claim.total, checkpoint: claim.checkpoint, phase });
  }
}
