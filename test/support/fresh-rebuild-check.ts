import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { PrivatePostgres } from '@factledger/testing';
import { waitForPosition } from '../../libs/projections/src/engine';
import { liveAndFreshDigests } from '../../libs/projections/src/read-models/testing/fresh-rebuild-digests';

export const READ_MODELS = ['catalog', 'figures'] as const;

/**
 * The fault tests' end check: once every read model reached the log's head,
 * each equals fresh rebuilds from the log (by first fill and by bulk batches: equal digests), and the API
 * serves the live digest (`served`: GET /v1/read-models/digest's data).
 */
export async function expectReadModelsEqualFreshRebuild(
  postgres: Pick<PrivatePostgres, 'url' | 'adminUrl'>,
  served: () => Promise<{ name: string; digest: string }[]>,
): Promise<void> {
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: postgres.url, max: 3 }) }) });
  await admin.connect();
  try {
    const { rows: head } = await admin.query<{ head: string }>('SELECT max(position)::text AS head FROM events');
    await waitForPosition(db, [...READ_MODELS], head[0]!.head, 30_000);
    const digests = await served();
    const pairs = await liveAndFreshDigests(db, postgres.url);
    expect([...new Set(pairs.map((p) => p.name))].sort()).toEqual([...READ_MODELS]);
    for (const pair of pairs) {
      expect(pair.live).toEqual(pair.fresh);
      expect(digests.find((s) => s.name === pair.name)?.digest).toBe(pair.live.digest);
    }
  } finally {
    await db.destroy();
    await admin.end();
  }
}
