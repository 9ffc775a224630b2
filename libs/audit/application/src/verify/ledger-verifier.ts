import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid, ed25519FromRaw, ed25519KeyId, ed25519Raw, type WireCheckpoint } from './checkpoint-signature';
import { ProofFailure, checkConsistency, checkInclusion, hashFromHex, type LeafLog } from './merkle';
import { fetchConsistencyProof, fetchInclusionProof, fetchKeyStatements, fetchPublicKey, parseCheckpoint } from './api-responses';
import { followKeyChain } from './key-chain';
import { locateMismatch } from './failure-locator';
import { ServedLog } from './served-log';
import { ApiError, type VerifyApiClient } from './verify-api.client';
import type { VerifyState } from './verify-state';
import { fail } from './verification-failure';

export interface VerifyLedgerOptions {
  api: VerifyApiClient;
  /** What the last successful run remembered (pinned key, last checkpoint). */
  state: VerifyState | null;
  /** A key obtained out of band; wins over trust on first use. */
  pinnedKey?: KeyObject;
  /** Ask the sealer for a checkpoint covering the log as it is now. */
  fresh?: boolean;
  spotChecks?: number;
  pageSize?: number;
  random?: () => number;
  progress?: (step: string, message: string) => void;
  /** Events fetched and hashed so far, of the checkpoint's size. */
  onEvents?: (read: number, total: number) => void;
}

export interface VerifyReport {
  checkpoint: WireCheckpoint;
  keyId: string;
  keyPinnedNow: boolean;
  /** The pinned key, when rotations led from it to `keyId` (the state now pins `keyId`). */
  rotatedFrom: string | null;
  /** The key the state pinned before --public-key replaced it. */
  repinnedFrom: string | null;
  /** Size of the remembered checkpoint this one was proven to extend. */
  extended: number | null;
  inclusionChecks: number;
  /** The log has events after the checkpoint (not yet covered by any). */
  moreAfterCheckpoint: boolean;
  /** The leaf hashes of the verified events, which rebuild the signed root (what --replay checks events against). */
  leaves: LeafLog;
  state: VerifyState;
}

const short = (hex: string) => `${hex.slice(0, 16)}…`;

/**
 * Verifies the ledger through its public API only, trusting nothing the
 * server says unless a signature or a proof backs it:
 *   1. the checkpoint key is the pinned one (pinned on first use), or one the
 *      pinned key handed over to by signed rotations that are part of this log;
 *   2. the latest checkpoint's Ed25519 signature verifies;
 *   3. it extends the remembered checkpoint (RFC 6962 consistency proof);
 *   4. the served events, hashed here, rebuild exactly its root;
 *   5. sampled inclusion proofs verify (the server's proofs are honest too).
 * Throws a VerificationFailure naming the first failing check, leaf and event.
 */
