import type { Command } from 'commander';
import { runExtract } from '@factledger/extraction';
import { REBUILDABLE_READ_MODELS, runRebuild } from '@factledger/projections';
import { runSeed, SEED_DEFAULTS } from '@factledger/seeds';
import { act, EXIT, wholeNumber, type CliContext } from '../cli-io';
import { progressBar, type Progress } from '../progress';
import { backupCommand } from './backup.command';
import { dbInitCommand } from './db-init.command';
import { eraseSubjectCommand } from './erase-subject.command';
import { restoreCommand } from './restore.command';
import { migrateCommand } from './migrate.command';
import { eventVersionsCommand, setEventVersionCommand } from './event-versions.command';
import { signingKeyCommand, signingKeyRotateCommand } from './signing-key.command';

/** db-init, migrate, signing-key, backup, restore, erase-subject, seed, rebuild, extract: the commands that work on the database or files directly. */
export function registerOperationsCommands(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  program
    .command('db-init')
    .description('as DATABASE_ADMIN_URL: create the database roles and the database (idempotent)')
    .option('--migrate', 'then apply migrations as the owner')
    .action(act(ctx, (o: { migrate?: boolean }) => dbInitCommand({ migrate: Boolean(o.migrate) }, io.config())));
  program
    .command('migrate')
    .description('apply pending database migrations (as MIGRATION_DATABASE_URL)')
    .action(act(ctx, () => migrateCommand(io.config())));
  const eventVersions = program
    .command('event-versions')
    .description(
      'as MIGRATION_DATABASE_URL: which version of each evolving event type the ledger writes (set: switch it, README Operations → Upgrading)',
    )
    .action(act(ctx, () => eventVersionsCommand(io.config(), io)));
  eventVersions
    .command('set')
    .description('write <type> as <version> from now on (the contract step: only once every process reads that version)')
    .argument('<type>', 'e.g. report.registered')
    .argument('<version>', 'e.g. 2', wholeNumber(1, 1000))
    .action(act(ctx, (type: string, version: number) => setEventVersionCommand(type, version, io.config(), io)));
  const signingKey = program
    .command('signing-key')
    .description('create the checkpoint signing key at SIGNING_KEY_FILE unless it exists; print its public key (rotate: replace it)')
    .action(act(ctx, () => signingKeyCommand(io.config())));
  signingKey
    .command('rotate')
    .description('replace the key at SIGNING_KEY_FILE: the old key signs a rotation naming the new one (as SEALER_DATABASE_URL)')
    .option(
      '--compromised <reason>',
      'the old key is compromised: revoke it and re-sign the head with the new key instead (then announce the new key)',
    )
    .action(act(ctx, (o: { compromised?: string }) => signingKeyRotateCommand(o, io.config(), io.stdout)));

  program
    .command('backup')
    .description(
      'as DATABASE_ADMIN_URL: dump the ledger database (pg_dump -Fc) with a manifest naming the latest checkpoint (small installs; see README Operations for WAL archiving)',
    )
    .requiredOption('--out <file>', 'the dump to write (the manifest goes to <file>.manifest.json)')
    .option('--pg-bin <dir>', 'where pg_dump is (default: PATH)')
    .action(act(ctx, (o: { out: string; pgBin?: string }) => backupCommand(o, io.config(), io)));
  program
    .command('restore')
    .description(
      "as DATABASE_ADMIN_URL: restore a backup as DATABASE_URL's database, refused when it ends before (or differs from) the latest checkpoint in CHECKPOINT_ARCHIVE_DIR",
    )
    .argument('<dump>', 'a file written by factledger backup')
    .option('--replace', 'drop the existing ledger database first (stop the API and worker before)')
    .option('--without-archive', 'restore although CHECKPOINT_ARCHIVE_DIR is not set (nothing published to check against)')
    .option('--pg-bin <dir>', 'where pg_restore is (default: PATH)')
    .action(
      act(ctx, (dump: string, o: { replace?: boolean; withoutArchive?: boolean; pgBin?: string }) => restoreCommand({ dump, ...o }, io.config(), io)),
    );

  program
    .command('erase-subject')
    .description("erase a subject's personal data: shred its data key and record subject.erased.v1 (as DATABASE_URL; README Operations → Erasure)")
    .argument('<subject>', 'the subject: the stream its personal data belongs to, e.g. source-<sourceId>')
    .option('--reason <text>', 'why (recorded in the event metadata; name no personal data)')
    .action(act(ctx, (subject: string, o: { reason?: string }) => eraseSubjectCommand(subject, o, io.config(), io)));

  program
    .command('seed')
    .description('load the seed catalog and reports through the ingestion queue (needs the worker)')
    .option('--if-present', 'quiet when there is nothing to do')
    .option('--dir <dir>', 'seed files', SEED_DEFAULTS.dir)
    .option('--timeout <seconds>', 'how long to wait for the worker', wholeNumber(1, 86_400), SEED_DEFAULTS.timeoutMs / 1000)
    .action(
      act(ctx, async (o: { ifPresent?: boolean; dir: string; timeout: number }) => {
        const bars: Progress[] = [];
        try {
          return await runSeed(
            { ifPresent: Boolean(o.ifPresent), dir: o.dir, timeoutMs: o.timeout * 1000 },
            {
              stdout: io.stdout,
              stderr: io.stderr,
              config: io.config(),
              onReports: (done, total) => (bars[0] ??= progressBar('seed reports', io.progress)).update(done, total),
            },
          );
        } finally {
          bars[0]?.stop();
        }
      }),
    );

  program
    .command('rebuild')
    .description('rebuild read models beside the live ones and switch readers when caught up')
    .argument('[read-models...]', `any of ${REBUILDABLE_READ_MODELS.join(', ')}`)
    .option('--all', 'every read model')
    .option('--fresh', 'start an interrupted rebuild over instead of resuming it')
    .option('--batch-size <n>', 'events per batch', wholeNumber(1, 100_000))
    .action(
      act(ctx, async (names: string[], o: { all?: boolean; fresh?: boolean; batchSize?: number }) => {
        if (Boolean(o.all) === names.length > 0) {
          io.stderr(`${o.all ? 'give read model names or --all, not both' : 'name a read model or give --all'} (factledger rebuild --help)\n`);
          return EXIT.usage;
        }
        const bars = new Map<string, Progress>();
        try {
          return await runRebuild(
            { readModels: o.all ? 'all' : names, fresh: Boolean(o.fresh), batchSize: o.batchSize },
            {
              stdout: io.stdout,
              stderr: io.stderr,
              config: io.config,
              onProgress: (p) => {
                const label = `${p.name} v${p.version}`;
                const bar = bars.get(label) ?? progressBar(label, io.progress);
                bars.set(label, bar);
                bar.update(
                  p.processed,
                  Math.max(p.total, p.processed),
                  p.phase === 'waiting' ? '[another instance is building it]' : p.phase === 'switched' ? 'switched' : 'events',
                );
              },
            },
          );
        } finally {
          for (const bar of bars.values()) bar.stop();
        }
      }),
    );

  program
    .command('extract')
    .description('print the figures found in an article as JSON')
    .argument('<file>')
    .option('--published <yyyy-mm-dd>', "the article's publication date (overrides its header)")
    .option('--all', 'every candidate: vague quantities, conversions and percentages too')
    .action(
      act(ctx, (file: string, o: { published?: string; all?: boolean }) =>
        runExtract({ file, publishedAt: o.published, all: Boolean(o.all) }, { stdout: io.stdout, stderr: io.stderr }),
      ),
    );
}
