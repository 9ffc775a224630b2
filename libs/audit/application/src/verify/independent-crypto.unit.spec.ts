import { createHash, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import {
  CanonicalJsonError,
  LeafFormatError,
  MemoryMerkleTree,
  ProofError,
  canonicalize,
  checkpointPayload,
  eventLeafHash,
  hashLeaf,
  keyIdOf,
  leafContent,
  rawPublicKey,
  signCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type LoggedEvent,
} from '@factledger/audit-domain';
import {
  checkpointSignatureValid,
  checkpointSignedBytes,
  ed25519FromRaw,
  ed25519KeyId,
  ed25519Raw,
  type WireCheckpoint,
} from './checkpoint-signature';
import { JcsError, jcs, jcsNumber } from './jcs';
import { LeafFormatProblem, leafData, leafHashOfEvent } from './leaf-format';
import {
  EMPTY_TREE_ROOT,
  LeafLog,
  ProofFailure,
  checkConsistency,
  checkInclusion,
  hex,
  largestPowerOfTwoBelow,
  leafHash,
  nodeHash,
  rootFromAuditPath,
} from './merkle';

// The verifier's own canonical JSON, leaf format, Merkle code and checkpoint
// check (written apart from @factledger/audit-domain, which the server uses)
// against published test vectors and, on random inputs, against the
// server's implementation: the two must agree exactly, and a disagreement is
// a bug in one of them that the verifier would report as tampering.

const runs = { numRuns: 300, seed: 20261203 };
const outcome = <T>(f: () => T): { ok: T } | { refused: true } => {
  try {
    return { ok: f() };
  } catch (e) {
    if (e instanceof JcsError || e instanceof CanonicalJsonError || e instanceof LeafFormatProblem || e instanceof LeafFormatError)
      return { refused: true };
    throw e;
  }
};

describe('RFC 8785 canonical JSON (verifier)', () => {
  it('reproduces the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`);
    expect(jcs(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji',
      '\u0080': 'Control',
      '\u00f6': 'o-umlaut',
    };
    const text = jcs(input);
    const order = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) => text.indexOf(`"${k}":`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the IEEE-754 value %s as %s (RFC 8785 appendix B)', (bits, expected) => {
    expect(jcsNumber(Buffer.from(bits, 'hex').readDoubleBE(0))).toBe(expected);
  });

  it.each([
    ['NaN', { a: NaN }, '$.a'],
    ['Infinity (what the pg driver makes of 1e400)', { data: { x: Infinity } }, '$.data.x'],
    ['undefined', { a: undefined }, '$.a'],
    ['a bigint', { a: 1n }, '$.a'],
    ['a Date', { at: new Date(0) }, '$.at'],
    ['a lone high surrogate', { s: 'a\ud800b' }, '$.s'],
    ['a lone low surrogate', ['x', '\udc00'], '$[1]'],
    ['a lone surrogate in a key', { '\ud83d': 1 }, '$'],
    ['an array hole', [1, , 3], '$[1]'],
  ])('refuses %s, naming where', (_what, value, at) => {
    expect(() => jcs(value)).toThrow(JcsError);
    expect(() => jcs(value)).toThrow(new RegExp(`^${at.replace(/[$[\].]/g, '\\$&')}:`));
  });

  it('refuses a cyclic structure instead of looping', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => jcs(cyclic)).toThrow(/cyclic/);
  });

  it('escapes exactly the RFC 8785 set: each of U+0000..U+007F', () => {
    for (let c = 0; c < 0x80; c++) {
      const s = String.fromCharCode(c);
      expect(jcs(s)).toBe(canonicalize(s));
      expect(JSON.parse(jcs(s))).toBe(s);
    }
  });

  it('agrees with the server on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jcs(value)).toBe(canonicalize(value));
      }),
      runs,
    );
  });

  it('agrees with the server on random doubles, and with ECMAScript Number::toString', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(jcsNumber(x)).toBe(canonicalize(x));
        expect(jcsNumber(x)).toBe(String(x));
        expect(Object.is(Number(jcsNumber(x)), x === 0 ? 0 : x)).toBe(true);
      }),
      { ...runs, numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), (n) => expect(jcsNumber(n)).toBe(String(n))),
      runs,
    );
  });

  it('agrees with the server on arbitrary UTF-16 strings, lone surrogates included (both refuse those)', () => {
    const utf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units));
    fc.assert(
      fc.property(fc.dictionary(utf16, utf16, { maxKeys: 4 }), (value) => {
        expect(outcome(() => jcs(value))).toEqual(outcome(() => canonicalize(value)));
      }),
      { ...runs, numRuns: 2000 },
    );
  });
});

