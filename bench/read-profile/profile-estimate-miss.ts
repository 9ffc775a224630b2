import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import type { EngineDb } from '../../libs/projections/src/engine/projection.tables';
import { activeSchema } from '../../libs/projections/src/engine';
import { computedEstimate, metricEstimate } from '../../libs/projections/src/read-models/query/estimate.query';
import { estimateFromRows } from '../../libs/projections/src/read-models/query/estimate-fold';
import { estimateRowsAt, headSourceRowsAt } from '../../libs/projections/src/read-models/figures/estimate.repository';
import { FIGURES_PROJECTION } from '../../libs/projections/src/read-models/figures/figures.projection';
import { readAt } from '../../libs/projections/src/read-models/query/read-snapshot';
import { subjectsIn } from '../../libs/platform/src/subjects/key-ring';
import { headEstimateAt } from '../../libs/projections/src/read-models/figures/head-estimate.repository';
import { pg } from '../harness/root-pg';

/**
 * Where a head estimate's miss spends its time in the API process: the
 * computed path's statements, the kept row's and the kept candidates'
 * statements, the fold, JSON.stringify and the reveal walk, and the whole
 * metricEstimate (kept row, kept candidates or computed), each the median of N.
 *
 *   node -r ./tools/register.cjs bench/read-profile/profile-estimate-miss.ts <ledger database url> [metric] [n]
 */
async function main(): Promise<void> {
  const [url, metricKey = 'metric_0', nArg = '40'] = process.argv.slice(2);
  if (!url) throw new Error('usage: profile-estimate-miss.ts <database url> [metric] [n]');
  const n = Number(nArg);
  const db = new Kysely<EngineDb>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
  const ctx = { db, waitTimeoutMs: 5000 };
  const times = new Map<string, number[]>();
  const time = async <T>(name: string, f: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    (times.get(name) ?? times.set(name, []).get(name)!).push(performance.now() - t0);
    return r;
  };
  const schema = await activeSchema(db, FIGURES_PROJECTION);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const answer = await time('computedEstimate (4 round trips + fold)', () => computedEstimate(ctx, metricKey, {}, {}));
    await time('metricEstimate (kept row when present)', () => metricEstimate(ctx, metricKey, {}, {}));
    const today = answer.basis.validAt;
    await time('headEstimateAt (the kept row, one statement)', () =>
      headEstimateAt(db, schema, metricKey, { algorithmVersion: 2, excludeParties: false, includeUnverified: false }),
    );
    const c = { algorithmVersion: 2 as const, excludeParties: false, includeUnverified: false };
    await time('headSourceRowsAt with the row asked (one statement: the row, else the candidates)', () =>
      headSourceRowsAt(db, schema, metricKey, today, c),
    );
    const kept = await time('headSourceRowsAt (the kept candidates, one statement)', () => headSourceRowsAt(db, schema, metricKey, today));
    if (!kept) throw new Error('no kept candidates for today');
    const { result: rows } = await time('readAt + estimateRowsAt (statements only)', () =>
      readAt(ctx, [FIGURES_PROJECTION], {}, (s) => estimateRowsAt(s, metricKey)),
    );
    await time('estimateFromRows (fold, v2)', () => estimateFromRows(metricKey, rows!, 2, {}, answer.basis.validAt));
    const body = await time('JSON.stringify(answer)', () => JSON.stringify(answer));
    await time('JSON.parse(body)', () => JSON.parse(body) as unknown);
    await time('subjectsIn(answer) (reveal walk)', () => subjectsIn(answer));
    bytes = body.length;
  }
  console.log(`${metricKey}: answer ${bytes} bytes; medians (p90) of ${n}:`);
  for (const [name, list] of times) {
    const sorted = [...list].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
    console.log(`${q(0.5).padStart(8)} ms (${q(0.9)}) ${name}`);
  }
  await db.destroy();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
