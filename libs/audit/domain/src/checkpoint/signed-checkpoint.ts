import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalize } from '../leaf/canonical-json';
import { isHexHash } from '../merkle/hashing';
import { isTreeSize } from '../merkle/tree-math';

export const CHECKPOINT_ALGORITHM = 'Ed25519';

/** What a checkpoint states: the log's first `treeSize` events have Merkle root `rootHash`. */
export interface CheckpointBody {
  treeSize: number;
  /** Lowercase hex SHA-256 (RFC 6962 MTH; e3b0c442… for size 0). */
  rootHash: string;
  /** The last sealed event's position and transaction id (decimal strings); null for size 0. */
  lastPosition: string | null;
  lastTransactionId: string | null;
  /** ISO 8601 UTC with milliseconds. */
  issuedAt: string;
  keyId: string;
  /**
   * Rotation (v2): the key that signs from now on, named by the key signing
   * this checkpoint. A verifier that trusts `keyId` may then trust `nextKey`.
   */
  nextKey?: NextKey;
  /**
   * Revocation (v2): the operator re-signed this tree head with a new key
   * (`keyId`) because `revokedKey` must no longer be trusted (compromise).
   */
  revokedKey?: RevokedKey;
}

export interface NextKey {
  keyId: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
}

export interface RevokedKey {
  keyId: string;
  /** Why, in the operator's words (one line). */
  reason: string;
}

export interface SignedCheckpoint extends CheckpointBody {
  algorithm: typeof CHECKPOINT_ALGORITHM;
  /** Base64 Ed25519 signature over `checkpointPayload(body)`. */
  signature: string;
}

// Domain separation: these bytes can never be mistaken for another factledger signature.
// v1: a plain checkpoint (every checkpoint signed before key rotation existed, byte for byte);
// v2: a checkpoint that also makes a key statement (nextKey or revokedKey). Stripping the
// statement from a v2 checkpoint changes the context line, so its signature no longer verifies.
const CONTEXT = 'factledger/checkpoint/v1\n';
const CONTEXT_V2 = 'factledger/checkpoint/v2\n';
const DECIMAL = /^(0|[1-9]\d{0,19})$/;
const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const KEY_ID = /^[0-9a-f]{32}$/;

/** Refuses a malformed body with the offending field; returns it when sound. */
export function checkCheckpointBody(body: CheckpointBody): CheckpointBody {
  const fail = (field: string, rule: string) => {
    throw new TypeError(`checkpoint ${field} ${rule}`);
  };
  if (!isTreeSize(body.treeSize)) fail('treeSize', 'must be a non-negative integer');
  if (!isHexHash(body.rootHash)) fail('rootHash', 'must be 64 lowercase hex characters');
  const empty = body.treeSize === 0;
  for (const field of ['lastPosition', 'lastTransactionId'] as const) {
    const value = body[field];
    if (empty ? value !== null : typeof value !== 'string' || !DECIMAL.test(value)) {
      fail(field, empty ? 'must be null for an empty tree' : 'must be a decimal string');
    }
  }
  if (typeof body.issuedAt !== 'string' || !ISO_MILLIS.test(body.issuedAt)) fail('issuedAt', 'must be ISO 8601 UTC with milliseconds');
  if (typeof body.keyId !== 'string' || !KEY_ID.test(body.keyId)) fail('keyId', 'must be 32 lowercase hex characters');
  if (body.nextKey !== undefined && body.revokedKey !== undefined) fail('nextKey', 'and revokedKey cannot both be stated');
  if (body.nextKey !== undefined) {
    const next = body.nextKey;
    let raw: Buffer | null = null;
    if (typeof next?.publicKey === 'string') raw = Buffer.from(next.publicKey, 'base64');
    if (!raw || raw.length !== 32 || raw.toString('base64') !== next.publicKey)
      fail('nextKey.publicKey', 'must be the base64 of a raw 32-byte Ed25519 key');
    if (next.keyId !== keyIdOf(publicKeyFromRaw(raw!))) fail('nextKey.keyId', 'must be the key id of nextKey.publicKey');
    if (next.keyId === body.keyId) fail('nextKey', 'must differ from the signing key');
  }
  if (body.revokedKey !== undefined) {
    const revoked = body.revokedKey;
    if (typeof revoked?.keyId !== 'string' || !KEY_ID.test(revoked.keyId)) fail('revokedKey.keyId', 'must be 32 lowercase hex characters');
    if (revoked.keyId === body.keyId) fail('revokedKey', 'must differ from the signing key');
    if (typeof revoked.reason !== 'string' || !/^[^\n\r]{1,200}$/.test(revoked.reason))
      fail('revokedKey.reason', 'must be one line of 1 to 200 characters');
  }
  return body;
}

