import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { keyIdOf, rawPublicKey } from '@factledger/audit-domain';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Raw 32-byte public key, as published. */
  publicKeyRaw: Buffer;
  keyId: string;
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
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`${file} holds a ${privateKey.asymmetricKeyType} key; checkpoints need Ed25519`);
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
  if (created) logger?.log(`created a development checkpoint signing key at ${absolute} (key id ${key.keyId}); set SIGNING_KEY_FILE to a managed key for real deployments`);
  return key;
}

/** The key at `file`, or null when there is none. */
export async function readSigningKey(file: string, logger?: KeyLogger): Promise<SigningKey | null> {
  const absolute = path.resolve(file);
  try {
    const [pem, stat] = await Promise.all([fs.readFile(absolute), fs.stat(absolute)]);
    if ((stat.mode & 0o077) !== 0) logger?.warn(`signing key ${absolute} is readable by group or others (mode ${(stat.mode & 0o777).toString(8)}); chmod 600 it`);
    return signingKeyFromPem(pem, absolute);
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
