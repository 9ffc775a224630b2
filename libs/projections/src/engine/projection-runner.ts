import type { Kysely, Transaction } from 'kysely';
import { compareCheckpoints, formatCheckpoint, readAllAfter, START, type Checkpoint, type ReadAllPage, type RecordedEvent } from '@factledger/event-store';
import { invalidateActiveSchemas } from './active-schema';
import { advanceCheckpoint, claimCheckpoint, loadCheckpoint, markFailed, releaseCheckpoint, retireVersion } from './checkpoints.repository';
import { ensureProjection } from './ensure-projection';
import { countEventsAfter, hasEventsAfter } from './events-lag.repository';
import { schemaName, type ProjectionDefinition, type ProjectionLogger } from './projection-definition';
import { ApplyError, FencedError, isTransient, messageOf } from './projection-errors';
import { ProjectorSession, projectionLockKey } from './projector-session';
import { announceAdvance } from './read-model-notice';
import { dropSchema } from './read-model-schema.repository';
import { activeVersion, lockRegistry, setActiveVersion } from './registry.repository';

export interface RebuildProgress {
  name: string;
  version: number;
  /** Events the version's checkpoint has moved over so far. */
  processed: number;
  /** Events to go through in all; grows if the log grows during the rebuild. */
  total: number;
  checkpoint: Checkpoint;
  /** waiting: another instance holds the version and is building it. */
  phase: 'catching_up' | 'switched' | 'waiting';
}

export interface ProjectionRunnerOptions {
  /** Shared pool, for work outside the runner's session (dropping retired schemas). */
  db: Kysely<any>;
  connectionString: string;
  owner: string;
  logger: ProjectionLogger;
  batchSize: number;
  rebuildBatchSize: number;
  pollIntervalMs: number;
  lockRetryMs: number;
  retiredSchemaGraceMs: number;
  /** Rebuild mode: end once this version is active (switched by us or by another instance). */
  untilActive?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
  /** Called once the version is marked failed (after the batch rolled back). */
  onFailed?: (error: string) => void;
  onBatch?: BatchObserver;
}

/** A batch committed: which read model, how many events the checkpoint moved over, how long it took. */
export type BatchObserver = (batch: { name: string; version: number; events: number; seconds: number; mode: 'running' | 'rebuilding' }) => void;

/** Why a runner's loop ended. */
export type RunnerExit = 'stopped' | 'superseded' | 'active';

interface Claim {
  checkpoint: Checkpoint;
  mode: 'running' | 'rebuilding';
  processed: number;
  total: number;
}

type Step = 'more' | 'idle' | 'held' | 'retry' | 'done';
/** Re-read at most this long after finding committed events still hidden behind an older open transaction. */
const HELD_BACKOFF_MAX_MS = 100;
/** poll: woken by appends; failed: woken only by a resume; fixed: only by stop. */
type PauseKind = 'poll' | 'failed' | 'fixed';

/**
 * Runs one projection version. At most one runner across all processes holds
 * the version's advisory lock and applies batches; the others stand by and
 * retry the lock. Each batch is one transaction on the locked connection:
 * compare-and-set the checkpoint, apply, commit.
 */
export class ProjectionRunner {
  private session: ProjectorSession | null = null;
  private locked = false;
  private claim: Claim | null = null;
  private failedSince: string | null = null;
  private stopping = false;
  private woken = false;
  private sleeper: { kind: PauseKind; resolve: () => void } | null = null;
  private standingBy = false;
  private heldBackoffMs = 0;
  private loop: Promise<RunnerExit> | null = null;
  private readonly drops = new Map<NodeJS.Timeout, () => void>();
  private readonly dropsDone: Promise<void>[] = [];
  private waitingTotal: number | null = null;
  private readonly label: string;
  private readonly key: string;
  private readonly target: { name: string; version: number; owner: string };

  constructor(
    readonly definition: ProjectionDefinition,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.label = `projection ${definition.name} v${definition.version}`;
    this.key = projectionLockKey(definition.name, definition.version);
    this.target = { name: definition.name, version: definition.version, owner: options.owner };
  }