describe('leaf format v1 (verifier)', () => {
  const event: LoggedEvent = {
    position: '9007199254740993',
    streamId: 'figure-1',
    streamVersion: 2,
    id: '0b7c8f4e-2a51-4f0e-9a43-5d2f1c7e9b10',
    type: 'figure.revised.v1',
    schemaVersion: 1,
    data: { value: 12.5, unit: 'people', notes: ['ä', null] },
    metadata: { actor: 'alice', reason: 'typo' },
    recordedAt: '2026-11-22T03:04:05.678Z',
  };

  it('is the canonical JSON of exactly the covered fields, hashed as an RFC 6962 leaf', () => {
    const bytes = leafData({ ...event, transactionId: '77', leafIndex: 3, cursor: 'c' });
    expect(bytes.toString('utf8')).toBe(
      '{"data":{"notes":["ä",null],"unit":"people","value":12.5},"eventId":"0b7c8f4e-2a51-4f0e-9a43-5d2f1c7e9b10",' +
        '"metadata":{"actor":"alice","reason":"typo"},"position":"9007199254740993","recordedAt":"2026-11-22T03:04:05.678Z",' +
        '"schemaVersion":1,"streamId":"figure-1","streamVersion":2,"type":"figure.revised.v1"}',
    );
    expect(
      leafHashOfEvent({ ...event }).equals(
        createHash('sha256')
          .update(Buffer.concat([Buffer.of(0), bytes]))
          .digest(),
      ),
    ).toBe(true);
  });

  it('names the field of an event that cannot be a leaf, e.g. a number with no I-JSON form', () => {
    expect(() => leafData({ ...event, data: { x: Infinity } })).toThrow('$.data.x: Infinity has no JSON form');
    expect(() => leafData({ ...event, position: '012' })).toThrow(/position/);
    expect(() => leafData({ ...event, id: event.id.toUpperCase() })).toThrow(/id must be a lowercase uuid/);
    expect(() => leafData({ ...event, recordedAt: '2026-11-22T03:04:05Z' })).toThrow(/recordedAt/);
  });

  const uuid = fc.uuid().map((u) => u.toLowerCase());
  const iso = fc.integer({ min: 0, max: 4102444800000 }).map((ms) => new Date(ms).toISOString());
  const anEvent = fc.record({
    position: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
    streamId: fc.string({ minLength: 1, maxLength: 20 }),
    streamVersion: fc.integer({ min: 1, max: 2 ** 31 }),
    id: uuid,
    type: fc.string({ minLength: 1, maxLength: 20 }),
    schemaVersion: fc.integer({ min: -5, max: 5 }),
    data: fc.jsonValue(),
    metadata: fc.jsonValue(),
    recordedAt: iso,
  });

  it('agrees with the server on random events: same bytes, same leaf hash', () => {
    fc.assert(
      fc.property(anEvent, (e) => {
        expect(leafData(e).equals(leafContent(e))).toBe(true);
        expect(leafHashOfEvent(e).equals(eventLeafHash(e))).toBe(true);
      }),
      runs,
    );
  });

  it('refuses exactly what the server refuses on mangled events', () => {
    const mangled = fc.tuple(
      anEvent,
      fc.constantFrom('position', 'streamId', 'streamVersion', 'id', 'type', 'schemaVersion', 'recordedAt', 'data', 'metadata'),
      fc.oneof(
        fc.constant(undefined),
        fc.constant(''),
        fc.constant('0'),
        fc.constant('01'),
        fc.constant(0),
        fc.constant(-1),
        fc.constant(1.5),
        fc.constant(NaN),
        fc.constant(null),
        fc.string({ maxLength: 5 }),
      ),
    );
    fc.assert(
      fc.property(mangled, ([e, field, value]) => {
        const bad = { ...e, [field]: value } as unknown as LoggedEvent;
        expect(outcome(() => leafData(bad as unknown as Record<string, unknown>).toString('hex'))).toEqual(
          outcome(() => leafContent(bad).toString('hex')),
        );
      }),
      { ...runs, numRuns: 1000 },
    );
  });
});

