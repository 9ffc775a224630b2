import { readAllAfter, START, type Checkpoint } from '@factledger/event-store';
import { MerkleFrontier, nodeKey, toHex, type SignedCheckpoint, type StoredNode } from '@factledger/audit-domain';
import { insertCheckpoint, latestCheckpoint, publishKey } from '../checkpoints/checkpoints.repository';
import { appendToTree, lastSealedLeaf, loadNodes, rootAt, sealedTreeSize, type SealedLeaf } from '../tree/merkle-tree.repository';
import { SealerSession } from './sealer-session';
import { describeUnsealable, leafOrUnsealable, type UnsealableEvent } from './sealer-status';
import { signWithCurrentKey, type SigningKey } from './signing-key';

export interface SealerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Anything that emits `append` after commits, e.g. the event store's AppendListener. */
export interface AppendWakeups {
  on(event: 'append', listener: () => void): unknown;
  off(event: 'append', listener: () => void): unknown;
}

export interface SealerOptions {
  connectionString: string;
  key: SigningKey;
  wakeups?: AppendWakeups;
  /** Events per sealing transaction. */
  batchSize?: number;
  /** Polling fallback when no notification arrives. */
  pollIntervalMs?: number;
  /** A signed checkpoint at most this often, and only when the tree grew. */
  checkpointIntervalMs?: number;
  /** How often a standby instance retries the lock. */
  standbyRetryMs?: number;
  logger?: SealerLogger;
  clock?: () => Date;
}

/** The stored tree disagrees with itself or with a signed checkpoint: sealing stops until someone looks. */
export class SealerIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealerIntegrityError';
  }
}

/** How often a sealer stopped at an unsealable event looks at the log again. */
const BLOCKED_RECHECK_MS = 30_000;

const silent: SealerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Seals committed events, in gap-safe order, as leaves of the RFC 6962 tree
 * and signs checkpoints of its root. Writers never wait for it: it only reads
 * the log behind them. One instance writes at a time (advisory lock on its own
 * connection); others stand by and take over when that connection ends.
 */
export class Sealer {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly checkpointIntervalMs: number;
  private readonly standbyRetryMs: number;
  private readonly logger: SealerLogger;
  private readonly clock: () => Date;

  private session: SealerSession | null = null;
  private leader = false;
  private frontier: MerkleFrontier | null = null;
  private resumeAfter: Checkpoint = START;
  private lastCheckpoint: { size: number; at: number } | null = null;
  private checkpointRequested = false;
  /** The next event cannot become a leaf: sealing stops before it (never skips it). */
  private blockedBy: UnsealableEvent | null = null;
  private reportedBlock: string | null = null;

  private stopped = true;
  /** Set by stop() only: a sealer used without start() (sealPending, checkpointNow) still seals everything. */
  private stopping = false;
  private loopDone: Promise<void> | null = null;
  private woken = false;
  private wakeSleeper: (() => void) | null = null;
  private work: Promise<unknown> = Promise.resolve();
  private readonly onAppend = () => this.wake();

  constructor(private readonly options: SealerOptions) {
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.checkpointIntervalMs = options.checkpointIntervalMs ?? 10_000;
    this.standbyRetryMs = options.standbyRetryMs ?? 5000;
    this.logger = options.logger ?? silent;
    this.clock = options.clock ?? (() => new Date());
  }

  get isLeader(): boolean {
    return this.leader;
  }

  get treeSize(): number | null {
    return this.frontier?.size ?? null;
  }

  /** The event sealing is stopped at, if any (the API reports it from the database: readSealerStatus). */
  get unsealable(): UnsealableEvent | null {
    return this.blockedBy;
  }

  /** Runs in the background until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    this.options.wakeups?.on('append', this.onAppend);
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    this.options.wakeups?.off('append', this.onAppend);
    this.wake();
    await this.loopDone;
    await this.exclusive(() => this.dropSession());
  }

  /** Seals every visible event now; 0 when another instance holds the lock. */
  sealPending(): Promise<number> {
    return this.guarded(async () => ((await this.ensureLeader()) ? this.sealAll() : 0));
  }

