import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { appendToStream } from '@factledger/event-store';
import { signingKeyFromPem, type SigningKey } from '../sealer/signing-key';
import { settleLog } from './settle';

export const testSigningKey = (): SigningKey => signingKeyFromPem(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));

/** Appends `count` figure-like events (unicode, decimals, metadata) and waits until gap-safe readers see them. */
export async function seedEvents(db: Kysely<AuditDb>, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await appendToStream(db, `figure-${i % 4}`, [
      {
        id: randomUUID(),
        type: i % 3 ? 'figure.revised.v1' : 'figure.reported.v1',
        data: { value: i * 1.5, unit: 'people', note: `révision ${i} ✓`, tags: [i, null, true] },
        metadata: { actor: 'seed', reason: `event ${i}`, requestId: `r-${i}` },
      },
    ]);
  }
  await settleLog(db);
}
