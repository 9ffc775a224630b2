import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { sql } from 'kysely';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signCheckpoint, verifyCheckpointSignature, type SignedCheckpoint } from '@factledger/audit-domain';
import type { EventStoreTables } from '@factledger/event-store';
import { createDatabase, type DatabaseHandle } from '@factledger/platform';
import type { AuditDb } from '../audit.tables';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { retiredKeyProblem, rotateSigningKey } from '../sealer/key-rotation';
import { Sealer } from '../sealer/sealer';
import { loadOrCreateSigningKey, readSigningKey, type SigningKey } from '../sealer/signing-key';
import { KeyHistoryView, SignedCheckpointView } from '../http/audit-schemas';
import { createAuditTestApp } from '../testing/audit-test-app';
import { seedEvents, testSigningKey } from '../testing/ledger-fixture';
import type { FetchLike } from './verify-api.client';
import { runVerify, VERIFY_DEFAULTS, type VerifyOptions } from './verify-cli';

/**
 * The key lifecycle as an operator and an auditor live it: a routine
 * rotation the verifier follows on its own, then a compromise it must be
 * told about out of band. One ledger, one worker (sealer) that keeps running
 * through both: it signs with whatever key the rotate command left in its file.
 */
describe('checkpoint key rotation and compromise, verified', () => {
  let t: TestDatabase<EventStoreTables>;
  let sealerDb: DatabaseHandle<AuditDb>;
  let app: NestFastifyApplication;
  let sealer: Sealer;
  let api: string;
  let dir: string;
  let keyFile: string;
  let first: SigningKey;
  let second: SigningKey;
  let firstCheckpoint: SignedCheckpoint;

  const verify = async (options: Partial<VerifyOptions> = {}, fetchFn?: FetchLike) => {
    let out = '';
    const code = await runVerify(
      { ...VERIFY_DEFAULTS, api, stateFile: 'state.json', ...options },
      { stdout: (s) => (out += s), stderr: (s) => (out += s), cwd: dir, fetch: fetchFn },
    );
    return { code, out };
  };
  const pem = (key: SigningKey, name: string) => {
    writeFileSync(path.join(dir, name), key.publicKey.export({ type: 'spki', format: 'pem' }));
    return name;
  };
  const get = async (url: string) => (await app.inject({ method: 'GET', url })).json();

  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
    sealerDb = createDatabase<AuditDb>(t.sealerUrl, { max: 2 });
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-rotation-'));
    keyFile = path.join(dir, 'keys', 'signing-key.pem');
    first = await loadOrCreateSigningKey(keyFile);
    app = await createAuditTestApp(t.url);
    await app.listen(0, '127.0.0.1');
    api = await app.getUrl();
    sealer = new Sealer({ connectionString: t.sealerUrl, key: first, checkpointIntervalMs: 0 });
    await seedEvents(t.db, 10);
    firstCheckpoint = (await sealer.checkpointNow())!;
  });
  afterAll(async () => {
    await sealer.stop();
    await app.close();
    await sealerDb.close();
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rotation: the old key signs a statement naming the new one, and the running sealer signs with the new key from then on', async () => {
    expect((await verify()).code).toBe(0); // pins the first key
    const result = await rotateSigningKey(keyFile, sealerDb.db);
    second = result.next;
    expect(result).toMatchObject({
      kind: 'rotation',
      previous: { keyId: first.keyId },
      statement: { keyId: first.keyId, treeSize: 10, nextKey: { keyId: second.keyId } },
    });
    expect(verifyCheckpointSignature(result.statement, first.publicKey)).toBe(true);
    expect((await readSigningKey(keyFile))!.keyId).toBe(second.keyId);
    expect((await readSigningKey(result.retiredFile))!.keyId).toBe(first.keyId);

    await seedEvents(t.db, 5, 10);
    const next = (await sealer.checkpointNow())!;
    expect(next).toMatchObject({ treeSize: 15, keyId: second.keyId });
    expect(verifyCheckpointSignature(next, second.publicKey)).toBe(true);
    // The history is served; old checkpoints keep their bytes and still verify with the old key.
    const history = await get('/v1/checkpoints/keys');
    expect(history).toMatchObject({
      currentKeyId: second.keyId,
      keys: [{ keyId: first.keyId }, { keyId: second.keyId }],
      statements: [result.statement],
    });
    expect(Value.Errors(KeyHistoryView, history).First()).toBeUndefined(); // the documented schema
    expect(await get('/v1/checkpoints/10')).toEqual(firstCheckpoint);
    expect(verifyCheckpointSignature(await get('/v1/checkpoints/10'), first.publicKey)).toBe(true);
    // A worker restarted with the old key file refuses to sign with it.
    expect(await retiredKeyProblem(sealerDb.db, first)).toBe(
      `checkpoint key ${first.keyId} (${keyFile}) was rotated to ${second.keyId}; set SIGNING_KEY_FILE to the new key`,
    );
    expect(await retiredKeyProblem(sealerDb.db, second)).toBeNull();
    // Key statements are evidence: the application cannot write them, nobody can change them.
    await expect(sql`DELETE FROM audit_key_statements`.execute(t.db)).rejects.toThrow(/permission denied/);
    await expect(sql`UPDATE audit_key_statements SET reason = 'x'`.execute(t.adminDb)).rejects.toThrow(/append-only/);
  });

  it('a verifier pinned to the old key follows the signed rotation, checks it is part of this log, and pins the new key', async () => {
    const { code, out } = await verify();
    expect(out).toContain(`ok rotation   key ${first.keyId} → ${second.keyId}: each rotation signed by its outgoing key, over this log`);
    expect(out).toContain('extends the remembered checkpoint of size 10');
    expect(out).toContain(`note: the operator rotated the checkpoint key ${first.keyId} → ${second.keyId}`);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')).publicKey.keyId).toBe(second.keyId);
    // Out-of-band pinning of the first key, with no state yet, reaches the new key the same way.
    expect((await verify({ publicKey: pem(first, 'first.pem'), stateFile: 'fresh.json' })).code).toBe(0);
  });

  it('fails on a checkpoint signed by a key no chain reaches (the server hides the rotation, or made up the key)', async () => {
    const hiding: FetchLike = async (url, init) =>
      url.endsWith('/v1/checkpoints/keys')
        ? { status: 200, ok: true, text: async () => JSON.stringify({ currentKeyId: null, keys: [], statements: [] }) }
        : fetch(url, init);
    const { code, out } = await verify({ publicKey: 'first.pem', stateFile: 'hidden.json' }, hiding);
    expect(code).toBe(1);
    expect(out).toContain(
      `FAIL [key.changed] the checkpoint key changed: pinned ${first.keyId}, the server now serves ${second.keyId} and checkpoint 15 is signed by ${second.keyId}`,
    );
    // A forged rotation (signed by the new key itself, not the pinned one) is no chain either.
    const statements = (await get('/v1/checkpoints/keys')).statements as SignedCheckpoint[];
    const forged: FetchLike = async (url, init) =>
      url.endsWith('/v1/checkpoints/keys')
        ? {
            status: 200,
            ok: true,
            text: async () =>
              JSON.stringify({ currentKeyId: null, keys: [], statements: statements.map((s) => ({ ...s, signature: firstCheckpoint.signature })) }),
          }
        : fetch(url, init);
    expect((await verify({ publicKey: 'first.pem', stateFile: 'forged.json' }, forged)).out).toContain('FAIL [key.changed]');
  });

  it("fails on a validly signed rotation over another log's tree, and on a newer tree signed by a key that already handed over", async () => {
    const real = (await get('/v1/checkpoints/latest')) as SignedCheckpoint;
    const { signature: _s, algorithm: _a, ...body } = real;
    const serve =
      (answers: Record<string, unknown>): FetchLike =>
      async (url, init) => {
        const pathname = new URL(url).pathname;
        return pathname in answers ? { status: 200, ok: true, text: async () => JSON.stringify(answers[pathname]) } : fetch(url, init);
      };
    // Whoever holds the first key signs a rotation to a key of their own over a forked tree of size 10.
    const stranger = testSigningKey();
    const forkedRotation = signCheckpoint(
      {
        ...firstCheckpoint,
        rootHash: 'f'.repeat(64),
        issuedAt: new Date().toISOString(),
        nextKey: { keyId: stranger.keyId, publicKey: stranger.publicKeyRaw.toString('base64') },
      },
      first.privateKey,
    );
    const forked = await verify(
      { publicKey: 'first.pem', stateFile: 'forked.json' },
      serve({
        '/v1/checkpoints/keys': { currentKeyId: null, keys: [], statements: [forkedRotation] },
        '/v1/checkpoints/latest': signCheckpoint({ ...body, keyId: stranger.keyId }, stranger.privateKey),
      }),
    );
    expect(forked.out).toContain(
      `FAIL [key.rotation_not_in_log] the rotation to key ${stranger.keyId} (signed at tree size 10) is not a prefix of checkpoint 15`,
    );
    // The first key, rotated away at size 10, signing the tree of size 15.
    const retired = await verify(
      { publicKey: 'first.pem', stateFile: 'retired.json' },
      serve({ '/v1/checkpoints/latest': signCheckpoint({ ...body, keyId: first.keyId }, first.privateKey) }),
    );
    expect(retired.out).toContain(
      `FAIL [key.retired] checkpoint 15 is signed by key ${first.keyId}, which handed over to ${second.keyId} at tree size 10`,
    );
  });

  it('compromise: after the operator revokes the key and re-signs the head, a verifier pinned to it fails naming the new key, and passes once given it out of band', async () => {
    const result = await rotateSigningKey(keyFile, sealerDb.db, { compromised: { reason: 'key file leaked' } });
    const third = result.next;
    expect(result.statement).toMatchObject({ keyId: third.keyId, treeSize: 15, revokedKey: { keyId: second.keyId, reason: 'key file leaked' } });
    // The head as re-signed by the new key is the latest checkpoint now.
    expect(await get('/v1/checkpoints/latest')).toEqual(result.statement);
    expect(Value.Errors(SignedCheckpointView, result.statement).First()).toBeUndefined();
    expect(Value.Errors(KeyHistoryView, await get('/v1/checkpoints/keys')).First()).toBeUndefined();
    expect((await get('/v1/audit/public-key')).keyId).toBe(third.keyId);
    expect(await retiredKeyProblem(sealerDb.db, second)).toBe(
      `checkpoint key ${second.keyId} (${keyFile}) was revoked (key file leaked); set SIGNING_KEY_FILE to its replacement`,
    );

    const pinnedToCompromised = await verify();
    expect(pinnedToCompromised.code).toBe(1);
    expect(pinnedToCompromised.out).toContain(
      `FAIL [key.revoked] the pinned key ${second.keyId} was revoked by the operator ("key file leaked"): they re-signed the log's head (size 15`,
    );
    expect(pinnedToCompromised.out).toContain(`with key ${third.keyId}`);
    // Pinned further back (the first key), the chain leads into the revoked key: same answer.
    expect((await verify({ publicKey: 'first.pem', stateFile: 'first-again.json' })).out).toContain(
      `FAIL [key.revoked] the rotated-to key ${second.keyId} was revoked`,
    );

    // The auditor takes the new key from the operator's announcement; the remembered checkpoint (signed by the old key) must still be extended.
    await seedEvents(t.db, 3, 15);
    expect((await sealer.checkpointNow())!.keyId).toBe(third.keyId);
    const repinned = await verify({ publicKey: pem(third, 'third.pem') });
    expect(repinned.out).toContain(`Ed25519 key ${third.keyId} pinned out of band, replacing ${second.keyId}`);
    expect(repinned.out).toContain('extends the remembered checkpoint of size 15');
    expect(repinned.code).toBe(0);
    expect((await verify()).code).toBe(0);
  });
});
