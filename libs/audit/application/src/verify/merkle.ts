import { createHash } from 'node:crypto';

// The verifier's own RFC 6962 / RFC 9162 Merkle tree code, written from the
// RFCs and not shared with the server (@factledger/audit-domain). Where the
// server walks audit paths with the RFC 9162 bit-twiddling loops, this
// decomposes the tree top-down by the RFC 6962 definitions (split at the
// largest power of two below n) and folds the proof back up.

export type Hash = Buffer;

const HASH_LENGTH = 32;

/** A proof that does not hold, or cannot be the answer to the question asked. */
export class ProofFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofFailure';
  }
}

const sha256 = (...parts: Uint8Array[]): Hash => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};

/** MTH({}) (RFC 6962 §2.1): SHA-256 of nothing. */
export const EMPTY_TREE_ROOT: Hash = sha256();

/** RFC 6962 §2.1 leaf: SHA-256(0x00 ‖ data). */
export const leafHash = (data: Uint8Array): Hash => sha256(Uint8Array.of(0), data);

/** RFC 6962 §2.1 interior node: SHA-256(0x01 ‖ left ‖ right). */
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(Uint8Array.of(1), left, right);

/** The k of RFC 6962 §2.1: the largest power of two strictly below n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  if (!(n >= 2)) throw new RangeError(`no split for ${n} leaves`);
  let k = 2 ** Math.floor(Math.log2(n));
  while (k >= n) k /= 2; // n a power of two (or log2 rounding up)
  while (k * 2 < n) k *= 2; // log2 rounding down
  return k;
}

const HEX = /^[0-9a-f]{64}$/;
export const isHashHex = (value: unknown): value is string => typeof value === 'string' && HEX.test(value);
export function hashFromHex(hex: string): Hash {
  if (!isHashHex(hex)) throw new TypeError('a hash is 64 lowercase hex characters');
  return Buffer.from(hex, 'hex');
}
export const hex = (hash: Hash): string => hash.toString('hex');

const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * Every leaf hash the verifier computed, in log order, plus each complete
 * subtree hash above them (so any prefix's root is O(log n)). Hashes are
 * packed, 32 bytes each, level by level.
 */
export class LeafLog {
  /** levels[h] holds the complete subtrees of 2^h leaves, left to right. */
  private readonly levels: { bytes: Buffer; count: number }[] = [];

  get size(): number {
    return this.levels[0]?.count ?? 0;
  }

  append(hash: Hash): void {
    if (hash.length !== HASH_LENGTH) throw new RangeError('a leaf hash is 32 bytes');
    let carry = hash;
    for (let h = 0; ; h++) {
      const level = (this.levels[h] ??= { bytes: Buffer.alloc(HASH_LENGTH * 16), count: 0 });
      if (level.bytes.length < (level.count + 1) * HASH_LENGTH) {
        const bigger = Buffer.alloc(level.bytes.length * 2);
        level.bytes.copy(bigger, 0, 0, level.count * HASH_LENGTH);
        level.bytes = bigger;
      }
      carry.copy(level.bytes, level.count * HASH_LENGTH);
      level.count++;
      if (level.count % 2 === 1) return;
      carry = nodeHash(this.at(h, level.count - 2), this.at(h, level.count - 1));
    }
  }

  leaf(index: number): Hash {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) throw new RangeError(`no leaf ${index} among ${this.size}`);
    return this.at(0, index);
  }

  /**
   * MTH(D[0:m]). The binary digits of m, high to low, are the complete
   * subtrees the RFC's recursion ends in (left to right); the root folds them
   * from the right, as each split puts the smaller, later part on the right.
   */
  root(m: number = this.size): Hash {
    if (!isSize(m) || m > this.size) throw new RangeError(`no prefix of ${m} leaves among ${this.size}`);
    if (m === 0) return EMPTY_TREE_ROOT;
    const parts: Hash[] = [];
    let start = 0;
    for (let h = Math.floor(Math.log2(m)) + 1; h >= 0; h--) {
      const width = 2 ** h;
      if (start + width <= m) {
        parts.push(this.at(h, start / width));
        start += width;
      }
    }
    let acc = parts.pop()!;
    while (parts.length > 0) acc = nodeHash(parts.pop()!, acc);
    return acc;
  }

  private at(level: number, index: number): Hash {
    return this.levels[level]!.bytes.subarray(index * HASH_LENGTH, (index + 1) * HASH_LENGTH);
  }
}

function checkHashes(hashes: readonly Hash[], what: string): void {
  hashes.forEach((h, i) => {
    if (!Buffer.isBuffer(h) || h.length !== HASH_LENGTH) throw new ProofFailure(`${what} ${i} is not a 32-byte hash`);
  });
}

