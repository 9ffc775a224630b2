import { createSigningKey } from '@factledger/audit';
import { loadConfig, type AppConfig } from '@factledger/platform';

/**
 * `factledger signing-key`: creates the checkpoint signing key at
 * SIGNING_KEY_FILE once (mode 0600), or keeps the one there; prints its key id
 * and public key, which verifiers pin. A production worker never creates one.
 */
export async function signingKeyCommand(config: AppConfig = loadConfig()): Promise<number> {
  const { key, created } = await createSigningKey(config.signingKeyFile);
  const publicPem = key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  console.log(`${created ? 'created' : 'kept the existing'} checkpoint signing key ${config.signingKeyFile} (key id ${key.keyId})\n${publicPem.trim()}`);
  return 0;
}
