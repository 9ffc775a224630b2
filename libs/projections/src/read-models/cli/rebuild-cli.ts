import { createDatabase, loadConfig, type AppConfig } from '@factledger/platform';
import { isDomainError } from '@factledger/shared';
import { rebuildProjection, type ProjectionLogger } from '../../engine';
import { READ_MODELS, readModelSpec, rebuildDefinition, type ReadModelSpec } from '../read-model-lineage';
import { ProgressBar, type ProgressOutput } from './progress-bar';

export const REBUILD_USAGE = `usage: rebuild <read model>... | --all [--fresh] [--batch-size N]
  read models: ${READ_MODELS.map((s) => s.name).join(', ')}
  Builds the next version beside the live one and switches readers when it has caught up.
  --fresh   start an interrupted rebuild over instead of resuming it`;

export interface RebuildCliIo {
  stdout(text: string): void;
  stderr: ProgressOutput;
  config(): AppConfig;
  /** How long the replaced version's schema outlives the switch (tests shorten it). */
  retiredSchemaGraceMs?: number;
}

const defaultIo: RebuildCliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: { write: (text) => void process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) },
  config: () => loadConfig(),
};

interface Args {
  specs: ReadModelSpec[];
  fresh: boolean;
  batchSize?: number;
}

function parseArgs(argv: readonly string[]): Args | string {
  const [command, ...rest] = argv;
  if (command !== 'rebuild') return command ? `unknown command: ${command}` : 'missing command';
  const names: string[] = [];
  let all = false;
  let fresh = false;
  let batchSize: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--all') all = true;
    else if (arg === '--fresh') fresh = true;
    else if (arg === '--batch-size') {
      batchSize = Number(rest[++i]);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) return '--batch-size needs a whole number from 1 to 100000';
    } else if (arg.startsWith('--')) return `unknown option: ${arg}`;
    else names.push(arg);
  }
  if (all === (names.length > 0)) return all ? 'give read model names or --all, not both' : 'name a read model or give --all';
  const unknown = names.filter((n) => !READ_MODELS.some((s) => s.name === n));
  if (unknown.length > 0) return `unknown read model: ${unknown.join(', ')}`;
  return { specs: all ? [...READ_MODELS] : names.map(readModelSpec), fresh, batchSize };
}

/**
 * `rebuild <read model>... | --all`: rebuilds each read model into its next
 * version beside the live one (readers keep the live one until the switch),
 * with progress on stderr. Exit code 0, 1 when a rebuild failed (the live
 * version stays; run it again to resume), 2 on bad arguments.
 */
export async function runRebuildCli(argv: readonly string[], io: Partial<RebuildCliIo> = {}): Promise<number> {
  const { stdout, stderr, config, retiredSchemaGraceMs } = { ...defaultIo, ...io };
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    stderr.write(`${args}\n${REBUILD_USAGE}\n`);
    return 2;
  }
  const settings = config();
  const database = createDatabase(settings.databaseUrl, { max: 2, applicationName: 'factledger-rebuild' });
  const logger: ProjectionLogger = { log: () => undefined, warn: (m) => stderr.write(`${m}\n`), error: (m) => stderr.write(`${m}\n`) };
  try {
    for (const spec of args.specs) {
      const definition = await rebuildDefinition(database.db, spec);
      const bar = new ProgressBar(stderr);
      const started = Date.now();
      const result = await rebuildProjection(database.db, definition, {
        connectionString: settings.databaseUrl,
        onProgress: (p) => bar.update(p),
        fresh: args.fresh,
        batchSize: args.batchSize,
        logger,
        retiredSchemaGraceMs,
      });
      const replaced = result.replacedVersion === null ? '' : `, replacing v${result.replacedVersion}`;
      stdout(`${result.name}: v${result.version} is live${replaced} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    }
    return 0;
  } catch (error) {
    stderr.write(`\n${isDomainError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