  /**
   * Seals everything visible, then signs a checkpoint if the tree grew since
   * the last one (or none exists). Null when another instance is the sealer.
   */
  checkpointNow(): Promise<SignedCheckpoint | null> {
    return this.guarded(async () => {
      if (!(await this.ensureLeader())) return null;
      await this.sealAll();
      return this.issueCheckpoint(true);
    });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let delay = this.pollIntervalMs;
      try {
        await this.guarded(async () => {
          if (!(await this.ensureLeader())) {
            delay = this.standbyRetryMs;
            return;
          }
          await this.sealAll();
          const requested = this.checkpointRequested;
          this.checkpointRequested = false;
          await this.issueCheckpoint(requested);
        });
        failures = 0;
        if (this.blockedBy) {
          // Permanent (events never change), so no retry storm: look again now and then, or when asked for a checkpoint.
          delay = Math.max(delay, BLOCKED_RECHECK_MS);
          this.reportBlock(this.blockedBy);
        }
      } catch (e) {
        failures++;
        delay = Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
        this.logger.error(`sealer: ${(e as Error).message}; retrying in ${delay} ms`);
      }
      await this.pause(delay);
    }
  }

  private async ensureLeader(): Promise<boolean> {
    if (this.session?.isLost) await this.dropSession();
    if (!this.session) {
      this.session = await SealerSession.open(this.options.connectionString, () => {
        this.checkpointRequested = true;
        this.wake();
      });
    }
    if (this.leader) return true;
    if (!(await this.session.tryLock())) return false;
    this.leader = true;
    await this.loadState(this.session);
    this.logger.log(`sealer: sealing as leader from tree size ${this.frontier!.size} (signing key ${this.options.key.keyId})`);
    return true;
  }

  /** Resumes from the stored tree, after checking it still matches the latest signed checkpoint. */
  private async loadState(session: SealerSession): Promise<void> {
    const last = await lastSealedLeaf(session.db);
    const size = last ? last.leafIndex + 1 : 0;
    const refs = MerkleFrontier.refsFor(size);
    const nodes = await loadNodes(session.db, refs);
    const hashes = refs.map((ref) => {
      const hash = nodes.get(nodeKey(ref));
      if (!hash) throw new SealerIntegrityError(`the audit tree of size ${size} lacks node ${ref.level}/${ref.index}`);
      return hash;
    });
    this.frontier = MerkleFrontier.restore(size, hashes);
    this.resumeAfter = last ? { transactionId: last.transactionId, position: last.position } : START;
    const checkpoint = await latestCheckpoint(session.db);
    if (checkpoint) {
      if (checkpoint.treeSize > size) throw new SealerIntegrityError(`checkpoint ${checkpoint.treeSize} is beyond the stored tree (${size} leaves)`);
      const root = toHex(checkpoint.treeSize === size ? this.frontier.root() : await rootAt(session.db, checkpoint.treeSize));
      if (root !== checkpoint.rootHash) {
        throw new SealerIntegrityError(`the stored tree's root at size ${checkpoint.treeSize} is ${root}, but checkpoint ${checkpoint.treeSize} signed ${checkpoint.rootHash}`);
      }
    }
    this.lastCheckpoint = checkpoint ? { size: checkpoint.treeSize, at: Date.parse(checkpoint.issuedAt) } : null;
    await publishKey(session.db, this.options.key.keyId, this.options.key.publicKeyRaw);
  }

  private async sealAll(): Promise<number> {
    let total = 0;
    this.blockedBy = null;
    for (;;) {
      const sealed = await this.sealBatch();
      total += sealed;
      if (sealed < this.batchSize || this.stopping || this.blockedBy) return total;
    }
  }

  /** Logged once per blocking event (and again after a restart), not on every look. */
  private reportBlock(blocked: UnsealableEvent): void {
    if (this.reportedBlock === blocked.eventId) return;
    this.reportedBlock = blocked.eventId;
    this.logger.error(`sealer: stalled: ${describeUnsealable(blocked)}. GET /v1/checkpoints/status and /health report it`);
  }

  /** One page of the gap-safe log → leaves and completed nodes, committed in one transaction. */
  private async sealBatch(): Promise<number> {
    const session = this.session!;
    const frontier = this.frontier!;
    const page = await readAllAfter(session.db, this.resumeAfter, { limit: this.batchSize });
    if (page.events.length === 0) return 0;
    const startSize = frontier.size;
    const leaves: SealedLeaf[] = [];
    const nodes: StoredNode[] = [];
    let resumeAfter = page.checkpoint;
    for (const event of page.events) {
      const leaf = leafOrUnsealable(event, frontier.size);
      if ('unsealable' in leaf) {
        // Seal what precedes it (so checkpoints still cover it), and nothing after: the evidence must not skip an event.
        this.blockedBy = leaf.unsealable;
        resumeAfter = leaves.length > 0 ? { transactionId: leaves.at(-1)!.transactionId, position: leaves.at(-1)!.position } : this.resumeAfter;
        break;
      }
      leaves.push({ leafIndex: frontier.size, position: event.position, transactionId: event.transactionId, leafHash: leaf.leafHash });
      nodes.push(...frontier.append(leaf.leafHash));
    }
    if (leaves.length === 0) return 0;
    // The in-memory frontier is now ahead of the database; any failure below drops it (dropSession) and reloads.
    await session.db.transaction().execute(async (trx) => {
      const stored = await sealedTreeSize(trx);
      if (stored !== startSize) throw new SealerIntegrityError(`expected a stored tree of ${startSize} leaves, found ${stored}: another writer?`);
      await appendToTree(trx, leaves, nodes);
    });
    this.resumeAfter = resumeAfter;
    return leaves.length;
  }

  private async issueCheckpoint(requested: boolean): Promise<SignedCheckpoint | null> {
    const frontier = this.frontier!;
    const grew = this.lastCheckpoint === null ? frontier.size > 0 || requested : frontier.size > this.lastCheckpoint.size;
    const due = this.lastCheckpoint === null || this.clock().getTime() - this.lastCheckpoint.at >= this.checkpointIntervalMs;
    if (!grew || (!due && !requested)) return null;
    const empty = frontier.size === 0;
    // The current key: after `factledger signing-key rotate` replaced the key file, the new one (signing-key.ts).
    const checkpoint = await signWithCurrentKey(this.options.key, {
      treeSize: frontier.size,
      rootHash: toHex(frontier.root()),
      lastPosition: empty ? null : this.resumeAfter.position,
      lastTransactionId: empty ? null : this.resumeAfter.transactionId,
      issuedAt: this.clock().toISOString(),
    });
    await insertCheckpoint(this.session!.db, checkpoint);
    this.lastCheckpoint = { size: checkpoint.treeSize, at: Date.parse(checkpoint.issuedAt) };
    return checkpoint;
  }

  private async dropSession(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.leader = false;
    this.frontier = null;
    await session?.close();
  }

  /** Exclusive, and any failure drops the session: the lock, and the in-memory frontier that may be ahead of the database. */
  private guarded<T>(fn: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      try {
        return await fn();
      } catch (e) {
        await this.dropSession();
        throw e;
      }
    });
  }

  /** Serialises the loop and the public methods: they share one connection and the frontier. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.work.then(fn, fn);
    this.work = run.catch(() => undefined);
    return run;
  }

  private wake(): void {
    this.woken = true;
    this.wakeSleeper?.();
  }

  private pause(ms: number): Promise<void> {
    if (this.woken || this.stopped) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }
}
