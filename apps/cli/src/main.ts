import 'reflect-metadata';
import { ConfigError } from '@factledger/platform';
import { runVerifyCli } from '@factledger/audit';
import { runExtractCli } from '@factledger/extraction';
import { openReadModelReplay, runRebuildCli } from '@factledger/projections';
import { runSeedCli } from '@factledger/seeds';
import { keysCommand } from './commands/keys.command';
import { dbInitCommand } from './commands/db-init.command';
import { migrateCommand } from './commands/migrate.command';
import { signingKeyCommand } from './commands/signing-key.command';

const USAGE = `usage: factledger <command>

commands:
  db-init [--migrate]                     as DATABASE_ADMIN_URL: create the database roles and the database (idempotent);
                                          --migrate: then apply migrations as the owner
  migrate                                 apply pending database migrations (as MIGRATION_DATABASE_URL)
  signing-key                             create the checkpoint signing key at SIGNING_KEY_FILE unless it exists; print its public key
  keys create|list|revoke|bootstrap-local ...
                                          manage API keys by database access (\`keys\` alone for usage)
  seed [--if-present] [--dir DIR] [--timeout SECONDS]
                                          load the seed catalog and reports through the ingestion queue
  rebuild <read model>... | --all [--fresh] [--batch-size N]
                                          rebuild read models beside the live ones and switch readers when caught up
  extract <file> [--published YYYY-MM-DD] [--all]
                                          print the figures found in an article as JSON
  verify [--api URL] [--state-file F] [--spot-checks N] [--fresh] [--public-key PEM] [--replay [--scratch-db URL]]
                                          check signed checkpoints, the Merkle root and proofs over the API;
                                          --replay: also replay the events into scratch read models and compare
`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  'db-init': (args) => dbInitCommand(args),
  migrate: () => migrateCommand(),
  keys: (args) => keysCommand(args),
  'signing-key': () => signingKeyCommand(),
  seed: (args) => runSeedCli(args),
  rebuild: (args) => runRebuildCli(['rebuild', ...args]),
  extract: (args) => runExtractCli(['extract', ...args]),
  // The replay runs the worker's own projection code (that is what it checks); the rest of verify is independent of the server's code.
  verify: (args) => runVerifyCli(args, { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t), openReplay: openReadModelReplay }),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(name && name !== '--help' ? `unknown command "${name}"\n${USAGE}` : USAGE);
    return name === '--help' ? 0 : 2;
  }
  return command(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  },
);