export async function verifyLedger(options: VerifyLedgerOptions): Promise<VerifyReport> {
  const { api, state } = options;
  const progress = options.progress ?? (() => undefined);

  const served = await fetchPublicKey(api);
  const servedKeyId = ed25519KeyId(served.raw);
  if (served.keyId !== servedKeyId) fail('key.id_mismatch', `the server calls its key ${served.keyId}, but that key's id is ${servedKeyId}`);
  // The state file's own key checks the state; a key given out of band (--public-key) may replace it (re-pinning after a compromise).
  const remembered = state ? ed25519FromRaw(Buffer.from(state.publicKey.publicKey, 'base64')) : null;
  if (state && !checkpointSignatureValid(state.checkpoint, remembered!)) {
    fail(
      'state.bad_signature',
      `the remembered checkpoint ${state.checkpoint.treeSize} does not verify with the pinned key: the state file was altered`,
    );
  }
  const pinned = options.pinnedKey ?? remembered;
  const pinnedId = pinned ? ed25519KeyId(ed25519Raw(pinned)) : servedKeyId;
  const repinnedFrom = options.pinnedKey && state && state.publicKey.keyId !== pinnedId ? state.publicKey.keyId : null;
  const trusted = { keyId: pinnedId, key: pinned ?? served.key };
  progress(
    'key',
    repinnedFrom
      ? `Ed25519 key ${pinnedId} pinned out of band, replacing ${repinnedFrom}`
      : pinned
        ? `Ed25519 key ${pinnedId} matches the pinned key`
        : `Ed25519 key ${pinnedId} pinned on first use; confirm this id with the operator out of band`,
  );

  if (options.fresh) await api.post('/v1/checkpoints');
  let checkpoint: WireCheckpoint;
  try {
    checkpoint = parseCheckpoint(await api.get('/v1/checkpoints/latest'), 'latest checkpoint');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404)
      return fail('checkpoint.none', 'the server has no signed checkpoint yet (is the worker running? try --fresh)');
    throw e;
  }
  const n = checkpoint.treeSize;
  if (checkpoint.nextKey) fail('checkpoint.malformed', `the latest checkpoint ${n} is a rotation statement, not a checkpoint`);
  // The key that signed it must be the pinned one or reached from it by signed rotations (key-chain.ts).
  const chain = followKeyChain(trusted, checkpoint, await fetchKeyStatements(api), servedKeyId);
  const { key, keyId } = chain.key;
  if (!checkpointSignatureValid(checkpoint, key)) {
    fail(
      'checkpoint.bad_signature',
      `checkpoint ${n} (root ${short(checkpoint.rootHash)}, issued ${checkpoint.issuedAt}): the Ed25519 signature does not verify with key ${keyId}`,
    );
  }
  progress('checkpoint', `size ${n}, root ${short(checkpoint.rootHash)}, issued ${checkpoint.issuedAt}: signature valid`);
  for (const rotation of chain.rotations) await checkRotationInLog(api, rotation, checkpoint);
  if (chain.rotations.length)
    progress(
      'rotation',
      `key ${pinnedId} → ${chain.rotations.map((r) => r.nextKey!.keyId).join(' → ')}: each rotation signed by its outgoing key, over this log`,
    );

  let extended: number | null = null;
  if (state) {
    const m = state.checkpoint;
    if (n < m.treeSize)
      fail(
        'checkpoint.rollback',
        `the latest checkpoint (size ${n}) is older than the remembered checkpoint (size ${m.treeSize}): the log was rolled back`,
      );
    if (n === m.treeSize && checkpoint.rootHash !== m.rootHash) {
      fail(
        'checkpoint.fork',
        `two different roots for size ${n}: remembered ${short(m.rootHash)}, now ${short(checkpoint.rootHash)}: the log was rewritten`,
      );
    }
    if (n > m.treeSize) {
      try {
        checkConsistency(m.treeSize, n, hashFromHex(m.rootHash), hashFromHex(checkpoint.rootHash), await fetchConsistencyProof(api, m.treeSize, n));
      } catch (e) {
        if (!(e instanceof ProofFailure || (e instanceof ApiError && e.status !== null))) throw e;
        fail(
          'checkpoint.not_extending',
          `checkpoint ${n} (root ${short(checkpoint.rootHash)}) does not extend the remembered checkpoint ${m.treeSize} (root ${short(m.rootHash)}): ${e.message}`,
        );
      }
    }
    if (n > m.treeSize) extended = m.treeSize;
    progress(
      'history',
      n > m.treeSize ? `extends the remembered checkpoint of size ${m.treeSize}` : `is the remembered checkpoint (size ${n}, same root)`,
    );
  } else {
    progress('history', 'no remembered checkpoint yet (first run): this one is remembered');
  }

  const spots = pickSpotChecks(n, options.spotChecks ?? 20, options.random ?? Math.random);
  const log = await ServedLog.read(api, n, options.pageSize ?? 1000, spots, options.onEvents);
  if (log.size < n || !log.tree.root(n).equals(hashFromHex(checkpoint.rootHash))) await locateMismatch(api, log, checkpoint);
  if (n > 0 && (log.last?.position !== checkpoint.lastPosition || log.last?.transactionId !== checkpoint.lastTransactionId)) {
    fail(
      'checkpoint.position_mismatch',
      `checkpoint ${n} signs last position ${checkpoint.lastPosition}, but leaf ${n - 1} is event ${log.last?.id} at position ${log.last?.position}`,
      {
        leafIndex: n - 1,
        eventId: log.last?.id,
        position: log.last?.position,
      },
    );
  }
  progress('events', `${n} events fetched and hashed here: they rebuild the signed root`);

  const root = hashFromHex(checkpoint.rootHash);
  for (const i of spots) {
    const eventId = log.idAt(i)!;
    const what = `inclusion proof for leaf ${i} (event ${eventId}) at size ${n}`;
    const answer = await fetchInclusionProof(api, `event=${eventId}&size=${n}`, what);
    const location = { leafIndex: i, eventId };
    if (answer.leafIndex !== i || answer.treeSize !== n) {
      fail(
        'proof.wrong_leaf',
        `the server places event ${eventId} at leaf ${answer.leafIndex} of size ${answer.treeSize}, but the log puts it at leaf ${i} of ${n}`,
        location,
      );
    }
    try {
      checkInclusion(i, n, log.tree.leaf(i), answer.proof, root);
    } catch (e) {
      if (!(e instanceof ProofFailure)) throw e;
      fail('proof.inclusion_invalid', `the server's ${what} is invalid: ${e.message}`, location);
    }
  }
  progress('proofs', `${spots.length} inclusion proofs verified against the signed root`);

  return {
    checkpoint,
    keyId,
    keyPinnedNow: !pinned,
    rotatedFrom: chain.rotations.length ? pinnedId : null,
    repinnedFrom,
    extended,
    inclusionChecks: spots.length,
    moreAfterCheckpoint: log.moreAfter,
    leaves: log.tree,
    state: {
      version: 1,
      api: api.baseUrl,
      publicKey: { algorithm: 'Ed25519', keyId, publicKey: ed25519Raw(key).toString('base64') },
      checkpoint,
      verifiedAt: new Date().toISOString(),
    },
  };
}