/**
 * RFC 6962 §2.1.1 / RFC 9162 §2.1.3: the root an audit path implies. The
 * tree is split top-down (PATH(m, D[n]) recurses into the side holding m and
 * appends the MTH of the other side), which fixes how many hashes the proof
 * must have and on which side each one goes; then the path is folded up
 * from the leaf. A proof of any other length is refused outright.
 */
export function rootFromAuditPath(index: number, size: number, leaf: Hash, proof: readonly Hash[]): Hash {
  if (!isSize(index) || !isSize(size) || index >= size) throw new ProofFailure(`leaf ${index} is not in a tree of size ${size}`);
  checkHashes([leaf], 'leaf hash');
  checkHashes(proof, 'proof hash');
  const siblingOnRight: boolean[] = []; // top-down
  for (let m = index, n = size; n > 1;) {
    const k = largestPowerOfTwoBelow(n);
    if (m < k) {
      siblingOnRight.push(true);
      n = k;
    } else {
      siblingOnRight.push(false);
      m -= k;
      n -= k;
    }
  }
  if (proof.length !== siblingOnRight.length) {
    throw new ProofFailure(`proof has ${proof.length} hashes; leaf ${index} of a tree of size ${size} needs exactly ${siblingOnRight.length}`);
  }
  let acc = leaf;
  proof.forEach((p, i) => {
    acc = siblingOnRight[siblingOnRight.length - 1 - i] ? nodeHash(acc, p) : nodeHash(p, acc);
  });
  return acc;
}

export function checkInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): void {
  const got = rootFromAuditPath(index, size, leaf, proof);
  if (!got.equals(root)) throw new ProofFailure(`the audit path leads to root ${hex(got)}, not ${hex(root)}`);
}

/**
 * RFC 6962 §2.1.2 / RFC 9162 §2.1.4: does `proof` show the tree of size
 * `from` (root `fromRoot`) is a prefix of the one of size `to` (`toRoot`)?
 *
 * SUBPROOF(m, D[n], b) is unrolled top-down: while m ≠ n, split n at k; with
 * m ≤ k the old tree lies in the left part and the right part's MTH is a
 * proof hash (on the right of the new tree only); with m > k the left part
 * is complete in both trees and its MTH is a proof hash on the left of both,
 * and b becomes false. Where m = n, the subtree is the old tree itself when b
 * still holds (its hash is `fromRoot`, not sent), else its MTH is the first
 * proof hash. Folding back up rebuilds both roots, which must be the signed ones.
 */
export function checkConsistency(from: number, to: number, fromRoot: Hash, toRoot: Hash, proof: readonly Hash[]): void {
  if (!isSize(from) || !isSize(to)) throw new ProofFailure('tree sizes must be non-negative integers');
  if (from > to) throw new ProofFailure(`a tree of size ${from} cannot be a prefix of one of size ${to}`);
  checkHashes([fromRoot, toRoot], 'root');
  checkHashes(proof, 'proof hash');
  if (from === 0 || from === to) {
    if (proof.length !== 0) throw new ProofFailure(`a proof from size ${from} to size ${to} must be empty`);
    if (from === to && !fromRoot.equals(toRoot)) throw new ProofFailure(`two different roots for the same size ${from}`);
    return;
  }
  const oldOnLeft: boolean[] = []; // top-down: true = the old tree is inside the left part here
  let wholeOldTree = true;
  for (let m = from, n = to; m !== n;) {
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      oldOnLeft.push(true);
      n = k;
    } else {
      oldOnLeft.push(false);
      m -= k;
      n -= k;
      wholeOldTree = false;
    }
  }
  const needed = oldOnLeft.length + (wholeOldTree ? 0 : 1);
  if (proof.length !== needed) throw new ProofFailure(`proof has ${proof.length} hashes; sizes ${from} → ${to} need exactly ${needed}`);
  let next = 0;
  let oldAcc = wholeOldTree ? fromRoot : proof[next++]!;
  let newAcc = oldAcc;
  for (let level = oldOnLeft.length - 1; level >= 0; level--) {
    const p = proof[next++]!;
    if (oldOnLeft[level]) newAcc = nodeHash(newAcc, p);
    else {
      oldAcc = nodeHash(p, oldAcc);
      newAcc = nodeHash(p, newAcc);
    }
  }
  if (!oldAcc.equals(fromRoot)) throw new ProofFailure(`proof rebuilds old root ${hex(oldAcc)}, not ${hex(fromRoot)}`);
  if (!newAcc.equals(toRoot)) throw new ProofFailure(`proof rebuilds new root ${hex(newAcc)}, not ${hex(toRoot)}`);
}