  /** Starts the loop; the promise settles when it ends (stop, superseded, or built in rebuild mode). */
  start(): Promise<RunnerExit> {
    this.loop ??= this.run();
    return this.loop;
  }

  /** New events may be there (append), or a failure was cleared (resume): act now instead of at the next poll. */
  wake(reason: 'append' | 'resume' = 'append'): void {
    if (reason === 'append') this.woken = true;
    const kind = this.sleeper?.kind;
    if (kind === 'poll' || (kind === 'failed' && reason === 'resume')) this.sleeper!.resolve();
  }

  /** Finishes the batch in flight, releases the lock and closes the connection. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper?.resolve();
    await this.loop;
  }

  /** Holds the lock and is applying (not standing by, not failed). */
  get leading(): boolean {
    return this.locked && this.claim !== null;
  }

  /** Resolves once retired schemas scheduled for dropping are gone. */
  async settled(): Promise<void> {
    await Promise.all(this.dropsDone);
  }

  private async run(): Promise<RunnerExit> {
    let exit: RunnerExit = 'stopped';
    while (!this.stopping) {
      try {
        const lock = await this.acquireLock();
        if (lock === 'active') {
          exit = 'active';
          break;
        }
        if (lock === 'standby') {
          await this.pause(this.options.lockRetryMs, 'fixed');
          continue;
        }
        if (!this.claim) {
          const claimed = await this.claimVersion();
          if (claimed === 'superseded' || claimed === 'active') {
            exit = claimed;
            break;
          }
          if (claimed === 'failed') {
            await this.pause(this.options.lockRetryMs, 'failed');
            continue;
          }
        }
        const step = await this.step();
        if (step === 'done') {
          exit = 'active';
          break;
        }
        this.heldBackoffMs = step === 'held' ? Math.min(this.options.pollIntervalMs, HELD_BACKOFF_MAX_MS, this.heldBackoffMs * 2 || 10) : 0;
        if (step === 'held') await this.pause(this.heldBackoffMs, 'poll');
        if (step === 'idle') await this.pause(this.options.pollIntervalMs, 'poll');
        if (step === 'retry') await this.pause(this.options.lockRetryMs, 'failed');
      } catch (e) {
        await this.recover(e);
      }
    }
    await this.release();
    return exit;
  }

  /** Opens the session and takes the lock if free; 'active' ends a rebuild another instance finished. */
  private async acquireLock(): Promise<'locked' | 'standby' | 'active'> {
    if (this.locked) return 'locked';
    const { connectionString, pollIntervalMs, lockRetryMs } = this.options;
    this.session ??= await ProjectorSession.open(
      connectionString,
      `factledger-projector:${this.definition.name}`,
      Math.max(30_000, 10 * Math.max(pollIntervalMs, lockRetryMs)),
    );
    if (this.options.untilActive && (await this.waitForOtherBuilder()) === 'active') return 'active';
    this.locked = await this.session.tryLock(this.key);
    if (!this.locked) {
      if (!this.standingBy) this.options.logger.log(`${this.label}: another instance holds it; standing by`);
      this.standingBy = true;
      return 'standby';
    }
    this.standingBy = false;
    this.options.logger.log(`${this.label}: acquired (owner ${this.options.owner})`);
    return 'locked';
  }

  /** Rebuild mode while another instance may be building: done once it switched, else report its progress. */
  private async waitForOtherBuilder(): Promise<'active' | 'waiting'> {
    const db = this.session!.db;
    const active = await activeVersion(db, this.definition.name);
    if (active !== null && active >= this.definition.version) return 'active';
    const row = await loadCheckpoint(db, this.definition.name, this.definition.version);
    if (this.options.onProgress && row?.owner && row.owner !== this.options.owner) {
      this.waitingTotal ??= await countEventsAfter(db, START);
      const processed = Number(row.eventsApplied);
      this.waitingTotal = Math.max(this.waitingTotal, processed);
      this.options.onProgress({ ...this.target, processed, total: this.waitingTotal, checkpoint: row.checkpoint, phase: 'waiting' });
    }
    return 'waiting';
  }