/**
 * The signed bytes: a context line, then the RFC 8785 canonical JSON of the
 * body's fields. Without a key statement exactly the v1 bytes; with one, v2.
 */
export function checkpointPayload(body: CheckpointBody): Buffer {
  checkCheckpointBody(body);
  const fields: Record<string, unknown> = {
    issuedAt: body.issuedAt,
    keyId: body.keyId,
    lastPosition: body.lastPosition,
    lastTransactionId: body.lastTransactionId,
    rootHash: body.rootHash,
    treeSize: body.treeSize,
  };
  if (body.nextKey) fields.nextKey = { keyId: body.nextKey.keyId, publicKey: body.nextKey.publicKey };
  if (body.revokedKey) fields.revokedKey = { keyId: body.revokedKey.keyId, reason: body.revokedKey.reason };
  const v2 = body.nextKey !== undefined || body.revokedKey !== undefined;
  return Buffer.from((v2 ? CONTEXT_V2 : CONTEXT) + canonicalize(fields), 'utf8');
}

export function signCheckpoint(body: CheckpointBody, privateKey: KeyObject): SignedCheckpoint {
  const signature = sign(null, checkpointPayload(body), privateKey).toString('base64');
  return { ...pickBody(body), algorithm: CHECKPOINT_ALGORITHM, signature };
}

/** True only for a well-formed Ed25519 checkpoint whose signature verifies with `publicKey`. */
export function verifyCheckpointSignature(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  if (checkpoint.algorithm !== CHECKPOINT_ALGORITHM || publicKey.asymmetricKeyType !== 'ed25519') return false;
  if (typeof checkpoint.signature !== 'string') return false;
  const signature = Buffer.from(checkpoint.signature, 'base64');
  // Node's base64 decoder skips junk; only the one canonical encoding of 64 bytes is accepted.
  if (signature.length !== 64 || signature.toString('base64') !== checkpoint.signature) return false;
  try {
    return verify(null, checkpointPayload(checkpoint), publicKey, signature);
  } catch {
    return false;
  }
}

const pickBody = (b: CheckpointBody): CheckpointBody => ({
  treeSize: b.treeSize,
  rootHash: b.rootHash,
  lastPosition: b.lastPosition,
  lastTransactionId: b.lastTransactionId,
  issuedAt: b.issuedAt,
  keyId: b.keyId,
  ...(b.nextKey ? { nextKey: { keyId: b.nextKey.keyId, publicKey: b.nextKey.publicKey } } : {}),
  ...(b.revokedKey ? { revokedKey: { keyId: b.revokedKey.keyId, reason: b.revokedKey.reason } } : {}),
});

// An Ed25519 SubjectPublicKeyInfo is this fixed 12-byte header then the 32-byte key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The raw 32-byte Ed25519 public key. */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 key');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return Buffer.from(der.subarray(ED25519_SPKI_PREFIX.length));
}

export function publicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Key id: the first 16 bytes of SHA-256 over the raw public key, hex. */
export const keyIdOf = (publicKey: KeyObject): string => createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 32);
