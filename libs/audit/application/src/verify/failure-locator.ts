import { fetchConsistencyProof, fetchInclusionProof, type ServedEvent } from './api-responses';
import type { WireCheckpoint } from './checkpoint-signature';
import { ProofFailure, checkConsistency, checkInclusion, hashFromHex, hex, type Hash } from './merkle';
import type { ServedLog } from './served-log';
import { ApiError, type VerifyApiClient } from './verify-api.client';
import { fail } from './verification-failure';

const short = (hex: string) => `${hex.slice(0, 16)}…`;
const describe = (e: ServedEvent | null) => (e ? `event ${e.id} (position ${e.position})` : 'no event');

/**
 * The served log does not rebuild the signed root: finds the first leaf that
 * differs and says how. Prefixes of the served log are checked against the
 * signed root with consistency proofs (binary search, O(log n) requests);
 * the first bad leaf's checkpointed hash comes from an inclusion proof that
 * must itself verify against the signed root. A lying server can only make
 * the diagnosis vaguer, never turn the failure into a pass.
 */
export async function locateMismatch(api: VerifyApiClient, log: ServedLog, checkpoint: WireCheckpoint): Promise<never> {
  const n = checkpoint.treeSize;
  const root = hashFromHex(checkpoint.rootHash);
  const available = Math.min(log.size, n);
  const provenPrefix = async (m: number): Promise<boolean> => {
    if (m === 0) return true;
    if (m === n) return log.tree.root(n).equals(root);
    try {
      checkConsistency(m, n, log.tree.root(m), root, await fetchConsistencyProof(api, m, n));
      return true;
    } catch (e) {
      if (e instanceof ProofFailure || e instanceof ApiError) return false;
      throw e;
    }
  };

  if (available < n && (await provenPrefix(available))) {
    fail(
      'log.truncated',
      `the log ends after ${available} events, but checkpoint ${n} covers ${n}: the last ${n - available} checkpointed events are missing (the last event served is ${describe(log.last)})`,
      { leafIndex: available },
    );
  }
  let good = 0;
  let bad = available;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (await provenPrefix(mid)) good = mid;
    else bad = mid;
  }
  const i = bad - 1;
  const served = await log.eventAt(i);
  const location = { leafIndex: i, eventId: served?.id ?? null, position: served?.position ?? null };
  const stored = await checkpointedLeaf(api, i, n, root);
  const storedNext = i + 1 < n ? await checkpointedLeaf(api, i + 1, n, root) : null;
  const servedHash = log.tree.leaf(i);
  const servedNext = i + 1 < log.size ? log.tree.leaf(i + 1) : null;

  if (stored && storedNext && servedHash.equals(storedNext) && servedNext?.equals(stored)) {
    const next = await log.eventAt(i + 1);
    fail(
      'log.reordered',
      `leaves ${i} and ${i + 1} are swapped: the log serves ${describe(served)} before ${describe(next)}, but checkpoint ${n} sealed them the other way round`,
      location,
    );
  }
  if (storedNext && servedHash.equals(storedNext)) {
    fail(
      'log.event_removed',
      `leaf ${i}: the event checkpointed there is missing from the log (just before ${describe(served)}); checkpoint ${n} sealed a leaf ${short(hex(stored ?? storedNext))} there`,
      location,
    );
  }
  if (stored && servedNext?.equals(stored)) {
    fail(
      'log.event_inserted',
      `leaf ${i}: ${describe(served)} is not in checkpoint ${n}; it was inserted before the event checkpointed at that leaf`,
      location,
    );
  }
  const detail = stored
    ? `its content hashes to ${short(hex(servedHash))}, the checkpointed leaf is ${short(hex(stored))}`
    : 'and the server could not prove what was checkpointed there';
  return fail(
    'event.altered',
    `leaf ${i}: ${describe(served)} does not match checkpoint ${n}: ${detail}. It was changed after it was sealed`,
    location,
  );
}

/** The leaf hash the signed tree holds at `index`, or null when the server cannot prove one. */
async function checkpointedLeaf(api: VerifyApiClient, index: number, size: number, root: Hash): Promise<Hash | null> {
  try {
    const answer = await fetchInclusionProof(api, `leaf=${index}&size=${size}`, `inclusion proof of leaf ${index}`);
    if (answer.leafIndex !== index || answer.treeSize !== size) return null;
    const leafHash = hashFromHex(answer.leafHash);
    checkInclusion(index, size, leafHash, answer.proof, root);
    return leafHash;
  } catch {
    return null;
  }
}
