import { createPublicKey, type KeyObject } from 'node:crypto';
import { CHECKPOINT_ALGORITHM, checkCheckpointBody, fromHex, isHexHash, publicKeyFromRaw, type Hash, type LoggedEvent, type SignedCheckpoint } from '@factledger/audit-domain';
import { expectField, expectObject, fail, isArray, isBoolean, isCount, isString } from './verification-failure';
import type { VerifyApiClient } from './verify-api.client';

// Typed, checked reads of the audit API. Anything off-spec fails verification.

export interface ServedKey {
  keyId: string;
  key: KeyObject;
  raw: Buffer;
}

export async function fetchPublicKey(api: VerifyApiClient): Promise<ServedKey> {
  const body = expectObject(await api.get('/v1/audit/public-key'), 'public key');
  if (body.algorithm !== CHECKPOINT_ALGORITHM) fail('key.unsupported', `the server's checkpoint key is ${String(body.algorithm)}, not Ed25519`);
  const raw = Buffer.from(expectField(body, 'publicKey', 'public key', isString, 'must be base64'), 'base64');
  if (raw.length !== 32) fail('response.malformed', 'public key: publicKey must be 32 bytes of base64');
  const keyId = expectField(body, 'keyId', 'public key', isString, 'must be a string');
  return { keyId, key: publicKeyFromRaw(raw), raw };
}

export function keyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the pinned key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
}

export function parseCheckpoint(value: unknown, what: string): SignedCheckpoint {
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
  } as SignedCheckpoint;
  try {
    checkCheckpointBody(checkpoint);
  } catch (e) {
    fail('response.malformed', `${what}: ${(e as Error).message}`);
  }
  if (typeof checkpoint.signature !== 'string') fail('response.malformed', `${what}: signature must be base64`);
  return checkpoint;
}

export interface ServedEvent extends LoggedEvent {
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
  if (!Array.isArray(value) || !value.every(isHexHash)) return fail('response.malformed', `${what}: proof must be an array of hex SHA-256 hashes`);
  return value.map((h) => fromHex(h));
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
    leafHash: expectField(body, 'leafHash', what, isHexHash, 'must be a hex SHA-256'),
    proof: parseProof(body.proof, what),
    event: { id: typeof event.id === 'string' ? event.id : null, position: typeof event.position === 'string' ? event.position : null },
  };
}
