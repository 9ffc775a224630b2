import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `flk_<key id>_<secret>`: the fixed prefix and shape let secret scanners
 * (GitHub push protection, gitleaks) find a leaked key; the key id is public
 * (it is the actor of every event the key writes); the secret is 32 random
 * bytes (256 bits), base64url.
 */
export const TOKEN_PATTERN = /^flk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export const newKeyId = (): string => randomBytes(8).toString('hex');

export const newToken = (keyId: string): string => `flk_${keyId}_${randomBytes(32).toString('base64url')}`;

/** The key id a well-formed token names; null for anything else. */
export const keyIdOf = (token: string): string | null => TOKEN_PATTERN.exec(token)?.[1] ?? null;

/**
 * Stored instead of the token. A plain SHA-256 is right here, unlike for
 * passwords: the token carries 256 random bits, so no dictionary or
 * brute-force search over the hash can find it, and a slow KDF (bcrypt,
 * argon2) would only cost every request its CPU.
 */
export const tokenHash = (token: string): Buffer => createHash('sha256').update(token).digest();

export const hashesEqual = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);
