import { LogFollower, readBatch, START, type AppendWakeups, type Checkpoint, type LeasedSession, type Turn } from '@factledger/event-store';
import { MerkleFrontier, nodeKey, toHex, type SignedCheckpoint, type StoredNode } from '@factledger/audit-domain';
import { insertCheckpoint, latestCheckpoint, publishKey } from '../checkpoints/checkpoints.repository';
import { appendToTree, lastSealedLeaf, loadNodes, rootAt, sealedTreeSize, type SealedLeaf } from '../tree/merkle-tree.repository';
import { assertCanSeal, CHECKPOINT_REQUEST_CHANNEL, SEALER_LOCK_KEY, sealerApplicationName } from './sealer-session';
import { describeUnsealable, leafOrUnsealable, type UnsealableEvent } from './sealer-status';
import { signWithCurrentKey, type SigningKey } from './signing-key';
import type { AuditTables } from '../audit.tables';

/** The session's connection, typed with the audit tables too. */
const auditDb = (session: LeasedSession) => session.db.withTables<{ [K in keyof AuditTables]: AuditTables[K] }>();

export type { AppendWakeups } from '@factledger/event-store';

export interface SealerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
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
  /** The worker's instance id: named in the lease's session (application_name), where readSealerStatus finds the sealer's owner. */
  owner?: string;
  /** Where each stored checkpoint is also written, outside the database (CHECKPOINT_ARCHIVE_DIR: CheckpointArchive). */
  archive?: { write(checkpoint: SignedCheckpoint): Promise<void> };
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
 * and signs checkpoints of its root. Writers never wait for it: it is a
 * subscriber of the log follower, which reads the log behind them and lets
 * one instance write at a time (its lease); others stand by and take over
 * when that connection ends. Its checkpoint is the last sealed leaf, written
 * in the same transaction as the leaves.
 */
export class Sealer {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly checkpointIntervalMs: number;
  private readonly logger: SealerLogger;
  private readonly clock: () => Date;
  private follower: LogFollower;

  private frontier: MerkleFrontier | null = null;
  private resumeAfter: Checkpoint = START;
  private lastCheckpoint: { size: number; at: number } | null = null;
  private checkpointRequested = false;
  /** The next event cannot become a leaf: sealing stops before it (never skips it). */
  private blockedBy: UnsealableEvent | null = null;
  private reportedBlock: string | null = null;
  /** The last read found nothing visible though events committed: look again soon, not at the next poll. */
  private held = false;
  private started = false;

  constructor(private readonly options: SealerOptions) {
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.checkpointIntervalMs = options.checkpointIntervalMs ?? 10_000;
    this.logger = options.logger ?? silent;
    this.clock = options.clock ?? (() => new Date());
    this.follower = this.newFollower();
  }

  get isLeader(): boolean {
    return this.follower.leading && this.frontier !== null;
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
    if (this.started) return;
    this.started = true;
    if (this.follower.stopped) this.follower = this.newFollower();
    void this.follower.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.follower.stop();
    this.frontier = null;
  }

  /** Seals every visible event now; 0 when another instance holds the lock. */
  sealPending(): Promise<number> {
    return this.follower.guarded(async () => {
      const session = await this.follower.lead();
      return session ? this.sealAll(session) : 0;
    });
  }

  /**
   * Seals everything visible, then signs a checkpoint if the tree grew since
   * the last one (or none exists). Null when another instance is the sealer.
   */
  checkpointNow(): Promise<SignedCheckpoint | null> {
    return this.follower.guarded(async () => {
      const session = await this.follower.lead();
      if (!session) return null;
      await this.sealAll(session);
      return this.issueCheckpoint(true);
    });
  }

  private newFollower(): LogFollower {
    return new LogFollower(
      {
        label: 'sealer',
        lockKey: SEALER_LOCK_KEY,
        opened: (session) => assertCanSeal(auditDb(session)),
        leased: async (session) => {
          await this.loadState(session);
          this.logger.log(`sealer: sealing as leader from tree size ${this.frontier!.size} (signing key ${this.options.key.keyId})`);
        },
        turn: (session) => this.turn(session),
        // The in-memory frontier may be ahead of the database: the follower drops the session, the next lease reloads it.
        failed: () => (this.frontier = null),
      },
      {
        session: {
          connectionString: this.options.connectionString,
          applicationName: sealerApplicationName(this.options.owner),
          listen: {
            [CHECKPOINT_REQUEST_CHANNEL]: () => {
              this.checkpointRequested = true;
              this.follower.wake();
            },
          },
        },
        logger: this.logger,
        pollIntervalMs: this.pollIntervalMs,
        standbyRetryMs: this.options.standbyRetryMs ?? 5000,
        backoff: { minMs: 500, maxMs: 30_000 },
        dropSessionOnError: true,
        wakeups: this.options.wakeups,
      },
    );
  }