/** A rotation is a checkpoint too: its tree must be this log's (a prefix of the verified checkpoint), not a fork's. */
async function checkRotationInLog(api: VerifyApiClient, rotation: WireCheckpoint, checkpoint: WireCheckpoint): Promise<void> {
  const what = `the rotation to key ${rotation.nextKey!.keyId} (signed at tree size ${rotation.treeSize})`;
  const m = rotation.treeSize;
  const n = checkpoint.treeSize;
  if (m > n) fail('key.rotation_not_in_log', `${what} is beyond the latest checkpoint (size ${n})`);
  if (m === n && rotation.rootHash !== checkpoint.rootHash)
    fail('key.rotation_not_in_log', `${what} signs root ${short(rotation.rootHash)}, checkpoint ${n} root ${short(checkpoint.rootHash)}`);
  if (m > 0 && m < n) {
    try {
      checkConsistency(m, n, hashFromHex(rotation.rootHash), hashFromHex(checkpoint.rootHash), await fetchConsistencyProof(api, m, n));
    } catch (e) {
      if (!(e instanceof ProofFailure || (e instanceof ApiError && e.status !== null))) throw e;
      fail('key.rotation_not_in_log', `${what} is not a prefix of checkpoint ${n}: ${e.message}`);
    }
  }
}

/** The first and last leaf, and a random sample in between. */
function pickSpotChecks(size: number, count: number, random: () => number): number[] {
  if (size === 0 || count <= 0) return [];
  if (size <= count) return Array.from({ length: size }, (_, i) => i);
  const picked = new Set([0, size - 1]);
  const interior = size - 2; // ≥ count - 1 here, so probing always finds a free index
  while (picked.size < count) {
    let candidate = 1 + Math.floor(random() * interior);
    while (picked.has(candidate)) candidate = (candidate % interior) + 1;
    picked.add(candidate);
  }
  return [...picked].sort((a, b) => a - b);
}
