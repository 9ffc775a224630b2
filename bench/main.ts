import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensurePostgres, log } from '../tools/services';
import { migrateToLatest } from '../migrations/migrator';
import { allCases, selectCases } from './cases';
import { payloadBytes } from './fixtures/payload';
import { createContext } from './harness/context';
import { commitLatencyMs } from './harness/commit-probe';
import { checkpointCount, collectEnvironment, type Environment } from './harness/environment';
import { parseOptions } from './harness/options';
import { consoleTable } from './harness/render';
import { renderReport, writeReport, type RunSettings } from './harness/report';
import { pg } from './harness/root-pg';
import { runCases } from './harness/run-cases';
import { summarize, type SummaryRow } from './harness/summarize';
import { emmettInstalled, emmettVersion } from './peers/emmett';
import { admin, withDatabase } from './harness/admin-db';

const ROOT = path.resolve(__dirname, '..');
const REPORT = path.join(ROOT, 'docs', 'benchmarks.md');
/** The last run's figures (git-ignored), so `--render` can rewrite the report after bench/analysis.md changes. */
const LAST_RUN = path.join(__dirname, '.results', 'last-run.json');

interface SavedRun {
  env: Environment;
  settings: RunSettings;
  rows: SummaryRow[];
}

function render(run: SavedRun): void {
  const analysis = fs.readFileSync(path.join(__dirname, 'analysis.md'), 'utf8');
  writeReport(REPORT, renderReport(run.env, run.settings, run.rows, analysis));
  log(`wrote ${path.relative(ROOT, REPORT)}`);
}

/** `npm run bench`: scratch database, every case in interleaved rounds, table, docs/benchmarks.md. */
async function main(): Promise<void> {
  if (process.argv[2] === '--render') return render(JSON.parse(fs.readFileSync(LAST_RUN, 'utf8')) as SavedRun);
  const options = parseOptions(process.argv.slice(2));
  const postgres = await ensurePostgres();
  // The bench creates and drops databases: an administrator's connection.
  const url = withDatabase(postgres.adminUrl ?? postgres.url, options.database);
  log(`scratch database ${options.database} (dropped and recreated)`);
  await admin(url, `DROP DATABASE IF EXISTS ${options.database} WITH (FORCE)`);
  await admin(url, `CREATE DATABASE ${options.database}`);
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'factledger-bench' });
  pool.on('error', () => undefined); // idle clients killed by the final DROP DATABASE ... FORCE
  const ctx = createContext({ url, pool, scale: options.scale, log, keepLedger: options.keepDatabase, reuseLedger: options.reuseLedger });
  try {
    await migrateToLatest(ctx.db);
    const env = await collectEnvironment(pool);
    const cases = selectCases(allCases(), options.only);
    const hasEmmett = emmettInstalled();
    const checkpointsBefore = await checkpointCount(pool);
    const commitMs: number[] = [];
    const outcomes = await runCases(
      cases.filter((c) => hasEmmett || !c.needsBenchDeps),
      ctx,
      {
        rounds: options.rounds,
        budget: { seconds: options.seconds, maxOps: Number.MAX_SAFE_INTEGER },
        warmup: { seconds: options.warmupSeconds, maxOps: Number.MAX_SAFE_INTEGER },
        afterSetup: async () => void (await pool.query('CHECKPOINT')),
        beforeRound: async () => void commitMs.push(await commitLatencyMs(pool)),
        settle: options.checkpointEachRound ? async () => void (await pool.query('CHECKPOINT')) : undefined,
        log,
      },
    );
    for (const c of cases.filter((c) => !hasEmmett && c.needsBenchDeps))
      outcomes.push({ case: c, rounds: [], skipped: 'bench/node_modules not installed' });
    const rows = summarize(outcomes);
    console.log(`\n${consoleTable(rows)}\n`);
    const settings: RunSettings = {
      rounds: options.rounds,
      secondsPerRound: options.seconds,
      warmupSeconds: options.warmupSeconds,
      logEvents: options.scale.logEvents,
      payloadBytes: payloadBytes(),
      emmett: hasEmmett ? emmettVersion() : null,
      loadAverageEnd: os.loadavg()[0]!,
      commitMs,
      checkpointEachRound: options.checkpointEachRound,
      checkpoints: checkpointsBefore === null ? null : ((await checkpointCount(pool)) ?? checkpointsBefore) - checkpointsBefore,
      command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    };
    fs.mkdirSync(path.dirname(LAST_RUN), { recursive: true });
    fs.writeFileSync(LAST_RUN, JSON.stringify({ env, settings, rows } satisfies SavedRun, null, 2));
    if (options.write) render({ env, settings, rows });
    if (rows.some((r) => r.status === 'failed')) process.exitCode = 1;
  } finally {
    await ctx.close();
    await ctx.db.destroy();
    if (!options.keepDatabase) await admin(url, `DROP DATABASE IF EXISTS ${options.database} WITH (FORCE)`);
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
