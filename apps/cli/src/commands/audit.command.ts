import type { Command } from 'commander';
import { runVerify, VERIFY_DEFAULTS } from '@factledger/audit';
import { openReadModelReplay } from '@factledger/projections';
import { ApiUnreachable, attempt, cliClient, describeProblem } from '../api-client';
import { act, EXIT, wholeNumber, withApiOption, type CliContext } from '../cli-io';
import { progressBar, type Progress } from '../progress';

interface VerifyFlags {
  api: string;
  stateFile: string;
  publicKey?: string;
  spotChecks: number;
  pageSize: number;
  fresh?: boolean;
  replay?: boolean;
  scratchDb?: string;
  json?: boolean;
}

/** verify (the independent auditor) and projections status: the commands that read through the API. */
export function registerAuditCommands(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  withApiOption(
    program
      .command('verify')
      .description(
        'check, through the API only, that the ledger holds exactly the events it signed: checkpoint signature, consistency with the last run, ' +
          'the Merkle root rebuilt from every event, sampled inclusion proofs; PASS, or FAIL naming the first failing leaf and event',
      )
      .option('--state-file <path>', 'pinned key and last verified checkpoint', VERIFY_DEFAULTS.stateFile)
      .option('--public-key <file>', 'pin this Ed25519 public key (PEM) instead of trusting the first one seen')
      .option('--spot-checks <n>', 'inclusion proofs to check', wholeNumber(0, 100_000), VERIFY_DEFAULTS.spotChecks)
      .option('--page-size <n>', 'events per request', wholeNumber(1, 1000), VERIFY_DEFAULTS.pageSize)
      .option('--fresh', 'ask the sealer for a checkpoint covering the log as it is now (auditor role)')
      .option('--replay', 'also replay the verified events into scratch read models and compare them with the live ones (implies --fresh)')
      .option('--scratch-db <url>', 'PostgreSQL to replay in (default DATABASE_URL); only fl_replay_* schemas, dropped afterwards')
      .option('--json', 'one JSON object on stdout: {result: pass|fail|error, code?, message, checkpoint?, ...}'),
  ).action(
    act(ctx, async (o: VerifyFlags) => {
      const bars: Progress[] = [];
      try {
        return await runVerify(
          {
            api: o.api,
            stateFile: o.stateFile,
            publicKey: o.publicKey,
            spotChecks: o.spotChecks,
            pageSize: o.pageSize,
            fresh: Boolean(o.fresh),
            replay: Boolean(o.replay),
            scratchDb: o.scratchDb ?? null,
            json: Boolean(o.json),
          },
          {
            stdout: io.stdout,
            stderr: io.stderr,
            cwd: io.cwd,
            apiKey: io.env.FACTLEDGER_API_KEY,
            // The replay runs the worker's own projection code (that is what it checks); the rest of verify is independent of the server's code.
            openReplay: openReadModelReplay,
            onEvents: (read, total) => (bars[0] ??= progressBar('events hashed', io.progress)).update(read, total),
          },
        );
      } finally {
        bars[0]?.stop();
      }
    }),
  );

  const projections = program.command('projections').description('read models');
  withApiOption(
    projections
      .command('status')
      .description('every read-model version: state, checkpoint, lag in events and seconds (GET /v1/projections)')
      .option('--json', 'the API answer as JSON'),
  ).action(
    act(ctx, async (o: { api: string; json?: boolean }) => {
      let answer;
      try {
        answer = await attempt(cliClient(o.api, io.env.FACTLEDGER_API_KEY).get('/v1/projections'));
      } catch (error) {
        if (!(error instanceof ApiUnreachable)) throw error;
        io.stderr(`projections status: ${error.message}\n`);
        return EXIT.failure;
      }
      if (!answer.ok) {
        io.stderr(`projections status: ${describeProblem(answer.problem)}\n`);
        return EXIT.failure;
      }
      const rows = answer.value.data;
      if (o.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      else
        for (const r of rows) {
          const active = r.activeVersion === r.version ? ' (active)' : '';
          io.stdout(
            `${`${r.name} v${r.version}${active}`.padEnd(30)} ${r.state.padEnd(10)} position ${r.checkpoint.position.padEnd(10)} lag ${r.lagEvents} events, ${r.lagSeconds} s\n`,
          );
        }
      return EXIT.ok;
    }),
  );
}
