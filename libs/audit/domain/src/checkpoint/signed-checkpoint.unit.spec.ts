import { generateKeyPairSync } from 'node:crypto';
import { EMPTY_ROOT, toHex } from '../merkle/hashing';
import {
  checkpointPayload,
  keyIdOf,
  publicKeyFromRaw,
  rawPublicKey,
  signCheckpoint,
  verifyCheckpointSignature,
  type CheckpointBody,
  type SignedCheckpoint,
} from './signed-checkpoint';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const keyId = keyIdOf(publicKey);
const body: CheckpointBody = {
  treeSize: 8,
  rootHash: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  lastPosition: '42',
  lastTransactionId: '1234',
  issuedAt: '2026-11-22T03:00:00.000Z',
  keyId,
};

describe('signed checkpoints (Ed25519)', () => {
  it('signs a context-prefixed canonical payload', () => {
    expect(checkpointPayload(body).toString('utf8')).toBe(
      `factledger/checkpoint/v1\n{"issuedAt":"2026-11-22T03:00:00.000Z","keyId":"${keyId}","lastPosition":"42",` +
        '"lastTransactionId":"1234","rootHash":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328","treeSize":8}',
    );
    const signed = signCheckpoint(body, privateKey);
    expect(signed).toMatchObject({ ...body, algorithm: 'Ed25519' });
    expect(verifyCheckpointSignature(signed, publicKey)).toBe(true);
  });

  it.each<[string, Partial<SignedCheckpoint>]>([
    ['treeSize', { treeSize: 9 }],
    ['rootHash', { rootHash: toHex(EMPTY_ROOT) }],
    ['lastPosition', { lastPosition: '43' }],
    ['lastTransactionId', { lastTransactionId: '1235' }],
    ['issuedAt', { issuedAt: '2026-11-22T03:00:00.001Z' }],
    ['algorithm', { algorithm: 'RSA' as 'Ed25519' }],
    ['signature (junk)', { signature: 'not base64!' }],
  ])('fails when %s is changed after signing', (_field, change) => {
    expect(verifyCheckpointSignature({ ...signCheckpoint(body, privateKey), ...change }, publicKey)).toBe(false);
  });

  it('fails with another key, and with a re-encoded (non-canonical) signature', () => {
    const other = generateKeyPairSync('ed25519');
    const signed = signCheckpoint(body, privateKey);
    expect(verifyCheckpointSignature(signed, other.publicKey)).toBe(false);
    expect(verifyCheckpointSignature(signCheckpoint(body, other.privateKey), publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...signed, signature: signed.signature.replace(/==$/, '') }, publicKey)).toBe(false);
  });

  it('refuses malformed bodies before signing', () => {
    expect(() => signCheckpoint({ ...body, lastPosition: null }, privateKey)).toThrow('lastPosition must be a decimal string');
    expect(() => signCheckpoint({ ...body, treeSize: 0 }, privateKey)).toThrow('must be null for an empty tree');
    expect(() => signCheckpoint({ ...body, rootHash: 'ABC' }, privateKey)).toThrow('rootHash');
    const empty = signCheckpoint({ ...body, treeSize: 0, rootHash: toHex(EMPTY_ROOT), lastPosition: null, lastTransactionId: null }, privateKey);
    expect(verifyCheckpointSignature(empty, publicKey)).toBe(true);
  });

  it('round-trips raw public keys and derives a stable 128-bit key id', () => {
    const raw = rawPublicKey(publicKey);
    expect(raw).toHaveLength(32);
    expect(keyIdOf(publicKeyFromRaw(raw))).toBe(keyId);
    expect(keyId).toMatch(/^[0-9a-f]{32}$/);
    expect(keyIdOf(generateKeyPairSync('ed25519').publicKey)).not.toBe(keyId);
  });

  describe('key statements (v2): rotation and revocation', () => {
    const next = generateKeyPairSync('ed25519');
    const nextKey = { keyId: keyIdOf(next.publicKey), publicKey: rawPublicKey(next.publicKey).toString('base64') };

    it('a rotation names the next key under the v2 context, signed by the outgoing key', () => {
      const rotation = signCheckpoint({ ...body, nextKey }, privateKey);
      expect(checkpointPayload(rotation).toString('utf8')).toBe(
        `factledger/checkpoint/v2\n{"issuedAt":"2026-11-22T03:00:00.000Z","keyId":"${keyId}","lastPosition":"42","lastTransactionId":"1234",` +
          `"nextKey":{"keyId":"${nextKey.keyId}","publicKey":"${nextKey.publicKey}"},"rootHash":"${body.rootHash}","treeSize":8}`,
      );
      expect(rotation.nextKey).toEqual(nextKey);
      expect(verifyCheckpointSignature(rotation, publicKey)).toBe(true);
      expect(verifyCheckpointSignature(rotation, next.publicKey)).toBe(false);
    });

    it('the statement cannot be stripped, swapped or added after signing', () => {
      const rotation = signCheckpoint({ ...body, nextKey }, privateKey);
      const { nextKey: _dropped, ...stripped } = rotation;
      expect(verifyCheckpointSignature(stripped, publicKey)).toBe(false);
      const third = generateKeyPairSync('ed25519').publicKey;
      const swapped = { ...rotation, nextKey: { keyId: keyIdOf(third), publicKey: rawPublicKey(third).toString('base64') } };
      expect(verifyCheckpointSignature(swapped, publicKey)).toBe(false);
      expect(verifyCheckpointSignature({ ...signCheckpoint(body, privateKey), nextKey }, publicKey)).toBe(false);
    });

    it('a revocation re-signs the head with the new key and names the revoked one', () => {
      const resigned = signCheckpoint({ ...body, keyId: nextKey.keyId, revokedKey: { keyId, reason: 'key file leaked' } }, next.privateKey);
      expect(checkpointPayload(resigned).toString('utf8')).toMatch(
        /^factledger\/checkpoint\/v2\n.*"revokedKey":\{"keyId":"[0-9a-f]{32}","reason":"key file leaked"\}/,
      );
      expect(verifyCheckpointSignature(resigned, next.publicKey)).toBe(true);
      expect(verifyCheckpointSignature({ ...resigned, revokedKey: { keyId, reason: 'routine' } }, next.publicKey)).toBe(false);
    });

    it('refuses ill-formed statements', () => {
      expect(() => signCheckpoint({ ...body, nextKey: { ...nextKey, keyId: keyId } }, privateKey)).toThrow(
        'nextKey.keyId must be the key id of nextKey.publicKey',
      );
      expect(() => signCheckpoint({ ...body, nextKey: { keyId, publicKey: rawPublicKey(publicKey).toString('base64') } }, privateKey)).toThrow(
        'must differ from the signing key',
      );
      expect(() => signCheckpoint({ ...body, nextKey: { ...nextKey, publicKey: 'AAAA' } }, privateKey)).toThrow('nextKey.publicKey');
      expect(() => signCheckpoint({ ...body, nextKey, revokedKey: { keyId: nextKey.keyId, reason: 'x' } }, privateKey)).toThrow(
        'cannot both be stated',
      );
      expect(() => signCheckpoint({ ...body, revokedKey: { keyId: nextKey.keyId, reason: 'two\nlines' } }, privateKey)).toThrow('revokedKey.reason');
    });
  });
});
