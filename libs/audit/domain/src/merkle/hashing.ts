import { createHash } from 'node:crypto';

/** A SHA-256 digest (32 bytes). */
export type Hash = Buffer;

export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 6962 §2.1: MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ data). The prefix keeps leaves and nodes apart (second-preimage resistance). */
export const hashLeaf = (data: Uint8Array | string): Hash => createHash('sha256').update(LEAF_PREFIX).update(data).digest();

/** RFC 6962 interior node: SHA-256(0x01 ‖ left ‖ right). */
export const hashChildren = (left: Hash, right: Hash): Hash => createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();

const HEX_HASH = /^[0-9a-f]{64}$/;

export const toHex = (hash: Hash): string => hash.toString('hex');

/** Parses a lowercase hex SHA-256; anything else (wrong length, upper case, junk) is refused. */
export function fromHex(hex: unknown, what = 'hash'): Hash {
  if (typeof hex !== 'string' || !HEX_HASH.test(hex)) throw new TypeError(`${what} must be 64 lowercase hex characters`);
  return Buffer.from(hex, 'hex');
}

export const isHexHash = (value: unknown): value is string => typeof value === 'string' && HEX_HASH.test(value);
