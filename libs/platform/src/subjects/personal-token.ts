import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Crypto-shredding of personal fields (README "Operations → Erasure"): a
 * personal string goes into a sealed event as a token
 * `pd1:<subject>:<iv>:<tag>:<ciphertext>` (base64url), AES-256-GCM under the
 * subject's own data key with the subject as additional data. The sealed
 * leaf hashes the token, never the text; deleting the key (erasure) leaves a
 * token nobody can open, and the log still verifies.
 *
 * A string and not an object: every reader of the field (states, read
 * models, verifiers' replays) keeps its `string` type and stores the token as
 * it is, so a replay without keys builds the very rows the live models hold.
 * Kept hand-written on node:crypto: the format is four base64url fields, and
 * what matters (GCM, a random 96-bit IV per value, the AAD) is stated here.
 */
export const PERSONAL_TOKEN_PREFIX = 'pd1:';
/** What a reader sees of a personal field whose subject was erased (or whose key this database lacks). */
export const ERASED_MARKER = '[erased]';
/** A subject id: the stream id its personal data belongs to (`source-<sourceId>`). */
export const SUBJECT_ID = /^[a-z0-9][a-z0-9_-]{0,199}$/;
export const SUBJECT_ID_PATTERN = SUBJECT_ID.source;

const TOKEN = /^pd1:([a-z0-9][a-z0-9_-]{0,199}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]*)$/;
const ALGORITHM = 'aes-256-gcm';
export const DATA_KEY_BYTES = 32;

export interface PersonalToken {
  subject: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

export const newDataKey = (): Buffer => randomBytes(DATA_KEY_BYTES);

export const isPersonalToken = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(PERSONAL_TOKEN_PREFIX) && TOKEN.test(value);

export function parsePersonalToken(value: string): PersonalToken | null {
  const m = TOKEN.exec(value);
  if (!m) return null;
  return { subject: m[1]!, iv: Buffer.from(m[2]!, 'base64url'), tag: Buffer.from(m[3]!, 'base64url'), ciphertext: Buffer.from(m[4]!, 'base64url') };
}

/** Encrypts `text` for `subject` under its data key: a fresh IV each time, so equal names give different tokens. */
export function sealPersonal(subject: string, key: Buffer, text: string): string {
  if (!SUBJECT_ID.test(subject)) throw new Error(`not a subject id: ${JSON.stringify(subject)}`);
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(subject, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `${PERSONAL_TOKEN_PREFIX}${subject}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ciphertext.toString('base64url')}`;
}

/**
 * The text of a token, or null when `key` does not open it (another subject's
 * key, a token altered or forged: GCM authenticates the ciphertext and the subject).
 */
export function openPersonal(token: PersonalToken, key: Buffer): string | null {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, token.iv);
    decipher.setAAD(Buffer.from(token.subject, 'utf8'));
    decipher.setAuthTag(token.tag);
    return Buffer.concat([decipher.update(token.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