  private async claimVersion(): Promise<'claimed' | 'failed' | 'superseded' | 'active'> {
    const db = this.session!.db;
    const { name, version } = this.definition;
    // While failed, only watch the state: a resume (from any process) clears it.
    if (this.failedSince !== null) {
      const row = await loadCheckpoint(db, name, version);
      if (row?.state === 'failed') return 'failed';
    }
    let active: number | null;
    if (this.options.untilActive) {
      // The rebuild was prepared beside the active version; never make it active before it is built.
      active = await activeVersion(db, name);
      if (active === version) return 'active';
    } else {
      const plan = await ensureProjection(db, this.definition, { retiredSchemaGraceMs: this.options.retiredSchemaGraceMs });
      active = plan.activeVersion;
    }
    if (active !== null && active > version) {
      this.options.logger.warn(`${this.label}: superseded by v${active}; this instance runs an outdated definition and leaves it alone`);
      return 'superseded';
    }
    const mode = active === version ? 'running' : 'rebuilding';
    const row = await claimCheckpoint(db, name, version, this.options.owner, mode);
    if (!row) {
      const current = await loadCheckpoint(db, name, version);
      if (!current) throw new Error(`${this.label} is not set up (no checkpoint row)`);
      if (current.state === 'stopped') return 'superseded';
      if (this.failedSince === null) {
        this.failedSince = current.error ?? 'failed';
        this.options.logger.warn(`${this.label}: is failed (${this.failedSince}); waiting for a resume`);
      }
      return 'failed';
    }
    this.failedSince = null;
    const processed = Number(row.eventsApplied);
    const total = mode === 'rebuilding' && this.options.onProgress ? processed + (await countEventsAfter(db, row.checkpoint)) : processed;
    this.claim = { checkpoint: row.checkpoint, mode, processed, total };
    this.options.logger.log(`${this.label}: ${mode} from ${formatCheckpoint(row.checkpoint)}`);
    return 'claimed';
  }

  private async step(): Promise<Step> {
    const claim = this.claim!;
    const limit = claim.mode === 'rebuilding' ? this.options.rebuildBatchSize : this.options.batchSize;
    this.woken = false; // a notification from now on means another read
    const page = await readAllAfter(this.session!.db, claim.checkpoint, { limit });
    if (page.events.length === 0 && (await this.movedElsewhere())) return 'more';
    // Announced but still hidden behind an older open transaction: look again soon, not at the next poll.
    if (page.events.length === 0 && claim.mode === 'running' && (await hasEventsAfter(this.session!.db, claim.checkpoint))) return 'held';
    if (page.events.length > 0 && !(await this.applyBatch(page))) return 'retry';
    if (claim.mode === 'rebuilding') {
      this.reportProgress('catching_up');
      if (page.events.length < limit) return this.switchVersion();
    }
    return page.events.length === limit ? 'more' : 'idle';
  }

  /**
   * With nothing to apply there is no compare-and-set to notice a reset or a
   * retirement done elsewhere, so an idle runner checks its row instead.
   */
  private async movedElsewhere(): Promise<boolean> {
    const row = await loadCheckpoint(this.session!.db, this.definition.name, this.definition.version);
    const claim = this.claim!;
    const same = row?.owner === this.options.owner && row.state === claim.mode && compareCheckpoints(row.checkpoint, claim.checkpoint) === 0;
    if (!same) this.claim = null;
    return !same;
  }

