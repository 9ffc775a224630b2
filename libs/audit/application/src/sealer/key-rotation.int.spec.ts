import { existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sql } from 'kysely';
import { EMPTY_ROOT, signCheckpoint, toHex, verifyCheckpointSignature } from '@factledger/audit-domain';
import { createDatabase, type DatabaseHandle } from '@factledger/platform';
import type { AuditDb } from '../audit.tables';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { insertCheckpoint, publishKey } from '../checkpoints/checkpoints.repository';
import { keyStatements } from '../checkpoints/key-history.repository';
import { testSigningKey } from '../testing/ledger-fixture';
import { rotateSigningKey } from './key-rotation';
import { currentSigningKey, loadOrCreateSigningKey, readSigningKey, signingKeyFromPem, SigningKeyError } from './signing-key';

describe('factledger signing-key rotate (rotateSigningKey)', () => {
  let t: TestDatabase;
  let sealerDb: DatabaseHandle<AuditDb>;
  let dir: string;
  beforeEach(async () => {
    t = await createTestDatabase();
    sealerDb = createDatabase<AuditDb>(t.sealerUrl, { max: 1 });
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-rotate-'));
  });
  afterEach(async () => {
    await sealerDb.close();
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('before any checkpoint, rotates over the empty tree; the new key file has mode 0600 and the old one is kept', async () => {
    const file = path.join(dir, 'signing-key.pem');
    const old = await loadOrCreateSigningKey(file);
    const { statement, next, retiredFile } = await rotateSigningKey(file, sealerDb.db, { clock: () => new Date('2026-12-06T00:00:00Z') });
    expect(statement).toMatchObject({
      treeSize: 0,
      rootHash: toHex(EMPTY_ROOT),
      lastPosition: null,
      issuedAt: '2026-12-06T00:00:00.000Z',
      keyId: old.keyId,
    });
    expect(verifyCheckpointSignature(statement, old.publicKey)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(retiredFile).mode & 0o777).toBe(0o600);
    expect((await readSigningKey(file))!.keyId).toBe(next.keyId);
    expect(existsSync(`${file}.next`)).toBe(false);
    expect(await keyStatements(t.db)).toEqual([statement]);
  });

  it('resumes a rotation interrupted before the files were swapped, storing it once', async () => {
    const file = path.join(dir, 'signing-key.pem');
    const old = await loadOrCreateSigningKey(file);
    const pending = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(`${file}.next`, pending, { mode: 0o600 });
    const first = await rotateSigningKey(file, sealerDb.db);
    expect(first.next.keyId).toBe(signingKeyFromPem(pending).keyId);
    // As if the command had died after storing the rotation: the old key back in place, the new one waiting.
    writeFileSync(`${file}.next`, pending, { mode: 0o600 });
    writeFileSync(file, old.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const again = await rotateSigningKey(file, sealerDb.db);
    expect(again.next.keyId).toBe(first.next.keyId);
    expect(await keyStatements(t.db)).toHaveLength(1);
    // A stale key file (rotated away, nothing waiting) is refused, naming the successor.
    writeFileSync(file, old.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await expect(rotateSigningKey(file, sealerDb.db)).rejects.toThrow(`was rotated to ${first.next.keyId}, not to the key in ${file}.next`);
    await expect(rotateSigningKey(path.join(dir, 'none.pem'), sealerDb.db)).rejects.toThrow(SigningKeyError);
  });

  it('refuses to vouch for a latest checkpoint whose signature does not hold', async () => {
    const file = path.join(dir, 'signing-key.pem');
    const old = await loadOrCreateSigningKey(file);
    await publishKey(sealerDb.db, old.keyId, old.publicKeyRaw);
    const empty = {
      treeSize: 0,
      rootHash: toHex(EMPTY_ROOT),
      lastPosition: null,
      lastTransactionId: null,
      issuedAt: '2026-12-06T00:00:00.000Z',
      keyId: old.keyId,
    };
    await insertCheckpoint(sealerDb.db, signCheckpoint(empty, testSigningKey().privateKey)); // names the old key, signed by another
    await expect(rotateSigningKey(file, sealerDb.db)).rejects.toThrow(`the latest checkpoint (tree size 0) does not verify with key ${old.keyId}`);
    expect(await keyStatements(t.db)).toEqual([]);
  });

  it('the database keeps a key from handing over twice (the chain never forks)', async () => {
    const file = path.join(dir, 'signing-key.pem');
    await loadOrCreateSigningKey(file);
    await rotateSigningKey(file, sealerDb.db);
    const other = testSigningKey();
    await publishKey(sealerDb.db, other.keyId, other.publicKeyRaw);
    const secondSuccessor = sql`
      INSERT INTO audit_key_statements (kind, tree_size, root_hash, issued_at, key_id, subject_key_id, signature)
      SELECT 'rotation', 0, root_hash, now(), key_id, ${other.keyId}, signature FROM audit_key_statements`;
    await expect(secondSuccessor.execute(sealerDb.db)).rejects.toThrow(/audit_key_statements_one_successor/);
  });

  it('the sealer signs with the key file as it is now: a replaced file is followed, a vanished one keeps the last key', async () => {
    const file = path.join(dir, 'followed.pem');
    const loaded = await loadOrCreateSigningKey(file);
    expect((await currentSigningKey(loaded)).keyId).toBe(loaded.keyId);
    const replacement = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(`${file}.tmp`, replacement, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    const followed = await currentSigningKey(loaded);
    expect(followed.keyId).toBe(signingKeyFromPem(replacement).keyId);
    rmSync(file);
    expect((await currentSigningKey(loaded)).keyId).toBe(followed.keyId);
  });
});
