import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { keyIdOf } from '@factledger/audit-domain';
import { SigningKeyError, createSigningKey, loadOrCreateSigningKey } from './signing-key';

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
    expect(logs).toEqual([
      expect.stringMatching(new RegExp(`^log: created a development checkpoint signing key at .*signing-key.pem \\(key id ${key.keyId}\\)`)),
    ]);
    // The next start loads the same key.
    expect((await loadOrCreateSigningKey(file, logger)).keyId).toBe(key.keyId);
  });

  it('ends up with one key when several processes start at once', async () => {
    const file = path.join(dir, 'k.pem');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSigningKey(file)));
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
  });

  it('warns when the key file is readable by others', async () => {
    const file = path.join(dir, 'open.pem');
    writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o644 });
    await loadOrCreateSigningKey(file, logger);
    expect(logs).toEqual([expect.stringMatching(/^warn: signing key .* is readable by group or others \(mode 644\)/)]);
  });

  it('in production refuses to start without a key, naming SIGNING_KEY_FILE, and creates nothing', async () => {
    const file = path.join(dir, 'prod.pem');
    await expect(loadOrCreateSigningKey(file, logger, { production: true })).rejects.toThrow(SigningKeyError);
    await expect(loadOrCreateSigningKey(file, logger, { production: true })).rejects.toThrow(
      /no checkpoint signing key at .*prod\.pem.*Set SIGNING_KEY_FILE/,
    );
    expect(existsSync(file)).toBe(false);
    expect(logs).toEqual([]);
    // The key made once by the init step (createSigningKey, `factledger signing-key`) is what production loads.
    const { key, created } = await createSigningKey(file);
    expect(created).toBe(true);
    expect((await createSigningKey(file)).created).toBe(false);
    expect((await loadOrCreateSigningKey(file, logger, { production: true })).keyId).toBe(key.keyId);
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
