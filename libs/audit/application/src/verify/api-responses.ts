import { createPublicKey, type KeyObject } from 'node:crypto';
import { ED25519, checkpointShapeProblem, ed25519FromRaw, type WireCheckpoint } from './checkpoint-signature';
import type { WireEvent } from './leaf-format';
import { hashFromHex, isHashHex, type Hash } from './merkle';
import { expectField, expectObject, fail, isArray, isBoolean, isCount, isString } from './verification-failure';
import { ApiError, type VerifyApiClient } from './verify-api.client';

// Typed, checked reads of the audit API. Anything off-spec fails verification.

export interface ServedKey {
  keyId: string;
  key: KeyObject;
  raw: Buffer;
}

export async function fetchPublicKey(api: VerifyApiClient): Promise<ServedKey> {
  const body = expectObject(await api.get('/v1/audit/public-key'), 'public key');
  if (body.algorithm !== ED25519) fail('key.unsupported', `the server's checkpoint key is ${String(body.algorithm)}, not Ed25519`);
  const raw = Buffer.from(expectField(body, 'publicKey', 'public key', isString, 'must be base64'), 'base64');
  if (raw.length !== 32) fail('response.malformed', 'public key: publicKey must be 32 bytes of base64');
  const keyId = expectField(body, 'keyId', 'public key', isString, 'must be a string');
  return { keyId, key: ed25519FromRaw(raw), raw };
}

export function keyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the pinned key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
}

export function parseCheckpoint(value: unknown, what: string): WireCheckpoint {
  const body = expectObject(value, what);
  const checkpoint = {
    treeSize: body.treeSize,
    rootHash: body.rootHash,
    lastPosition: body.lastPosition,
    lastTransactionId: body.lastTransactionId,
    issuedAt: body.issuedAt,
    keyId: body.keyId,
    algorithm: body.algorithm,
    signature: body.signature,
    ...(body.nextKey !== undefined ? { nextKey: body.nextKey } : {}),
    ...(body.revokedKey !== undefined ? { revokedKey: body.revokedKey } : {}),
  };
  const problem = checkpointShapeProblem(checkpoint);
  if (problem) fail('response.malformed', `${what}: checkpoint ${problem}`);
  return checkpoint as WireCheckpoint;
}

/** The key history (GET /v1/checkpoints/keys): rotations and revocations, each a checkpoint to check here. A server without it has none. */
export async function fetchKeyStatements(api: VerifyApiClient): Promise<WireCheckpoint[]> {
  let body: Record<string, unknown>;
  try {
    body = expectObject(await api.get('/v1/checkpoints/keys'), 'key history');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return [];
    throw e;
  }
  const statements = expectField(body, 'statements', 'key history', isArray, 'must be an array');
  return statements.map((s, i) => {
    const checkpoint = parseCheckpoint(s, `key statement ${i}`);
    if (!checkpoint.nextKey && !checkpoint.revokedKey) fail('response.malformed', `key statement ${i}: names neither nextKey nor revokedKey`);
    return checkpoint;
  });
}

export interface ServedEvent extends WireEvent {
  transactionId: string;
  cursor: string;
}

export interface EventsPage {
  events: unknown[];
  nextCursor: string;
  hasMore: boolean;
}

export async function fetchEventsPage(api: VerifyApiClient, after: string | null, limit: number): Promise<EventsPage> {
  const body = expectObject(await api.get(`/v1/events?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`), 'events page');
  return {
    events: expectField(body, 'events', 'events page', isArray, 'must be an array'),
    nextCursor: expectField(body, 'nextCursor', 'events page', isString, 'must be a string'),
    hasMore: expectField(body, 'hasMore', 'events page', isBoolean, 'must be a boolean'),
  };
}

/** The fields the verifier needs beyond the leaf content; the leaf code checks the rest. */
export function asServedEvent(value: unknown, leafIndex: number): ServedEvent {
  const what = `event at leaf ${leafIndex}`;
  const body = expectObject(value, what);
  expectField(body, 'cursor', what, isString, 'must be a string');
  expectField(body, 'transactionId', what, isString, 'must be a string');
  return body as unknown as ServedEvent;
}

export function parseProof(value: unknown, what: string): Hash[] {
  if (!Array.isArray(value) || !value.every(isHashHex)) return fail('response.malformed', `${what}: proof must be an array of hex SHA-256 hashes`);
  return value.map((h: string) => hashFromHex(h));
}

export async function fetchConsistencyProof(api: VerifyApiClient, from: number, to: number): Promise<Hash[]> {
  const what = `consistency proof ${from} → ${to}`;
  const body = expectObject(await api.get(`/v1/proofs/consistency?from=${from}&to=${to}`), what);
  // The server must answer the question asked, not a neighbouring one.
  if (body.from !== from || body.to !== to) fail('proof.wrong_sizes', `${what}: the server answered for ${String(body.from)} → ${String(body.to)}`);
  return parseProof(body.proof, what);
}

export interface InclusionAnswer {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  proof: Hash[];
  event: { id: string | null; position: string | null };
}

export async function fetchInclusionProof(api: VerifyApiClient, query: string, what: string): Promise<InclusionAnswer> {
  const body = expectObject(await api.get(`/v1/proofs/inclusion?${query}`), what);
  const event = expectObject(body.event, what);
  return {
    leafIndex: expectField(body, 'leafIndex', what, isCount, 'must be a count'),
    treeSize: expectField(body, 'treeSize', what, isCount, 'must be a count'),
    leafHash: expectField(body, 'leafHash', what, isHashHex, 'must be a hex SHA-256'),
    proof: parseProof(body.proof, what),
    event: { id: typeof event.id === 'string' ? event.id : null, position: typeof event.position === 'string' ? event.position : null },
  };
}
