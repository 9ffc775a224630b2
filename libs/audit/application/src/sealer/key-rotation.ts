import { generateKeyPairSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { EMPTY_ROOT, publicKeyFromRaw, signCheckpoint, toHex, verifyCheckpointSignature, type SignedCheckpoint } from '@factledger/audit-domain';
import { latestCheckpoint, publishKey } from '../checkpoints/checkpoints.repository';
import { insertKeyStatement, keyRetirement, latestRevocation, publishedKeys } from '../checkpoints/key-history.repository';
import { SigningKeyError, readSigningKey, signingKeyFromPem, type SigningKey } from './signing-key';

export interface RotateOptions {
  /** The current key is compromised: revoke it and re-sign the head with the new key, instead of a rotation the old key signs. */
  compromised?: { reason: string };
  clock?: () => Date;
}

export interface RotationResult {
  kind: 'rotation' | 'revocation';
  previous: SigningKey;
  next: SigningKey;
  /** The stored key statement (signed by the previous key for a rotation, by the new key for a revocation). */
  statement: SignedCheckpoint;
  /** Where the previous key was moved (back it up or destroy it; a compromised one is useless now). */
  retiredFile: string;
}

/**
 * Replaces the checkpoint key at `file`, the database learning of it first:
 *   1. a new Ed25519 key is written beside it (`<file>.next`, mode 0600);
 *   2. its public half is published and the key statement stored (sealer role);
 *      rotation: the tree head (latest checkpoint) signed by the OLD key, naming the new one;
 *      compromise: the head re-signed by the NEW key, naming the revoked one;
 *   3. the old key is kept as `<file>.retired-<keyId>` and the new one renamed over `file`.
 * A running sealer signs its next checkpoint with the new key (signWithCurrentKey),
 * so no checkpoint by the new key ever precedes the statement that introduces it.
 * Re-running after a crash resumes: step 1 reuses `<file>.next`, step 2 is skipped when stored.
 */
export async function rotateSigningKey(file: string, db: Kysely<AuditDb>, options: RotateOptions = {}): Promise<RotationResult> {
  const absolute = path.resolve(file);
  const previous = await readSigningKey(absolute);
  if (!previous) throw new SigningKeyError(`no checkpoint signing key at ${absolute} to rotate (SIGNING_KEY_FILE)`);
  const nextFile = `${absolute}.next`;
  const next = await nextKey(nextFile);
  const clock = options.clock ?? (() => new Date());

  const retirement = await keyRetirement(db, previous.keyId);
  const done = options.compromised ? retirement.revoked !== null : retirement.rotatedTo !== null;
  if (!done && (retirement.rotatedTo !== null || retirement.revoked !== null)) {
    throw new SigningKeyError(
      `key ${previous.keyId} at ${absolute} was already ${retirement.revoked !== null ? 'revoked' : `rotated to ${retirement.rotatedTo}`}; the key file is stale`,
    );
  }
  if (retirement.rotatedTo !== null && retirement.rotatedTo !== next.keyId) {
    throw new SigningKeyError(`key ${previous.keyId} was rotated to ${retirement.rotatedTo}, not to the key in ${nextFile}`);
  }

  const head = await treeHead(db);
  // Never vouch for a head whose own signature does not hold (a row written behind the sealer's back).
  if ('signature' in head && !(await headSignatureHolds(db, head))) {
    throw new SigningKeyError(
      `the latest checkpoint (tree size ${head.treeSize}) does not verify with key ${head.keyId}: run factledger verify and investigate before signing anything`,
    );
  }
  const body = {
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    lastPosition: head.lastPosition,
    lastTransactionId: head.lastTransactionId,
    issuedAt: clock().toISOString(),
  };
  const statement = options.compromised
    ? signCheckpoint({ ...body, keyId: next.keyId, revokedKey: { keyId: previous.keyId, reason: options.compromised.reason } }, next.privateKey)
    : signCheckpoint(
        { ...body, keyId: previous.keyId, nextKey: { keyId: next.keyId, publicKey: next.publicKeyRaw.toString('base64') } },
        previous.privateKey,
      );
  if (!done) {
    await db.transaction().execute(async (trx) => {
      // The old key too: a key no sealer has used yet was never published.
      await publishKey(trx, previous.keyId, previous.publicKeyRaw);
      await publishKey(trx, next.keyId, next.publicKeyRaw);
      await insertKeyStatement(trx, statement);
    });
  }

  const retiredFile = `${absolute}.retired-${previous.keyId}`;
  await fs.copyFile(absolute, retiredFile);
  await fs.chmod(retiredFile, 0o600);
  await fs.rename(nextFile, absolute);
  return { kind: options.compromised ? 'revocation' : 'rotation', previous, next: { ...next, file: absolute }, statement, retiredFile };
}

/** The key waiting at `<file>.next` (an interrupted rotation), else a new one written there. */
async function nextKey(nextFile: string): Promise<SigningKey> {
  try {
    return signingKeyFromPem(await fs.readFile(nextFile), nextFile);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  await fs.writeFile(nextFile, pem, { mode: 0o600, flag: 'wx' });
  return signingKeyFromPem(pem, nextFile);
}

/** The newest signed tree head: the latest checkpoint, or a newer re-signed one; the empty tree before any. */
async function treeHead(
  db: Kysely<AuditDb>,
): Promise<SignedCheckpoint | Pick<SignedCheckpoint, 'treeSize' | 'rootHash' | 'lastPosition' | 'lastTransactionId'>> {
  const [checkpoint, resigned] = await Promise.all([latestCheckpoint(db), latestRevocation(db)]);
  const head = resigned && (!checkpoint || resigned.treeSize >= checkpoint.treeSize) ? resigned : checkpoint;
  return head ?? { treeSize: 0, rootHash: toHex(EMPTY_ROOT), lastPosition: null, lastTransactionId: null };
}

async function headSignatureHolds(db: Kysely<AuditDb>, head: SignedCheckpoint): Promise<boolean> {
  const key = (await publishedKeys(db)).find((k) => k.keyId === head.keyId);
  return key !== undefined && verifyCheckpointSignature(head, publicKeyFromRaw(key.publicKey));
}

/** Why a worker must not sign with `key`, or null: it handed over to a successor, or was revoked. */
export async function retiredKeyProblem(db: Kysely<AuditDb>, key: SigningKey): Promise<string | null> {
  const { rotatedTo, revoked } = await keyRetirement(db, key.keyId);
  if (revoked !== null)
    return `checkpoint key ${key.keyId}${key.file ? ` (${key.file})` : ''} was revoked (${revoked}); set SIGNING_KEY_FILE to its replacement`;
  if (rotatedTo !== null)
    return `checkpoint key ${key.keyId}${key.file ? ` (${key.file})` : ''} was rotated to ${rotatedTo}; set SIGNING_KEY_FILE to the new key`;
  return null;
}
