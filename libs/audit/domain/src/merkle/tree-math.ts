import { hashChildren, type Hash } from './hashing';

// Tree sizes and indexes are plain numbers (safe integers, far beyond any
// ledger) and never go through JavaScript's 32-bit bitwise operators.

/** Leaves [start, end) of the tree: what one MTH(D[start:end]) covers. */
export interface LeafRange {
  start: number;
  end: number;
}

/**
 * A complete (perfect) subtree: 2^level leaves starting at index·2^level.
 * Level 0 is a leaf. These are the only nodes that never change as the log
 * grows, so they are what gets stored.
 */
export interface NodeRef {
  level: number;
  index: number;
}

export const isTreeSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** k in RFC 6962: the largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The complete subtrees whose hashes make up MTH(D[start:end]), largest
 * first. Holds for every range the RFC 6962 recursion produces (start is
 * aligned to the largest power of two ≤ the range's size).
 */
export function subtreesOf(range: LeafRange): NodeRef[] {
  const refs: NodeRef[] = [];
  let position = range.start;
  while (position < range.end) {
    let size = 1;
    let level = 0;
    while (position % (size * 2) === 0 && position + size * 2 <= range.end) {
      size *= 2;
      level++;
    }
    refs.push({ level, index: position / size });
    position += size;
  }
  return refs;
}

/** MTH(D[start:end]) from the hashes of its complete subtrees (a right fold, as the RFC recursion splits). */
export function rangeHash(range: LeafRange, nodeAt: (ref: NodeRef) => Hash): Hash {
  if (range.end <= range.start) throw new RangeError(`empty range [${range.start}, ${range.end})`);
  const hashes = subtreesOf(range).map(nodeAt);
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) acc = hashChildren(hashes[i]!, acc);
  return acc;
}

/** RFC 6962 §2.1.1 PATH(m, D[n]): the ranges whose MTHs form leaf m's audit path, leaf-side first. */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  if (!isTreeSize(index) || !isTreeSize(size) || index >= size) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const out: LeafRange[] = [];
  const path = (m: number, start: number, end: number) => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      out.push({ start: start + k, end });
    } else {
      path(m - k, start + k, end);
      out.push({ start, end: start + k });
    }
  };
  path(index, 0, size);
  return out;
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]) = SUBPROOF(m, D[n], true); empty when m is 0 or m = n. */
export function consistencyProofRanges(from: number, to: number): LeafRange[] {
  if (!isTreeSize(from) || !isTreeSize(to) || from > to) throw new RangeError(`no consistency proof from size ${from} to size ${to}`);
  const out: LeafRange[] = [];
  if (from === 0 || from === to) return out;
  const subproof = (m: number, start: number, end: number, complete: boolean) => {
    const n = end - start;
    if (m === n) {
      if (!complete) out.push({ start, end });
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, complete);
      out.push({ start: start + k, end });
    } else {
      subproof(m - k, start + k, end, false);
      out.push({ start, end: start + k });
    }
  };
  subproof(from, 0, to, true);
  return out;
}

/** Every node needed to compute the MTHs of `ranges`, deduplicated. */
export function nodesFor(ranges: readonly LeafRange[]): NodeRef[] {
  const seen = new Map<string, NodeRef>();
  for (const range of ranges) for (const ref of subtreesOf(range)) seen.set(`${ref.level}:${ref.index}`, ref);
  return [...seen.values()];
}

export const nodeKey = (ref: NodeRef): string => `${ref.level}:${ref.index}`;
