import { createSigningKey, rotateSigningKey } from '@factledger/audit';
import { createDatabase, loadConfig, type AppConfig } from '@factledger/platform';

/**
 * `factledger signing-key`: creates the checkpoint signing key at
 * SIGNING_KEY_FILE once (mode 0600), or keeps the one there; prints its key id
 * and public key, which verifiers pin. A production worker never creates one.
 */
export async function signingKeyCommand(config: AppConfig = loadConfig()): Promise<number> {
  const { key, created } = await createSigningKey(config.signingKeyFile);
  const publicPem = key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  console.log(
    `${created ? 'created' : 'kept the existing'} checkpoint signing key ${config.signingKeyFile} (key id ${key.keyId})\n${publicPem.trim()}`,
  );
  return 0;
}

/**
 * `factledger signing-key rotate [--compromised <reason>]`: a new key at
 * SIGNING_KEY_FILE, introduced by a rotation the old key signs (or, for a
 * compromised key, a revocation: the head re-signed by the new key). Runs as
 * the sealer role (SEALER_DATABASE_URL), which alone writes audit rows; a
 * running worker signs its next checkpoint with the new key. Prints what to
 * announce: verifiers follow a rotation on their own, a revocation they must
 * be told about.
 */
export async function signingKeyRotateCommand(options: { compromised?: string }, config: AppConfig, out: (text: string) => void): Promise<number> {
  const database = createDatabase(config.sealerDatabaseUrl ?? config.databaseUrl, { max: 1, applicationName: 'factledger-signing-key-rotate' });
  try {
    const result = await rotateSigningKey(
      config.signingKeyFile,
      database.db,
      options.compromised !== undefined ? { compromised: { reason: options.compromised } } : {},
    );
    const { previous, next, statement, retiredFile } = result;
    const pem = next.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim();
    const head = `tree size ${statement.treeSize}, root ${statement.rootHash}`;
    out(
      result.kind === 'rotation'
        ? `rotated the checkpoint key ${previous.keyId} → ${next.keyId} (${head}; the rotation is signed by the old key)\n` +
            `verifiers follow it on their own (GET /v1/checkpoints/keys). The new key is ${config.signingKeyFile}: back it up now.\n` +
            `The old key is kept at ${retiredFile}; it is no longer needed: destroy it once the new one is backed up.\n`
        : `revoked the checkpoint key ${previous.keyId} ("${options.compromised}") and re-signed the head (${head}) with the new key ${next.keyId}\n` +
            `ANNOUNCE to every verifier, out of band (a channel an attacker holding the old key cannot use): key ${previous.keyId} is revoked as of ${statement.issuedAt}; ` +
            `the new key is ${next.keyId}:\n${pem}\nthey run \`factledger verify --public-key <that PEM>\` once. The new key is ${config.signingKeyFile}: back it up now. ` +
            `The compromised key was moved to ${retiredFile}: destroy it.\n`,
    );
    out(`${pem}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
