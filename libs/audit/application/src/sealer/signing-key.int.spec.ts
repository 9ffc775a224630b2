import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { keyIdOf } from '@factledger/audit-domain';
import { SigningKeyError, loadOrCreateSigningKey } from './signing-key';

describe('checkpoint signing key', () => {
  let dir: string;
  const logs: string[] = [];
  const logger = { log: (m: string) => logs.push(`log: ${m}`), warn: (m: string) => logs.push(`warn: ${m}`) };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-key-'));
    logs.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a development key on first start: directory made, file mode 0600, creation logged', async () => {
    const file = path.join(dir, 'nested', '.factledger', 'signing-key.pem');
    const key = await loadOrCreateSigningKey(file, logger);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(key.keyId).toBe(keyIdOf(key.publicKey));
    expect(logs).toEqual([expect.stringMatching(new RegExp(`^log: created a development checkpoint signing key at .*signing-key.pem \\(key id ${key.keyId}\\)`))]);
    // The next start loads the same key.
    expect((await loadOrCreateSigningKey(file, logger)).keyId).toBe(key.keyId);
  });

  it('ends up with one key when several processes start at once', async () => {
    const file = path.join(dir, 'k.pem');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSigningKey(file)));
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
  });

  it('warns when the key file is readable by others, and in production when it had to create one', async () => {
    const file = path.join(dir, 'open.pem');
    writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o644 });
    await loadOrCreateSigningKey(file, logger);
    expect(logs).toEqual([expect.stringMatching(/^warn: signing key .* is readable by group or others \(mode 644\)/)]);
    logs.length = 0;
    await loadOrCreateSigningKey(path.join(dir, 'prod.pem'), logger, { production: true });
    expect(logs).toEqual([expect.stringMatching(/^warn: created a development checkpoint signing key/)]);
  });

  it('refuses a key that is not Ed25519, or not a key', async () => {
    const rsa = path.join(dir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await expect(loadOrCreateSigningKey(rsa)).rejects.toThrow(new SigningKeyError(`${rsa} holds a rsa key; checkpoints need Ed25519`));
    const junk = path.join(dir, 'junk.pem');
    writeFileSync(junk, 'hello', { mode: 0o600 });
    await expect(loadOrCreateSigningKey(junk)).rejects.toThrow(/is not a PEM private key/);
  });
});
