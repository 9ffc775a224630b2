import { runId, withAdmin } from './test-database';

/** Drops this run's template and any clone a crashed test file left behind. */
export default async function globalTeardown(): Promise<void> {
  const run = runId();
  await withAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`, [
      `factledger_t_${run}_%`,
      `factledger_tpl_${run}`,
    ]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}
