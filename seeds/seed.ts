import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { IngestionJobs, parseIngestionPayload, type IngestionJobView, type Submission } from '@factledger/ingestion';
import { RegisterMetricCommand, RegisterSourceCommand, UpdateMetricCommand, type WriteContext } from '@factledger/ledger';
import { LedgerErrorCodes } from '@factledger/ledger-domain';
import { loadConfig, REDIS_PROBE, SYSTEM_PRINCIPALS, type AppConfig, type RedisProbe } from '@factledger/platform';
import { isDomainError } from '@factledger/shared';
import { DEFAULT_SEEDS_DIR, loadSeedFiles, type SeedFiles } from './seed-files';
import { SeedModule } from './seed.module';

export interface SeedIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Defaults to loadConfig() (the environment). */
  config?: AppConfig;
  /** Seed reports finished so far, of all submitted (for a progress bar). */
  onReports?: (done: number, total: number) => void;
}

/** What `factledger seed` was asked, parsed by apps/cli. */
export interface SeedOptions {
  /** Quiet when there is nothing to do (no seed files, or all seeded). */
  ifPresent: boolean;
  dir: string;
  /** How long to wait for the worker to finish the reports. */
  timeoutMs: number;
}

export const SEED_DEFAULTS: SeedOptions = { ifPresent: false, dir: DEFAULT_SEEDS_DIR, timeoutMs: 180_000 };

interface Outcome {
  lines: string[];
  /** Something was written or queued (else --if-present prints nothing). */
  changed: boolean;
  failed: boolean;
}

const defaultIo: SeedIo = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) };

/**
 * `factledger seed`: registers the metric and source catalogs through the
 * command bus (and updates a registered metric whose label, description,
 * aliases or patterns differ from metrics.json), then sends each seed report through the ingestion queue and
 * waits for the worker (bounded). Idempotent: registrations carry
 * deterministic ids and reports are ingestion jobs keyed by their content, so
 * a second run changes nothing. `--if-present`: quiet when there is nothing
 * to do (no seed files, or all seeded). Exit code 0, 1 (a failure), 2 (usage).
 */
export async function runSeed(args: SeedOptions, io: Partial<SeedIo> = {}): Promise<number> {
  const { stdout, stderr, config, onReports } = { ...defaultIo, ...io };
  let files: SeedFiles | null;
  try {
    files = loadSeedFiles(args.dir);
  } catch (error) {
    stderr(`seed: ${(error as Error).message}\n`);
    return 1;
  }
  if (!files) {
    if (args.ifPresent) return 0;
    stderr(`seed: no metrics.json, sources.json or reports/*.json in ${args.dir}\n`);
    return 1;
  }
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot(config ?? loadConfig()), { logger: ['error', 'warn'] });
  try {
    const outcome = await seed(app, files, args.timeoutMs, onReports);
    if (outcome.changed || !args.ifPresent || outcome.failed) (outcome.failed ? stderr : stdout)(`${outcome.lines.join('\n')}\n`);
    return outcome.failed ? 1 : 0;
  } finally {
    await app.close();
  }
}

