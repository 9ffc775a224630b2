import { HASH_BYTES, hashChildren, type Hash } from './hashing';
import { isTreeSize } from './tree-math';

/** A proof that does not hold; the message says which check failed. */
export class ProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofError';
  }
}

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

function checkHashes(proof: readonly Hash[], what: string): void {
  proof.forEach((h, i) => {
    if (!Buffer.isBuffer(h) || h.length !== HASH_BYTES) throw new ProofError(`${what} element ${i} is not a 32-byte hash`);
  });
}

/**
 * RFC 9162 §2.1.3.2: the root that leaf `index` with `leafHash` and this audit
 * path imply for a tree of `size` leaves. Every element must be consumed and
 * the path must reach the top exactly (sn = 0): a proof with extra, missing or
 * reordered elements is refused, not partially used.
 */
export function rootFromInclusionProof(index: number, size: number, leafHash: Hash, proof: readonly Hash[]): Hash {
  if (!isTreeSize(index) || !isTreeSize(size)) throw new ProofError('leaf index and tree size must be non-negative integers');
  if (index >= size) throw new ProofError(`leaf ${index} is outside a tree of size ${size}`);
  checkHashes([leafHash], 'leaf hash');
  checkHashes(proof, 'proof');
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) throw new ProofError(`proof has ${proof.length} hashes, more than a tree of size ${size} needs`);
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError(`proof has ${proof.length} hashes, fewer than a tree of size ${size} needs`);
  return r;
}

/** Throws a ProofError unless the audit path proves `leafHash` is leaf `index` of the tree with `root`. */
export function verifyInclusion(index: number, size: number, leafHash: Hash, proof: readonly Hash[], root: Hash): void {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  if (!computed.equals(root)) throw new ProofError(`the audit path leads to root ${computed.toString('hex')}, not ${root.toString('hex')}`);
}

/**
 * RFC 9162 §2.1.4.2: throws a ProofError unless `proof` shows that the tree of
 * size `from` with `fromRoot` is a prefix of the tree of size `to` with
 * `toRoot`. Sizes equal: the proof must be empty and the roots equal; from = 0:
 * trivially consistent with an empty proof.
 */
export function verifyConsistency(from: number, to: number, fromRoot: Hash, toRoot: Hash, proof: readonly Hash[]): void {
  if (!isTreeSize(from) || !isTreeSize(to)) throw new ProofError('tree sizes must be non-negative integers');
  if (from > to) throw new ProofError(`size ${from} cannot be a prefix of the smaller size ${to}`);
  checkHashes([fromRoot, toRoot], 'root');
  checkHashes(proof, 'proof');
  if (from === to) {
    if (proof.length !== 0) throw new ProofError('a proof between equal sizes must be empty');
    if (!fromRoot.equals(toRoot)) throw new ProofError(`two different roots for the same size ${from}`);
    return;
  }
  if (from === 0) {
    if (proof.length !== 0) throw new ProofError('a proof from the empty tree must be empty');
    return;
  }
  if (proof.length === 0) throw new ProofError(`an empty proof cannot show size ${from} is a prefix of size ${to}`);

  // A power-of-two old tree is itself a node of the new one: its root is the implicit first element.
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : [...proof];
  let fn = from - 1;
  let sn = to - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) throw new ProofError(`proof has more hashes than sizes ${from} → ${to} need`);
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError(`proof has fewer hashes than sizes ${from} → ${to} need`);
  if (!fr.equals(fromRoot)) throw new ProofError(`proof rebuilds old root ${fr.toString('hex')}, not ${fromRoot.toString('hex')}`);
  if (!sr.equals(toRoot)) throw new ProofError(`proof rebuilds new root ${sr.toString('hex')}, not ${toRoot.toString('hex')}`);
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}
