import { EMPTY_ROOT, hashChildren, type Hash } from './hashing';
import { isTreeSize, subtreesOf, type NodeRef } from './tree-math';

export interface StoredNode extends NodeRef {
  hash: Hash;
}

/**
 * The right edge of an append-only tree: one complete subtree per set bit of
 * its size (at most 64 hashes). Enough to append leaves, to learn which
 * interior nodes each append completes, and to compute the current root,
 * without reading the rest of the tree.
 */
export class MerkleFrontier {
  private constructor(
    private nodes: StoredNode[],
    private leaves: number,
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier([], 0);
  }

  /** The nodes to load to resume a tree of `size` leaves. */
  static refsFor(size: number): NodeRef[] {
    if (!isTreeSize(size)) throw new RangeError(`bad tree size ${size}`);
    return size === 0 ? [] : subtreesOf({ start: 0, end: size });
  }

  /** Resumes from stored hashes of `refsFor(size)`, in that order. */
  static restore(size: number, hashes: readonly Hash[]): MerkleFrontier {
    const refs = MerkleFrontier.refsFor(size);
    if (hashes.length !== refs.length) throw new RangeError(`a frontier of size ${size} needs ${refs.length} hashes, got ${hashes.length}`);
    return new MerkleFrontier(
      refs.map((ref, i) => ({ ...ref, hash: hashes[i]! })),
      size,
    );
  }

  get size(): number {
    return this.leaves;
  }

  /** Appends a leaf; returns the interior nodes (level ≥ 1) it completed, lowest first. */
  append(leafHash: Hash): StoredNode[] {
    const completed: StoredNode[] = [];
    this.leaves++;
    let node: StoredNode = { level: 0, index: this.leaves - 1, hash: leafHash };
    for (let top = this.nodes.at(-1); top && top.level === node.level; top = this.nodes.at(-1)) {
      this.nodes.pop();
      node = { level: node.level + 1, index: top.index / 2, hash: hashChildren(top.hash, node.hash) };
      completed.push(node);
    }
    this.nodes.push(node);
    return completed;
  }

  root(): Hash {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let acc = this.nodes[this.nodes.length - 1]!.hash;
    for (let i = this.nodes.length - 2; i >= 0; i--) acc = hashChildren(this.nodes[i]!.hash, acc);
    return acc;
  }
}