async function seed(app: INestApplicationContext, files: SeedFiles, timeoutMs: number, onReports?: SeedIo['onReports']): Promise<Outcome> {
  const commands = app.get(CommandBus);
  const now = new Date().toISOString();
  const ctx = (idempotencySeed: string): WriteContext => ({
    metadata: { actor: SYSTEM_PRINCIPALS.seed, reason: 'factledger seed' },
    now,
    idempotencySeed,
  });
  const outcome: Outcome = { lines: [], changed: false, failed: false };

  /** `update` (when given) brings an item that is already there up to date with its seed file; it answers false when nothing differs. */
  const register = async (
    what: string,
    items: { id: string; run: () => Promise<{ changed: boolean }>; update?: () => Promise<boolean> }[],
    alreadyCode: string,
  ) => {
    let added = 0;
    let updated = 0;
    for (const item of items) {
      // Already there: registered by another hand (alreadyCode), or by an earlier seed (its deterministic ids answer "nothing appended").
      let there = false;
      try {
        if ((await item.run()).changed) added++;
        else there = true;
      } catch (error) {
        if (isDomainError(error) && error.code === alreadyCode) there = true;
        else {
          outcome.failed = true;
          outcome.lines.push(`${what} ${item.id}: ${(error as Error).message}`);
        }
      }
      if (!there || !item.update) continue;
      try {
        if (await item.update()) updated++;
      } catch (error) {
        outcome.failed = true;
        outcome.lines.push(`${what} ${item.id}: ${(error as Error).message}`);
      }
    }
    outcome.changed ||= added + updated > 0;
    const updates = items.some((item) => item.update) ? ` ${updated} updated,` : '';
    outcome.lines.push(`${what}: ${added} registered,${updates} ${items.length - added - updated} already there`);
  };
  await register(
    'metrics',
    files.metrics.map((m) => ({
      id: m.key,
      run: () => commands.execute(new RegisterMetricCommand(m, ctx(`seed:metric:${m.key}`))),
      // A metric registered by an earlier seed keeps up with metrics.json (patterns above all: the extractor's catalog) through
      // the normal update command. No idempotency seed: the decider refuses an update that changes nothing, which makes a rerun
      // a no-op, while a seeded id would replay an old update if a field ever returned to an earlier value.
      update: async () => {
        try {
          const { key, label, description, aliases, patterns, unit } = m;
          await commands.execute(
            new UpdateMetricCommand(
              { key, label, description, aliases, patterns, unit },
              { metadata: { actor: SYSTEM_PRINCIPALS.seed, reason: 'factledger seed: metrics.json changed' }, now },
            ),
          );
          return true;
        } catch (error) {
          if (isDomainError(error) && error.code === LedgerErrorCodes.metricUpdateNoChange) return false;
          throw error;
        }
      },
    })),
    LedgerErrorCodes.metricAlreadyRegistered,
  );
  await register(
    'sources',
    files.sources.map((s) => ({ id: s.sourceId, run: () => commands.execute(new RegisterSourceCommand(s, ctx(`seed:source:${s.sourceId}`))) })),
    LedgerErrorCodes.sourceAlreadyRegistered,
  );
  if (files.reports.length === 0) return outcome;

  if (!(await redisComesUp(app.get<RedisProbe>(REDIS_PROBE)))) {
    outcome.failed = true;
    outcome.lines.push(
      `reports: Redis is unavailable, so ${files.reports.length} seed reports were not queued; run "factledger seed" again once it is up`,
    );
    return outcome;
  }
  const jobs = app.get(IngestionJobs);
  const submitted: { file: string; submission: Submission }[] = [];
  for (const { file, payload } of files.reports) {
    try {
      const submission = await jobs.submit(parseIngestionPayload(payload, now.slice(0, 10)), { submittedBy: { actor: SYSTEM_PRINCIPALS.seed } });
      submitted.push({ file, submission });
    } catch (error) {
      outcome.failed = true;
      outcome.lines.push(`report ${file}: ${(error as Error).message}`);
    }
  }
  const deadline = Date.now() + timeoutMs;
  let done = 0;
  for (const { file, submission } of submitted) {
    onReports?.(done++, submitted.length);
    const fresh = submission.created || submission.retried;
    outcome.changed ||= fresh;
    const job = await finished(jobs, submission.jobId, deadline);
    if (!job) {
      outcome.failed = true;
      outcome.lines.push(
        `report ${file}: still ${submission.state} after ${Math.round(timeoutMs / 1000)} s (is the worker running?); job ${submission.jobId}`,
      );
    } else if (job.state === 'failed') {
      outcome.failed = true;
      outcome.lines.push(`report ${file}: failed: ${job.failedReason}; job ${job.jobId}`);
    } else if (!fresh) {
      outcome.lines.push(`report ${file}: already ingested`);
    } else {
      const r = job.result!;
      outcome.lines.push(
        `report ${file}: ${r.figuresReported} figures reported (${r.updates} updates), ${r.corroborations} corroborations, ${r.revisions} revisions, ${r.unchanged} unchanged, ${r.rejected.length} rejected` +
          r.rejected.map((x) => `\n  rejected #${x.index}: ${x.code}: ${x.reason}`).join(''),
      );
      if (r.rejected.length > 0) outcome.failed = true;
    }
  }
  onReports?.(done, submitted.length);
  return outcome;
}

/** The probe connects in the background; give it a moment before calling Redis down. */
async function redisComesUp(probe: RedisProbe, withinMs = 3000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!(await probe.isUp())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

async function finished(jobs: IngestionJobs, jobId: string, deadline: number): Promise<IngestionJobView | null> {
  for (;;) {
    const job = await jobs.find(jobId);
    if (job && (job.state === 'completed' || job.state === 'failed')) return job;
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 200));
  }
}
