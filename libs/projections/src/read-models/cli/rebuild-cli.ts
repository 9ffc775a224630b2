import { createDatabase, loadConfig, type AppConfig } from '@factledger/platform';
import { isDomainError } from '@factledger/shared';
import { rebuildProjection, type ProjectionLogger, type RebuildProgress } from '../../engine';
import { READ_MODELS, readModelSpec, rebuildDefinition, type ReadModelSpec } from '../read-model-lineage';

/** Names of the read models `rebuild` knows (for the CLI's help). */
export const REBUILDABLE_READ_MODELS = READ_MODELS.map((s) => s.name);

export interface RebuildCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  config(): AppConfig;
  /** Each rebuild's progress (apps/cli draws it). */
  onProgress?: (progress: RebuildProgress) => void;
  /** How long the replaced version's schema outlives the switch (tests shorten it). */
  retiredSchemaGraceMs?: number;
}

const defaultIo: RebuildCliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  config: () => loadConfig(),
};

/** What `factledger rebuild` was asked, parsed by apps/cli. */
export interface RebuildCliOptions {
  /** Read model names, or 'all'. */
  readModels: readonly string[] | 'all';
  /** Start an interrupted rebuild over instead of resuming it. */
  fresh: boolean;
  batchSize?: number;
}

/** The read models to rebuild, or what is wrong with the options. */
function specsOf(options: RebuildCliOptions): ReadModelSpec[] | string {
  if (options.readModels === 'all') return [...READ_MODELS];
  if (options.readModels.length === 0) return 'name a read model or give --all';
  const unknown = options.readModels.filter((n) => !READ_MODELS.some((s) => s.name === n));
  if (unknown.length > 0) return `unknown read model: ${unknown.join(', ')} (known: ${REBUILDABLE_READ_MODELS.join(', ')})`;
  if (options.batchSize !== undefined && (!Number.isInteger(options.batchSize) || options.batchSize < 1 || options.batchSize > 100_000))
    return '--batch-size needs a whole number from 1 to 100000';
  return options.readModels.map(readModelSpec);
}

/**
 * `rebuild <read model>... | --all`: rebuilds each read model into its next
 * version beside the live one (readers keep the live one until the switch),
 * with progress on stderr. Exit code 0, 1 when a rebuild failed (the live
 * version stays; run it again to resume), 2 on bad arguments.
 */
export async function runRebuild(options: RebuildCliOptions, io: Partial<RebuildCliIo> = {}): Promise<number> {
  const { stdout, stderr, config, retiredSchemaGraceMs, onProgress } = { ...defaultIo, ...io };
  const specs = specsOf(options);
  if (typeof specs === 'string') {
    stderr(`${specs}\n`);
    return 2;
  }
  const settings = config();
  const database = createDatabase(settings.databaseUrl, { max: 2, applicationName: 'factledger-rebuild' });
  const logger: ProjectionLogger = { log: () => undefined, warn: (m) => stderr(`${m}\n`), error: (m) => stderr(`${m}\n`) };
  try {
    for (const spec of specs) {
      const definition = await rebuildDefinition(database.db, spec);
      const started = Date.now();
      const result = await rebuildProjection(database.db, definition, {
        connectionString: settings.databaseUrl,
        onProgress: (p) => onProgress?.(p),
        fresh: options.fresh,
        batchSize: options.batchSize,
        logger,
        retiredSchemaGraceMs,
      });
      const replaced = result.replacedVersion === null ? '' : `, replacing v${result.replacedVersion}`;
      stdout(`${result.name}: v${result.version} is live${replaced} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    }
    return 0;
  } catch (error) {
    stderr(`\n${isDomainError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
