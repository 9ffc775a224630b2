import { createHash } from 'node:crypto';
import { MerkleFrontier } from './frontier';
import { EMPTY_ROOT, fromHex, hashChildren, hashLeaf, toHex, type Hash } from './hashing';
import { MemoryMerkleTree } from './memory-tree';
import { ProofError, rootFromInclusionProof, verifyConsistency, verifyInclusion } from './proof-verification';
import { consistencyProofRanges, inclusionProofRanges, subtreesOf } from './tree-math';

// Certificate Transparency's reference leaves and the roots over their first n (RFC 6962 test data).
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
  Buffer.from(h, 'hex'),
);
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const ctTree = () => new MemoryMerkleTree(CT_LEAVES.map((l) => hashLeaf(l)));
const hexes = (hs: Hash[]) => hs.map(toHex);

// The RFC 6962 §2.1 definitions, transcribed literally over arrays: the reference every fast path is checked against.
const largestPow2Below = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
const memo = new Map<string, Hash>(); // keyed by first leaf and length: the spec's leaves are all distinct
const mth = (d: Hash[]): Hash => {
  if (d.length === 0) return createHash('sha256').digest();
  if (d.length === 1) return d[0]!; // d holds leaf hashes already
  const key = `${toHex(d[0]!)}:${d.length}`;
  const cached = memo.get(key);
  if (cached) return cached;
  const k = largestPow2Below(d.length);
  const hash = hashChildren(mth(d.slice(0, k)), mth(d.slice(k)));
  memo.set(key, hash);
  return hash;
};
const path = (m: number, d: Hash[]): Hash[] => {
  if (d.length <= 1) return [];
  const k = largestPow2Below(d.length);
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
};
const subproof = (m: number, d: Hash[], b: boolean): Hash[] => {
  const n = d.length;
  if (m === n) return b ? [] : [mth(d)];
  const k = largestPow2Below(n);
  return m <= k ? [...subproof(m, d.slice(0, k), b), mth(d.slice(k))] : [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
};
/** Counts mutated proofs that were wrongly accepted (one expect at the end keeps thousands of cases fast). */
function collector() {
  const wronglyAccepted: string[] = [];
  let checked = 0;
  return {
    rejects: (fn: () => void) => {
      checked++;
      try {
        fn();
        wronglyAccepted.push(fn.toString());
      } catch (e) {
        if (!(e instanceof ProofError)) throw e;
      }
    },
    accepted: () => (checked > 1000 ? wronglyAccepted : ['too few cases checked']),
  };
}
const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => hashLeaf(`leaf ${i}`));

