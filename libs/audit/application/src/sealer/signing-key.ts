import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { keyIdOf, rawPublicKey, signCheckpoint, type CheckpointBody, type SignedCheckpoint } from '@factledger/audit-domain';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Raw 32-byte public key, as published. */
  publicKeyRaw: Buffer;
  keyId: string;
  /** The file it was read from: signing follows it when `factledger signing-key rotate` replaces it. */
  file?: string;
}

interface KeyLogger {
  log(message: string): void;
  warn(message: string): void;
}

export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

export function signingKeyFromPem(pem: string | Buffer, file = 'the key'): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (e) {
    throw new SigningKeyError(`${file} is not a PEM private key: ${(e as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(`${file} holds a ${privateKey.asymmetricKeyType} key; checkpoints need Ed25519`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyRaw: rawPublicKey(publicKey), keyId: keyIdOf(publicKey) };
}

/**
 * Loads the checkpoint signing key (PKCS#8 PEM) from `file`. When it does not
 * exist a development key is generated and written there with mode 0600 (the
 * default `.factledger/` is git-ignored). Created exclusively, so processes
 * starting together end up with one key. In production a missing key is an
 * error: a key made up on the spot would sign checkpoints nobody can pin, and
 * a lost container would lose it (`factledger signing-key` creates one).
 */
export async function loadOrCreateSigningKey(file: string, logger?: KeyLogger, options: { production?: boolean } = {}): Promise<SigningKey> {
  const absolute = path.resolve(file);
  const existing = await readSigningKey(absolute, logger);
  if (existing) return existing;
  if (options.production) {
    throw new SigningKeyError(
      `no checkpoint signing key at ${absolute}: a production worker does not make one up. Set SIGNING_KEY_FILE to the Ed25519 private key (PKCS#8 PEM), ` +
        'or create it once with `factledger signing-key` (docker-compose: the keygen service)',
    );
  }
  const { key, created } = await createSigningKey(absolute);
  if (created)
    logger?.log(
      `created a development checkpoint signing key at ${absolute} (key id ${key.keyId}); set SIGNING_KEY_FILE to a managed key for real deployments`,
    );
  return { ...key, file: absolute };
}

/** The key at `file`, or null when there is none. */
export async function readSigningKey(file: string, logger?: KeyLogger): Promise<SigningKey | null> {
  const absolute = path.resolve(file);
  try {
    const [pem, stat] = await Promise.all([fs.readFile(absolute), fs.stat(absolute)]);
    if ((stat.mode & 0o077) !== 0)
      logger?.warn(`signing key ${absolute} is readable by group or others (mode ${(stat.mode & 0o777).toString(8)}); chmod 600 it`);
    return { ...signingKeyFromPem(pem, absolute), file: absolute };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Writes a new key to `file` (mode 0600) unless one exists there: then that one, `created: false`. */
export async function createSigningKey(file: string): Promise<{ key: SigningKey; created: boolean }> {
  const absolute = path.resolve(file);
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  await fs.mkdir(path.dirname(absolute), { recursive: true, mode: 0o700 });
  try {
    await fs.writeFile(absolute, pem, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { key: signingKeyFromPem(await fs.readFile(absolute), absolute), created: false };
    throw e;
  }
  return { key: signingKeyFromPem(pem, absolute), created: true };
}

/** What each key file held when last read (the sealer signs seldom: one stat per checkpoint). */
const followed = new WeakMap<SigningKey, { stamp: string; key: SigningKey }>();

/**
 * The key to sign with now: the one loaded, or, when its file was replaced
 * since (the rotate command renames the new key over it only after the
 * rotation that names it is stored), the file's new key. A running worker
 * thus signs with the new key from its next checkpoint, without a restart.
 * A file that vanished or is unreadable keeps the key last read.
 */
export async function currentSigningKey(key: SigningKey): Promise<SigningKey> {
  if (!key.file) return key;
  const known = followed.get(key);
  try {
    const stat = await fs.stat(key.file);
    const stamp = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    if (known?.stamp === stamp) return known.key;
    const next = { ...signingKeyFromPem(await fs.readFile(key.file), key.file), file: key.file };
    // The first look only records the file's stamp; the key loaded at start stays until the file changes.
    followed.set(key, { stamp, key: known ? next : next.keyId === key.keyId ? key : next });
    return followed.get(key)!.key;
  } catch {
    return known?.key ?? key;
  }
}

/** Signs a checkpoint with the current key (see currentSigningKey), naming it in the body. */
export async function signWithCurrentKey(key: SigningKey, body: Omit<CheckpointBody, 'keyId'>): Promise<SignedCheckpoint> {
  const current = await currentSigningKey(key);
  return signCheckpoint({ ...body, keyId: current.keyId }, current.privateKey);
}