  /** The connection the follower leads with. */
  private get session(): LeasedSession | null {
    return this.follower.session;
  }

  private async turn(session: LeasedSession): Promise<Turn> {
    await this.sealAll(session);
    const requested = this.checkpointRequested;
    this.checkpointRequested = false;
    await this.issueCheckpoint(requested);
    if (!this.blockedBy) return this.held ? 'held' : 'idle';
    // Permanent (events never change), so no retry storm: look again now and then, or when asked for a checkpoint.
    this.reportBlock(this.blockedBy);
    return { sleepMs: Math.max(this.pollIntervalMs, BLOCKED_RECHECK_MS) };
  }

  /** Resumes from the stored tree, after checking it still matches the latest signed checkpoint. */
  private async loadState(session: LeasedSession): Promise<void> {
    const last = await lastSealedLeaf(auditDb(session));
    const size = last ? last.leafIndex + 1 : 0;
    const refs = MerkleFrontier.refsFor(size);
    const nodes = await loadNodes(auditDb(session), refs);
    const hashes = refs.map((ref) => {
      const hash = nodes.get(nodeKey(ref));
      if (!hash) throw new SealerIntegrityError(`the audit tree of size ${size} lacks node ${ref.level}/${ref.index}`);
      return hash;
    });
    this.frontier = MerkleFrontier.restore(size, hashes);
    this.resumeAfter = last ? { transactionId: last.transactionId, position: last.position } : START;
    const checkpoint = await latestCheckpoint(auditDb(session));
    if (checkpoint) {
      if (checkpoint.treeSize > size) throw new SealerIntegrityError(`checkpoint ${checkpoint.treeSize} is beyond the stored tree (${size} leaves)`);
      const root = toHex(checkpoint.treeSize === size ? this.frontier.root() : await rootAt(auditDb(session), checkpoint.treeSize));
      if (root !== checkpoint.rootHash) {
        throw new SealerIntegrityError(
          `the stored tree's root at size ${checkpoint.treeSize} is ${root}, but checkpoint ${checkpoint.treeSize} signed ${checkpoint.rootHash}`,
        );
      }
    }
    this.lastCheckpoint = checkpoint ? { size: checkpoint.treeSize, at: Date.parse(checkpoint.issuedAt) } : null;
    await publishKey(auditDb(session), this.options.key.keyId, this.options.key.publicKeyRaw);
  }

  private async sealAll(session: LeasedSession): Promise<number> {
    let total = 0;
    this.blockedBy = null;
    for (;;) {
      const sealed = await this.sealBatch(session);
      total += sealed;
      if (sealed < this.batchSize || this.follower.stopped || this.blockedBy) return total;
    }
  }

  /** Logged once per blocking event (and again after a restart), not on every look. */
  private reportBlock(blocked: UnsealableEvent): void {
    if (this.reportedBlock === blocked.eventId) return;
    this.reportedBlock = blocked.eventId;
    this.logger.error(`sealer: stalled: ${describeUnsealable(blocked)}. GET /v1/checkpoints/status and /health report it`);
  }

  /** One page of the gap-safe log → leaves and completed nodes, committed in one transaction. */
  private async sealBatch(session: LeasedSession): Promise<number> {
    const frontier = this.frontier!;
    const { page, held } = await readBatch(session.db, this.resumeAfter, this.batchSize);
    this.held = held;
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
    await auditDb(session)
      .transaction()
      .execute(async (trx) => {
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
    await insertCheckpoint(auditDb(this.session!), checkpoint);
    await this.options.archive?.write(checkpoint);
    this.lastCheckpoint = { size: checkpoint.treeSize, at: Date.parse(checkpoint.issuedAt) };
    return checkpoint;
  }
}
