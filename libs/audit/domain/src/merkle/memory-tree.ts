import { EMPTY_ROOT, HASH_BYTES, hashChildren, type Hash } from './hashing';
import { consistencyProofRanges, inclusionProofRanges, isTreeSize, rangeHash, type NodeRef } from './tree-math';

/** Hashes packed into one growing buffer: 32 bytes each, instead of a Buffer object (~100 bytes more) per hash. */
class HashColumn {
  private bytes = Buffer.alloc(HASH_BYTES * 64);
  length = 0;

  push(hash: Hash): void {
    if ((this.length + 1) * HASH_BYTES > this.bytes.length) {
      const grown = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(grown);
      this.bytes = grown;
    }
    hash.copy(this.bytes, this.length * HASH_BYTES);
    this.length++;
  }

  /** A view; it stays valid (the bytes never change) even after the column grows. */
  at(index: number): Hash | undefined {
    return Number.isInteger(index) && index >= 0 && index < this.length
      ? this.bytes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES)
      : undefined;
  }
}

/**
 * An append-only Merkle tree held in memory: every complete subtree hash, so
 * any past root and any proof costs O(log n). About 64 bytes per leaf; the
 * verifier rebuilds the log with it, and specs compare the database tree
 * against it.
 */
export class MemoryMerkleTree {
  private readonly levels: HashColumn[] = [new HashColumn()];

  constructor(leafHashes: Iterable<Hash> = []) {
    for (const h of leafHashes) this.append(h);
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  append(leafHash: Hash): void {
    if (leafHash.length !== HASH_BYTES) throw new RangeError('a leaf hash is 32 bytes');
    let level = 0;
    this.levels[0]!.push(leafHash);
    // A node completes each time its level gets an even number of entries.
    while (this.levels[level]!.length % 2 === 0) {
      const row = this.levels[level]!;
      const parent = hashChildren(row.at(row.length - 2)!, row.at(row.length - 1)!);
      level++;
      (this.levels[level] ??= new HashColumn()).push(parent);
    }
  }

  leaf(index: number): Hash {
    return this.node({ level: 0, index });
  }

  node(ref: NodeRef): Hash {
    const hash = this.levels[ref.level]?.at(ref.index);
    if (!hash) throw new RangeError(`no complete node at level ${ref.level}, index ${ref.index} in a tree of size ${this.size}`);
    return hash;
  }

  /** MTH of the first `size` leaves (default: all). */
  root(size = this.size): Hash {
    this.checkSize(size);
    return size === 0 ? EMPTY_ROOT : rangeHash({ start: 0, end: size }, (ref) => this.node(ref));
  }

  inclusionProof(index: number, size = this.size): Hash[] {
    this.checkSize(size);
    return inclusionProofRanges(index, size).map((r) => rangeHash(r, (ref) => this.node(ref)));
  }

  consistencyProof(from: number, to = this.size): Hash[] {
    this.checkSize(to);
    return consistencyProofRanges(from, to).map((r) => rangeHash(r, (ref) => this.node(ref)));
  }

  private checkSize(size: number): void {
    if (!isTreeSize(size) || size > this.size) throw new RangeError(`size ${size} is beyond the tree's ${this.size} leaves`);
  }
}
