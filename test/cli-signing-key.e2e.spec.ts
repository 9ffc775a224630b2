import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { keyStatements, loadOrCreateSigningKey, readSigningKey } from '@factledger/audit';
import { loadConfig } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { runCli } from '../apps/cli/src/program';

/** `factledger signing-key rotate` as the operator runs it: the key file swapped, the statement stored, what to do next printed. */
describe('factledger signing-key rotate', () => {
  let t: TestDatabase;
  let dir: string;
  let signingKeyFile: string;
  const cli = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const config = () => ({ ...loadConfig(), databaseUrl: t.url, sealerDatabaseUrl: t.sealerUrl, signingKeyFile });
    const code = await runCli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), config, env: {} });
    return { code, stdout, stderr };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-cli-key-'));
    signingKeyFile = path.join(dir, 'signing-key.pem');
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rotates: prints both key ids, the new public key, and that verifiers follow on their own', async () => {
    const old = await loadOrCreateSigningKey(signingKeyFile);
    const { code, stdout } = await cli('signing-key', 'rotate');
    const now = (await readSigningKey(signingKeyFile))!;
    expect(code).toBe(0);
    expect(stdout).toContain(`rotated the checkpoint key ${old.keyId} → ${now.keyId}`);
    expect(stdout).toContain('verifiers follow it on their own (GET /v1/checkpoints/keys)');
    expect(stdout).toContain(now.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim());
    expect(await keyStatements(t.db)).toMatchObject([{ keyId: old.keyId, nextKey: { keyId: now.keyId } }]);
  });

  it('--compromised revokes the key and prints the announcement to make out of band', async () => {
    const old = (await readSigningKey(signingKeyFile))!;
    const { code, stdout } = await cli('signing-key', 'rotate', '--compromised', 'laptop stolen');
    const now = (await readSigningKey(signingKeyFile))!;
    expect(code).toBe(0);
    expect(stdout).toContain(`revoked the checkpoint key ${old.keyId} ("laptop stolen") and re-signed the head`);
    expect(stdout).toContain(`ANNOUNCE to every verifier, out of band`);
    expect(stdout).toContain(`the new key is ${now.keyId}`);
    expect((await keyStatements(t.db)).at(-1)).toMatchObject({ keyId: now.keyId, revokedKey: { keyId: old.keyId, reason: 'laptop stolen' } });
  });
});
