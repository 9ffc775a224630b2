import type { Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { countHiddenEvents } from '@factledger/event-store';

/**
 * Waits until every committed event is visible to gap-safe readers. The
 * horizon is cluster-wide: any open transaction anywhere on the server (another
 * test file's, say) hides later commits until it ends.
 */
export async function settleLog(db: Kysely<AuditDb>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hidden = await countHiddenEvents(db);
    if (hidden === 0) return;
    if (Date.now() > deadline) throw new Error(`${hidden} committed events stayed invisible to gap-safe readers for ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