  private async applyBatch(page: ReadAllPage): Promise<boolean> {
    const claim = this.claim!;
    const started = performance.now();
    try {
      await this.session!.db.transaction().execute(async (trx) => {
        // The checkpoint first: its row lock is held while the batch applies.
        const state = await advanceCheckpoint(trx, this.target, claim.checkpoint, page.checkpoint, page.events.length);
        if (!state) throw new FencedError();
        const keys = await this.applyEvents(trx, page.events);
        // Readers' caches learn at commit what this batch changed (only they read a running version).
        if (state === 'running') await announceAdvance(trx, { projection: this.target.name, version: this.target.version, position: page.checkpoint.position, keys: keys?.slice() });
      });
    } catch (e) {
      await this.onBatchError(e);
      return false;
    }
    claim.checkpoint = page.checkpoint;
    claim.processed += page.events.length;
    const { name, version } = this.definition;
    this.options.onBatch?.({ name, version, events: page.events.length, seconds: (performance.now() - started) / 1000, mode: claim.mode });
    return true;
  }

  /** The keys the batch touched ([] when nothing reached apply), or undefined when the definition does not say. */
  private async applyEvents(trx: Transaction<any>, events: RecordedEvent[]): Promise<readonly string[] | undefined> {
    const types = this.definition.eventTypes;
    const relevant = types ? events.filter((e) => types.includes(e.type)) : events;
    if (relevant.length === 0) return [];
    try {
      const applied = await this.definition.apply(trx, relevant, { schema: schemaName(this.definition.name, this.definition.version) });
      return applied ? applied.keys : undefined;
    } catch (e) {
      throw new ApplyError(e, relevant);
    }
  }

  /**
   * Makes this version the one readers use. Under the registry row lock and
   * the old version's checkpoint row lock (which freezes the old runner), the
   * new version first catches up to at least the old one's checkpoint, so a
   * reader who waited for a position on the old version still sees it.
   */
  private async switchVersion(): Promise<Step> {
    const claim = this.claim!;
    const { name, version } = this.definition;
    const limit = this.options.rebuildBatchSize;
    let switched: { previous: number | null; to: Checkpoint; count: number };
    try {
      switched = await this.session!.db.transaction().execute(async (trx) => {
        await lockRegistry(trx, name);
        const previous = await activeVersion(trx, name, { forUpdate: true });
        if (previous !== null && previous >= version) throw new FencedError();
        const old = previous === null ? null : await loadCheckpoint(trx, name, previous, { forUpdate: true });
        let to = claim.checkpoint;
        let count = 0;
        for (;;) {
          const page = await readAllAfter(trx as Kysely<any>, to, { limit });
          await this.applyEvents(trx, page.events);
          to = page.checkpoint;
          count += page.events.length;
          if (!old || compareCheckpoints(to, old.checkpoint) >= 0) break;
          // Unreachable: the old checkpoint was read gap-safe, so it is visible here too.
          if (page.events.length < limit) throw new Error(`cannot reach v${previous}'s checkpoint ${formatCheckpoint(old.checkpoint)}`);
        }
        if (!(await advanceCheckpoint(trx, this.target, claim.checkpoint, to, count, 'running'))) throw new FencedError();
        await announceAdvance(trx, { projection: this.target.name, version: this.target.version, position: to.position });
        await setActiveVersion(trx, name, version);
        if (previous !== null) await retireVersion(trx, name, previous);
        return { previous, to, count };
      });
    } catch (e) {
      await this.onBatchError(e);
      return 'retry';
    }
    const { previous, to, count } = switched;
    invalidateActiveSchemas();
    claim.checkpoint = to;
    claim.processed += count;
    claim.mode = 'running';
    claim.total = claim.processed;
    this.reportProgress('switched');
    this.options.logger.log(`${this.label}: now active${previous === null ? '' : `, replacing v${previous}`} at ${formatCheckpoint(to)}`);
    if (previous !== null) this.scheduleDrop(previous);
    return this.options.untilActive ? 'done' : 'more';
  }

