import type { Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { readBatch, START, type Checkpoint } from '@factledger/event-store';
import { MerkleFrontier, nodeKey, toHex, type SignedCheckpoint } from '@factledger/audit-domain';
import { checkpointOfSize } from '../checkpoints/checkpoints.repository';
import { lastSealedLeaf, loadNodes, rootAt } from '../tree/merkle-tree.repository';
import { leafOrUnsealable } from '../sealer/sealer-status';

/** A restored (or otherwise replaced) database would publish less than, or other than, a checkpoint already published. */
export class RestoreRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRuleError';
  }
}

/** How an operator gets the missing events back (README, Operations → Restore). */
export const RECOVER_MISSING_EVENTS =
  'Recover the missing events before serving this database: restore a newer backup (`factledger restore <newer dump>`), ' +
  'or, with a base backup and WAL archive, recover to the newest point (PITR: no recovery_target; README "Operations → Backups and restore"); ' +
  'never start the API or worker on it as it is: every verifier that pinned the published checkpoint would see a rollback or a fork';

const described = (c: SignedCheckpoint) => `checkpoint ${c.treeSize} (root ${c.rootHash}, issued ${c.issuedAt}, key ${c.keyId})`;

/**
 * The restore rule: the ledger in `db` must contain the `published` checkpoint's
 * tree — at least its size, and the same root at that size. Answers null when
 * it does, else why not. Leaves sealed in `db` give the root at that size
 * (rootAt); when the stored tree is shorter, the log's events after its last
 * leaf are hashed as the sealer would seal them (a backup may hold events
 * committed but not yet sealed when it was taken), never written.
 */
export async function restoreRuleProblem(db: Kysely<AuditDb>, published: SignedCheckpoint, source = 'the archive'): Promise<string | null> {
  const last = await lastSealedLeaf(db);
  const sealed = last ? last.leafIndex + 1 : 0;
  let root: string;
  if (sealed >= published.treeSize) {
    root = toHex(await rootAt(db, published.treeSize));
  } else {
    const extended = await extendFromLog(
      db,
      sealed,
      last ? { transactionId: last.transactionId, position: last.position } : START,
      published.treeSize,
    );
    if (extended.size < published.treeSize) {
      return (
        `the restored ledger ends before the last checkpoint it published: ${source} holds ${described(published)}, ` +
        `but this database has ${extended.size} events in its log (${sealed} sealed) — ${published.treeSize - extended.size} missing. ${RECOVER_MISSING_EVENTS}`
      );
    }
    root = extended.root;
  }
  if (root !== published.rootHash) {
    return (
      `the restored ledger differs from the last checkpoint it published: ${source} holds ${described(published)}, ` +
      `but this database's first ${published.treeSize} events hash to root ${root} (a different history, not the one published). ${RECOVER_MISSING_EVENTS}`
    );
  }
  const stored = await checkpointOfSize(db, published.treeSize);
  if (stored && stored.rootHash !== published.rootHash) {
    return `this database holds another checkpoint of size ${published.treeSize} (root ${stored.rootHash}) than ${source} (${published.rootHash}): investigate before serving it`;
  }
  return null;
}

/** The tree of `sealed` stored leaves extended by the log's next events, up to `target` leaves; nothing is written. */
async function extendFromLog(db: Kysely<AuditDb>, sealed: number, after: Checkpoint, target: number): Promise<{ size: number; root: string }> {
  const refs = MerkleFrontier.refsFor(sealed);
  const nodes = await loadNodes(db, refs);
  const frontier = MerkleFrontier.restore(
    sealed,
    refs.map((ref) => {
      const hash = nodes.get(nodeKey(ref));
      if (!hash) throw new RestoreRuleError(`the restored audit tree of size ${sealed} lacks node ${ref.level}/${ref.index}: the dump is damaged`);
      return hash;
    }),
  );
  let cursor = after;
  while (frontier.size < target) {
    const { page } = await readBatch(db, cursor, Math.min(1000, target - frontier.size));
    if (page.events.length === 0) break;
    for (const event of page.events) {
      const leaf = leafOrUnsealable(event, frontier.size);
      // An event with no leaf would stop the sealer there too: the published tree cannot include it.
      if ('unsealable' in leaf) return { size: frontier.size, root: toHex(frontier.root()) };
      frontier.append(leaf.leafHash);
    }
    cursor = page.checkpoint;
  }
  return { size: frontier.size, root: toHex(frontier.root()) };
}