describe('RFC 6962 hashing', () => {
  it('hashes the empty tree to SHA-256("")', () => {
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(new MemoryMerkleTree().root())).toBe(toHex(EMPTY_ROOT));
    expect(toHex(MerkleFrontier.empty().root())).toBe(toHex(EMPTY_ROOT));
  });

  it('matches the Certificate Transparency reference roots for sizes 1..8', () => {
    const tree = ctTree();
    expect(Array.from({ length: 8 }, (_, i) => toHex(tree.root(i + 1)))).toEqual(CT_ROOTS);
  });

  it('matches the reference inclusion proofs', () => {
    const tree = ctTree();
    expect(hexes(tree.inclusionProof(0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hexes(tree.inclusionProof(5, 8))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hexes(tree.inclusionProof(2, 3))).toEqual(['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']);
    expect(hexes(tree.inclusionProof(1, 5))).toEqual([
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
    expect(tree.inclusionProof(0, 1)).toEqual([]);
  });

  it('matches the reference consistency proofs', () => {
    const tree = ctTree();
    expect(hexes(tree.consistencyProof(1, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hexes(tree.consistencyProof(6, 8))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hexes(tree.consistencyProof(2, 5))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
    expect(hexes(tree.consistencyProof(3, 8))).toEqual([
      '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
      '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(tree.consistencyProof(8, 8)).toEqual([]);
    expect(tree.consistencyProof(0, 8)).toEqual([]);
  });
});

describe('trees of every size 1..70 against the literal RFC definitions', () => {
  const MAX = 70;
  const leaves = leavesOf(MAX);
  const tree = new MemoryMerkleTree(leaves);

  it('computes every root, also incrementally through the frontier', () => {
    const frontier = MerkleFrontier.empty();
    for (let n = 1; n <= MAX; n++) {
      frontier.append(leaves[n - 1]!);
      const expected = mth(leaves.slice(0, n));
      expect(tree.root(n).equals(expected)).toBe(true);
      expect(frontier.root().equals(expected)).toBe(true);
      // A frontier restored from the stored nodes continues identically.
      const restored = MerkleFrontier.restore(
        n,
        MerkleFrontier.refsFor(n).map((ref) => tree.node(ref)),
      );
      expect(restored.root().equals(expected)).toBe(true);
    }
  });

  it('reports exactly the interior nodes each append completes', () => {
    const frontier = MerkleFrontier.empty();
    const completed: string[] = [];
    leaves.forEach((leaf) =>
      frontier.append(leaf).forEach((n) => {
        expect(toHex(n.hash)).toBe(toHex(tree.node(n)));
        completed.push(`${n.level}/${n.index}`);
      }),
    );
    // n - popcount(n) interior complete nodes exist in a tree of n leaves.
    expect(completed).toHaveLength(MAX - MAX.toString(2).replace(/0/g, '').length);
    expect(new Set(completed).size).toBe(completed.length);
  });

  it('builds and verifies every inclusion proof', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= MAX; n++) {
      const root = tree.root(n);
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        if (hexes(proof).join() !== hexes(path(m, leaves.slice(0, n))).join()) wrong.push(`PATH(${m}, ${n})`);
        verifyInclusion(m, n, leaves[m]!, proof, root);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('builds and verifies every consistency proof', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= MAX; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        if (hexes(proof).join() !== hexes(subproof(m, leaves.slice(0, n), true)).join()) wrong.push(`PROOF(${m}, ${n})`);
        verifyConsistency(m, n, tree.root(m), tree.root(n), proof);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every inclusion proof that is off by one leaf, size, element or hash', () => {
    const { rejects, accepted } = collector();
    for (let n = 1; n <= 40; n++) {
      const root = tree.root(n);
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        if (m + 1 < n) rejects(() => verifyInclusion(m + 1, n, leaves[m]!, proof, root));
        if (m > 0) rejects(() => verifyInclusion(m - 1, n, leaves[m]!, proof, root));
        rejects(() => verifyInclusion(m, n, leaves[(m + 1) % MAX]!, proof, root));
        rejects(() => verifyInclusion(m, n * 2, leaves[m]!, proof, root));
        rejects(() => verifyInclusion(m, n, leaves[m]!, [...proof, root], root));
        rejects(() => verifyInclusion(m, n, leaves[m]!, [root, ...proof], root));
        if (proof.length > 0) {
          rejects(() => verifyInclusion(m, n, leaves[m]!, proof.slice(0, -1), root));
          for (let i = 0; i < proof.length; i++)
            rejects(() =>
              verifyInclusion(
                m,
                n,
                leaves[m]!,
                proof.map((p, j) => (j === i ? EMPTY_ROOT : p)),
                root,
              ),
            );
        }
      }
    }
    expect(accepted()).toEqual([]);
  });

  it('refuses every consistency proof that is off by a size, element or root', () => {
    const { rejects, accepted } = collector();
    for (let n = 2; n <= 40; n++) {
      for (let m = 1; m < n; m++) {
        const proof = tree.consistencyProof(m, n);
        const [a, b] = [tree.root(m), tree.root(n)];
        rejects(() => verifyConsistency(m, n, b, a, proof));
        rejects(() => verifyConsistency(m, n, a, EMPTY_ROOT, proof));
        rejects(() => verifyConsistency(m, n, EMPTY_ROOT, b, proof));
        rejects(() => verifyConsistency(m, n, a, b, []));
        rejects(() => verifyConsistency(m, n, a, b, [...proof, a]));
        rejects(() => verifyConsistency(m, n, a, b, [proof[0]!, ...proof]));
        rejects(() => verifyConsistency(m, n, a, b, proof.slice(0, -1)));
        if (m + 1 < n) rejects(() => verifyConsistency(m + 1, n, a, b, proof));
        if (m > 1) rejects(() => verifyConsistency(m - 1, n, a, b, proof));
        for (let i = 0; i < proof.length; i++)
          rejects(() =>
            verifyConsistency(
              m,
              n,
              a,
              b,
              proof.map((p, j) => (j === i ? EMPTY_ROOT : p)),
            ),
          );
      }
    }
    expect(accepted()).toEqual([]);
  });

  it('handles the degenerate sizes as RFC 9162 does', () => {
    const root = tree.root(5);
    expect(() => verifyConsistency(5, 5, root, root, [])).not.toThrow();
    expect(() => verifyConsistency(5, 5, root, tree.root(4), [])).toThrow('two different roots');
    expect(() => verifyConsistency(5, 5, root, root, [root])).toThrow('must be empty');
    expect(() => verifyConsistency(0, 5, EMPTY_ROOT, root, [])).not.toThrow();
    expect(() => verifyConsistency(0, 5, EMPTY_ROOT, root, [root])).toThrow('must be empty');
    expect(() => verifyConsistency(6, 5, root, root, [])).toThrow('cannot be a prefix');
    expect(() => rootFromInclusionProof(0, 0, leaves[0]!, [])).toThrow('outside a tree of size 0');
    expect(() => rootFromInclusionProof(-1, 3, leaves[0]!, [])).toThrow('non-negative');
    expect(() => verifyInclusion(0, 1, leaves[0]!, [], leaves[0]!)).not.toThrow();
    expect(() => verifyInclusion(0, 2, leaves[0]!, [Buffer.alloc(31)], root)).toThrow('not a 32-byte hash');
  });
});

describe('tree math at ledger scale', () => {
  it('decomposes ranges into aligned complete subtrees, largest first', () => {
    expect(subtreesOf({ start: 0, end: 13 })).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(subtreesOf({ start: 8, end: 12 })).toEqual([{ level: 2, index: 2 }]);
  });

  it('keeps proof shapes logarithmic and exact beyond 32-bit sizes (no bitwise overflow)', () => {
    const size = 2 ** 40 + 12345;
    const path = inclusionProofRanges(2 ** 39 + 7, size);
    expect(path).toHaveLength(41);
    // The ranges tile the tree except the leaf itself.
    const covered = path.reduce((sum, r) => sum + (r.end - r.start), 0);
    expect(covered).toBe(size - 1);
    const consistency = consistencyProofRanges(2 ** 33 + 3, size);
    expect(consistency.length).toBeLessThanOrEqual(2 * 41);
    expect(() => inclusionProofRanges(size, size)).toThrow(RangeError);
  });

  it('parses only canonical lowercase hex hashes', () => {
    expect(() => fromHex('E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855')).toThrow();
    expect(() => fromHex('abc')).toThrow();
    expect(fromHex(toHex(EMPTY_ROOT)).equals(EMPTY_ROOT)).toBe(true);
  });
});