  private async onBatchError(e: unknown): Promise<void> {
    this.claim = null; // reload the checkpoint from the database before going on
    if (e instanceof FencedError) {
      this.options.logger.warn(`${this.label}: checkpoint moved (reset, switch or takeover); reloading it`);
      return;
    }
    if (!(await this.session!.alive())) throw e; // lost connection: recover() reconnects
    if (isTransient(e)) {
      this.options.logger.warn(`${this.label}: transient error, retrying: ${messageOf(e)}`);
      return;
    }
    if (!(e instanceof ApplyError)) throw e;
    const located = await this.locateFailingEvent(e);
    await markFailed(this.session!.db, this.target, located.message);
    this.failedSince = located.message;
    this.options.logger.error(`${this.label}: FAILED and stopped; the batch was rolled back. Fix, then resume it. ${located.message}`, (located.cause as Error)?.stack);
    this.options.onFailed?.(located.message);
  }

  /**
   * A batch is applied set-based, so its error names no event. Re-applies it
   * event by event from the same checkpoint, in a transaction that is always
   * rolled back: the first event that throws is the one to look at.
   */
  private async locateFailingEvent(e: ApplyError): Promise<ApplyError> {
    if (e.failing) return e;
    const ctx = { schema: schemaName(this.definition.name, this.definition.version) };
    let located: ApplyError | null = null;
    const rollback = new Error('rollback');
    try {
      await this.session!.db.transaction().execute(async (trx) => {
        for (const event of e.events) {
          try {
            await this.definition.apply(trx, [event], ctx);
          } catch (cause) {
            located = e.at(event, cause);
            break;
          }
        }
        throw rollback;
      });
    } catch (x) {
      if (x !== rollback) this.options.logger.warn(`${this.label}: could not re-apply the failed batch event by event: ${messageOf(x)}`);
    }
    return located ?? e;
  }

  private async recover(e: unknown): Promise<void> {
    this.claim = null;
    if (!this.session || !(await this.session.alive())) {
      this.options.logger.warn(`${this.label}: database connection lost${this.locked ? ', with it the lock' : ''} (${messageOf(e)}); reconnecting`);
      await this.dropSession();
    } else {
      this.options.logger.error(`${this.label}: unexpected error, retrying: ${messageOf(e)}`, (e as Error)?.stack);
    }
    await this.pause(this.options.lockRetryMs, 'fixed');
  }

  private reportProgress(phase: RebuildProgress['phase']): void {
    const claim = this.claim;
    if (!claim || !this.options.onProgress) return;
    claim.total = Math.max(claim.total, claim.processed);
    this.options.onProgress({ ...this.target, processed: claim.processed, total: claim.total, checkpoint: claim.checkpoint, phase });
  }

  /** Readers in other processes may hold the old schema for a cache TTL: drop it after a grace period. */
  private scheduleDrop(version: number): void {
    const schema = schemaName(this.definition.name, version);
    this.dropsDone.push(
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.drops.delete(timer);
          dropSchema(this.options.db, schema)
            .then(() => this.options.logger.log(`${this.label}: dropped retired schema ${schema}`))
            .catch((e: unknown) => this.options.logger.warn(`${this.label}: could not drop ${schema} yet (${messageOf(e)}); the next start-up will`))
            .finally(resolve);
        }, this.options.retiredSchemaGraceMs);
        if (!this.options.untilActive) timer.unref();
        this.drops.set(timer, resolve);
      }),
    );
  }

  private pause(ms: number, kind: PauseKind): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (kind === 'poll' && this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleeper = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleeper = { kind, resolve: done };
    });
  }

  private async release(): Promise<void> {
    if (!this.options.untilActive) {
      // A stopping worker does not wait out the grace period; the next start-up drops them.
      for (const [timer, resolve] of this.drops) {
        clearTimeout(timer);
        resolve();
      }
      this.drops.clear();
    }
    if (this.session && this.locked && (await this.session.alive())) {
      await releaseCheckpoint(this.session.db, this.target).catch(() => undefined);
      await this.session.unlock(this.key).catch(() => undefined);
      this.options.logger.log(`${this.label}: released`);
    }
    await this.dropSession();
  }

  private async dropSession(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.locked = false;
    this.claim = null;
    await session?.close();
  }
}