describe('RFC 6962 Merkle tree (verifier)', () => {
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
  const log = (n: number) => {
    const l = new LeafLog();
    for (let i = 0; i < n; i++) l.append(leafHash(Buffer.from(`leaf ${i}`)));
    return l;
  };
  const serverTree = (n: number) => new MemoryMerkleTree(Array.from({ length: n }, (_, i) => hashLeaf(`leaf ${i}`)));

  it('matches the Certificate Transparency reference roots for sizes 0..8', () => {
    const l = new LeafLog();
    for (const leaf of CT_LEAVES) l.append(leafHash(leaf));
    expect(hex(l.root(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(EMPTY_TREE_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(CT_ROOTS.map((_, i) => hex(l.root(i + 1)))).toEqual(CT_ROOTS);
  });

  it('verifies the reference audit paths and consistency proofs of the CT test data', () => {
    const l = new LeafLog();
    for (const leaf of CT_LEAVES) l.append(leafHash(leaf));
    const root = (n: number) => Buffer.from(CT_ROOTS[n - 1]!, 'hex');
    // RFC 6962 reference proofs (certificate-transparency merkle_tree_test.cc).
    const inclusion: [number, number, string[]][] = [
      [0, 1, []],
      [
        0,
        8,
        [
          '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
        ],
      ],
      [
        5,
        8,
        [
          'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
          'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
          'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
        ],
      ],
      [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
      [
        1,
        5,
        [
          '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
        ],
      ],
    ];
    for (const [index, size, path] of inclusion) {
      expect(() =>
        checkInclusion(
          index,
          size,
          l.leaf(index),
          path.map((h) => Buffer.from(h, 'hex')),
          root(size),
        ),
      ).not.toThrow();
    }
    const consistency: [number, number, string[]][] = [
      [1, 1, []],
      [
        1,
        8,
        [
          '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
        ],
      ],
      [
        6,
        8,
        [
          '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
          'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
          'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
        ],
      ],
      [
        2,
        5,
        ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
      ],
      [
        3,
        8,
        [
          '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
          '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
          'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
          '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
        ],
      ],
    ];
    for (const [from, to, proof] of consistency) {
      expect(() =>
        checkConsistency(
          from,
          to,
          root(from),
          root(to),
          proof.map((h) => Buffer.from(h, 'hex')),
        ),
      ).not.toThrow();
    }
  });

  it('splits at the largest power of two below n', () => {
    expect([2, 3, 4, 5, 8, 9, 2 ** 40, 2 ** 40 + 1].map(largestPowerOfTwoBelow)).toEqual([1, 2, 2, 4, 4, 8, 2 ** 39, 2 ** 40]);
  });

  it('agrees with the server on every prefix root of trees up to 70 leaves', () => {
    const mine = log(70);
    const theirs = serverTree(70);
    for (let m = 0; m <= 70; m++) expect(hex(mine.root(m))).toBe(hex(theirs.root(m)));
    expect(hex(mine.root(3))).toBe(hex(nodeHash(nodeHash(mine.leaf(0), mine.leaf(1)), mine.leaf(2))));
  });

  it("accepts the server's inclusion and consistency proofs, and rejects what the server's verifier rejects", () => {
    const theirs = serverTree(130);
    const agree = (mineFn: () => void, theirsFn: () => void) => {
      const a = (f: () => void, error: new (...args: never[]) => Error) => {
        try {
          f();
          return 'accepted';
        } catch (e) {
          if (e instanceof error) return 'rejected';
          throw e;
        }
      };
      const verdict = a(mineFn, ProofFailure);
      expect(verdict).toBe(a(theirsFn, ProofError));
      return verdict;
    };
    const mutate = (proof: Buffer[], how: number, at: number): Buffer[] => {
      const p = proof.map((h) => Buffer.from(h));
      if (how === 0 && p.length > 0) p[at % p.length]![at % 32]! ^= 1;
      else if (how === 1) p.splice(at % (p.length + 1), 0, Buffer.alloc(32, at));
      else if (how === 2 && p.length > 0) p.splice(at % p.length, 1);
      else if (how === 3 && p.length > 1) p.reverse();
      return p;
    };
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 130 }), fc.nat(), fc.integer({ min: -1, max: 3 }), fc.nat(), (size, i, how, at) => {
        const index = i % size;
        const proof = mutate(theirs.inclusionProof(index, size), how, at);
        const wrongIndex = how === -1 ? (index + 1) % size : index;
        const v = agree(
          () => checkInclusion(wrongIndex, size, theirs.leaf(index), proof, theirs.root(size)),
          () => verifyInclusion(wrongIndex, size, theirs.leaf(index), proof, theirs.root(size)),
        );
        if (v === 'accepted') accepted++;
        else rejected++;
        if (how === -1 && wrongIndex === index) expect(v).toBe('accepted');
        expect(rootFromAuditPath(index, size, theirs.leaf(index), theirs.inclusionProof(index, size)).equals(theirs.root(size))).toBe(true);
      }),
      { ...runs, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 130 }), fc.integer({ min: 0, max: 130 }), fc.integer({ min: -2, max: 3 }), fc.nat(), (a, b, how, at) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const proof = mutate(theirs.consistencyProof(from, to), how, at);
        const fromRoot = how === -2 && from > 0 ? theirs.root(from - 1) : theirs.root(from);
        const v = agree(
          () => checkConsistency(from, to, fromRoot, theirs.root(to), proof),
          () => verifyConsistency(from, to, fromRoot, theirs.root(to), proof),
        );
        if (v === 'accepted') accepted++;
        else rejected++;
        if (how === -1) expect(v).toBe('accepted');
      }),
      { ...runs, numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(1000);
  });
});

