import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { jcs } from './jcs';
import { isHashHex } from './merkle';

// Signed checkpoints as the verifier reads them, with its own payload
// layout and Ed25519 check (node:crypto), independent of the server's
// signing code:
//   payload = "factledger/checkpoint/v1\n" ‖ JCS({issuedAt, keyId, lastPosition, lastTransactionId, rootHash, treeSize})
//   signature = Ed25519(payload), base64; keyId = hex of the first 16 bytes of SHA-256(raw 32-byte public key).
// A checkpoint with a key statement (rotation: nextKey {keyId, publicKey}; revocation: revokedKey {keyId, reason})
// is signed as "factledger/checkpoint/v2\n" ‖ JCS(the same fields and that one).

export const ED25519 = 'Ed25519';

/** A signed checkpoint as served by GET /v1/checkpoints/… */
export interface WireCheckpoint {
  treeSize: number;
  rootHash: string;
  lastPosition: string | null;
  lastTransactionId: string | null;
  issuedAt: string;
  keyId: string;
  algorithm: typeof ED25519;
  signature: string;
  /** Rotation: signed by the outgoing key `keyId`, names its successor. */
  nextKey?: { keyId: string; publicKey: string };
  /** Revocation: the head re-signed by the new key `keyId`; `revokedKey` is trusted no more. */
  revokedKey?: { keyId: string; reason: string };
}

const DOMAIN_SEPARATOR = 'factledger/checkpoint/v1\n';
const DOMAIN_SEPARATOR_V2 = 'factledger/checkpoint/v2\n';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isDecimal = (v: unknown) => typeof v === 'string' && /^(0|[1-9][0-9]{0,19})$/.test(v);
const isIsoMillis = (v: unknown) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v);
const isKeyId = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v);

/** What is wrong with a checkpoint's shape (the first field), or null when it is well-formed. */
export function checkpointShapeProblem(c: Record<string, unknown>): string | null {
  if (typeof c.treeSize !== 'number' || !Number.isSafeInteger(c.treeSize) || c.treeSize < 0) return 'treeSize must be a non-negative integer';
  if (!isHashHex(c.rootHash)) return 'rootHash must be 64 lowercase hex characters';
  for (const field of ['lastPosition', 'lastTransactionId'] as const) {
    if (c.treeSize === 0 ? c[field] !== null : !isDecimal(c[field]))
      return `${field} must be ${c.treeSize === 0 ? 'null for an empty tree' : 'a decimal string'}`;
  }
  if (!isIsoMillis(c.issuedAt)) return 'issuedAt must be ISO 8601 UTC with milliseconds';
  if (!isKeyId(c.keyId)) return 'keyId must be 32 lowercase hex characters';
  if (c.algorithm !== ED25519) return 'algorithm must be Ed25519';
  if (typeof c.signature !== 'string') return 'signature must be base64';
  if (c.nextKey !== undefined && c.revokedKey !== undefined) return 'nextKey and revokedKey cannot both be present';
  if (c.nextKey !== undefined) {
    if (!isObject(c.nextKey) || !isKeyId(c.nextKey.keyId) || typeof c.nextKey.publicKey !== 'string') return 'nextKey must be {keyId, publicKey}';
    const raw = Buffer.from(c.nextKey.publicKey, 'base64');
    if (raw.length !== 32 || raw.toString('base64') !== c.nextKey.publicKey) return 'nextKey.publicKey must be 32 bytes of base64';
    if (ed25519KeyId(raw) !== c.nextKey.keyId) return "nextKey.keyId must be its public key's id";
  }
  if (c.revokedKey !== undefined && (!isObject(c.revokedKey) || !isKeyId(c.revokedKey.keyId) || typeof c.revokedKey.reason !== 'string')) {
    return 'revokedKey must be {keyId, reason}';
  }
  return null;
}

/** The exact bytes the sealer signs. */
export function checkpointSignedBytes(c: WireCheckpoint): Buffer {
  const statement = {
    treeSize: c.treeSize,
    rootHash: c.rootHash,
    lastTransactionId: c.lastTransactionId,
    lastPosition: c.lastPosition,
    keyId: c.keyId,
    issuedAt: c.issuedAt,
    ...(c.nextKey ? { nextKey: { keyId: c.nextKey.keyId, publicKey: c.nextKey.publicKey } } : {}),
    ...(c.revokedKey ? { revokedKey: { keyId: c.revokedKey.keyId, reason: c.revokedKey.reason } } : {}),
  };
  const separator = c.nextKey || c.revokedKey ? DOMAIN_SEPARATOR_V2 : DOMAIN_SEPARATOR;
  return Buffer.concat([Buffer.from(separator, 'utf8'), Buffer.from(jcs(statement), 'utf8')]);
}

/** True only when the checkpoint is well-formed and its Ed25519 signature verifies with `key`. */
export function checkpointSignatureValid(c: WireCheckpoint, key: KeyObject): boolean {
  if (checkpointShapeProblem(c as unknown as Record<string, unknown>) !== null) return false;
  if (key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') return false;
  // Only the canonical base64 of exactly 64 bytes (Node's decoder would skip junk characters).
  if (!/^[A-Za-z0-9+/]{86}==$/.test(c.signature)) return false;
  const signature = Buffer.from(c.signature, 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== c.signature) return false;
  try {
    return verify(null, checkpointSignedBytes(c), key, signature);
  } catch {
    return false;
  }
}

/** An Ed25519 public key from its raw 32 bytes (RFC 8037 OKP JWK). */
export function ed25519FromRaw(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** The raw 32 bytes of an Ed25519 public key. */
export function ed25519Raw(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

/** The key id the API and checkpoints name a key by. */
export const ed25519KeyId = (raw: Buffer): string => createHash('sha256').update(raw).digest().subarray(0, 16).toString('hex');
