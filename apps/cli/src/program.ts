import { Command, CommanderError } from 'commander';
import { ConfigError } from '@factledger/platform';
import { EXIT, processIo, type CliContext, type CliIo } from './cli-io';
import { registerAuditCommands } from './commands/audit.command';
import { registerExportCommand } from './commands/export.command';
import { registerKeysCommands } from './commands/keys.command';
import { registerOperationsCommands } from './commands/operations.command';
import { registerIngestCommand } from './ingest/ingest.command';

/** The `factledger` command line (commander): subcommands, each with --help. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('factledger')
    .description('factledger: an event-sourced ledger of reported figures')
    .exitOverride()
    .configureOutput({ writeOut: ctx.io.stdout, writeErr: ctx.io.stderr })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      "\nexit status: 0 ok, 1 failure (refused, verification failed, a job failed), 2 bad usage\n`factledger <command> --help` for a command's options.",
    );
  registerOperationsCommands(program, ctx);
  registerKeysCommands(program, ctx);
  registerAuditCommands(program, ctx);
  registerExportCommand(program, ctx);
  registerIngestCommand(program, ctx);
  return program;
}

/**
 * Runs one command line and answers its exit code: 0 ok, 1 failure, 2 usage
 * (commander's own errors: unknown command or option, missing argument, bad
 * value). Help asked for is 0; a missing setting (ConfigError) is 2.
 */
export async function runCli(argv: readonly string[], given: Partial<CliIo> = {}): Promise<number> {
  const io = { ...processIo(), ...given };
  let code: number = EXIT.ok;
  const program = buildProgram({ io, exit: (c) => void (code = c) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  return code;
}