describe('signed checkpoints (verifier)', () => {
  const pair = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(pair.publicKey);
  const body = {
    treeSize: 31,
    rootHash: 'a'.repeat(64),
    lastPosition: '40',
    lastTransactionId: '1234',
    issuedAt: '2026-11-22T03:46:16.370Z',
    keyId: keyIdOf(pair.publicKey),
  };

  it('reads keys and key ids like the server', () => {
    expect(ed25519KeyId(raw)).toBe(keyIdOf(pair.publicKey));
    expect(ed25519Raw(pair.publicKey).equals(raw)).toBe(true);
    expect(ed25519Raw(ed25519FromRaw(raw)).equals(raw)).toBe(true);
  });

  it("verifies the server's signature over its own independently laid-out payload", () => {
    const signed = signCheckpoint(body, pair.privateKey) as WireCheckpoint;
    expect(checkpointSignedBytes(signed).equals(checkpointPayload(body))).toBe(true);
    expect(checkpointSignedBytes(signed).toString('utf8')).toBe(
      'factledger/checkpoint/v1\n{"issuedAt":"2026-11-22T03:46:16.370Z","keyId":"' +
        body.keyId +
        '","lastPosition":"40","lastTransactionId":"1234","rootHash":"' +
        'a'.repeat(64) +
        '","treeSize":31}',
    );
    expect(checkpointSignatureValid(signed, ed25519FromRaw(raw))).toBe(true);
    expect(checkpointSignatureValid(signed, generateKeyPairSync('ed25519').publicKey)).toBe(false);
    expect(checkpointSignatureValid({ ...signed, treeSize: 32 }, pair.publicKey)).toBe(false);
    expect(checkpointSignatureValid({ ...signed, signature: `${signed.signature.slice(0, -2)}=` }, pair.publicKey)).toBe(false);
  });

  it('agrees with the server on random checkpoint bodies', () => {
    const cp = fc.record({
      treeSize: fc.integer({ min: 1, max: 2 ** 40 }),
      rootHash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')),
      lastPosition: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
      lastTransactionId: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
      issuedAt: fc.integer({ min: 0, max: 4102444800000 }).map((ms) => new Date(ms).toISOString()),
    });
    fc.assert(
      fc.property(cp, (b) => {
        const signed = signCheckpoint({ ...b, keyId: body.keyId }, pair.privateKey) as WireCheckpoint;
        expect(checkpointSignedBytes(signed).equals(checkpointPayload(signed))).toBe(true);
        expect(checkpointSignatureValid(signed, pair.publicKey)).toBe(true);
      }),
      { ...runs, numRuns: 100 },
    );
  });

  it('agrees with the server on key statements (v2): a rotation and a revocation, and refuses them stripped', () => {
    const next = generateKeyPairSync('ed25519');
    const nextKey = { keyId: keyIdOf(next.publicKey), publicKey: rawPublicKey(next.publicKey).toString('base64') };
    const rotation = signCheckpoint({ ...body, nextKey }, pair.privateKey) as WireCheckpoint;
    expect(checkpointSignedBytes(rotation).equals(checkpointPayload(rotation))).toBe(true);
    expect(checkpointSignedBytes(rotation).toString('utf8')).toMatch(/^factledger\/checkpoint\/v2\n/);
    expect(checkpointSignatureValid(rotation, pair.publicKey)).toBe(true);
    const { nextKey: _stripped, ...plain } = rotation;
    expect(checkpointSignatureValid(plain, pair.publicKey)).toBe(false);
    const revocation = signCheckpoint(
      { ...body, keyId: nextKey.keyId, revokedKey: { keyId: body.keyId, reason: 'leaked — ünïcode' } },
      next.privateKey,
    ) as WireCheckpoint;
    expect(checkpointSignedBytes(revocation).equals(checkpointPayload(revocation))).toBe(true);
    expect(checkpointSignatureValid(revocation, next.publicKey)).toBe(true);
    expect(checkpointSignatureValid({ ...revocation, revokedKey: { keyId: body.keyId, reason: 'routine' } }, next.publicKey)).toBe(false);
    // A nextKey whose id is not its key's is malformed before any signature check.
    expect(checkpointSignatureValid({ ...rotation, nextKey: { ...nextKey, keyId: body.keyId } }, pair.publicKey)).toBe(false);
  });
});
