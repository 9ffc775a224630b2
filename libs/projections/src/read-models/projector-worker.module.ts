import { Inject, Injectable, Logger, Module, Optional, type DynamicModule, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { EngineDb } from '../engine/projection.tables';
import { CONFIG, INSTANCE_ID, KYSELY, type AppConfig } from '@factledger/platform';
import { ProjectionEngine, projectionStatus, type ProjectionEngineOptions, type ProjectionStatus } from '../engine';
import { ReadModelMetrics } from './read-model-metrics';
import { isOwnGeneration, READ_MODELS, workerDefinition, type ReadModelSpec } from './read-model-lineage';

export const PROJECTOR_OPTIONS = Symbol('factledger.projector-options');

/** Engine tuning; defaults are the engine's. `readModels` is for tests. */
export type ProjectorOptions = Partial<
  Pick<ProjectionEngineOptions, 'batchSize' | 'rebuildBatchSize' | 'pollIntervalMs' | 'lockRetryMs' | 'notifications' | 'owner'>
> & {
  readModels?: readonly ReadModelSpec[];
};

/**
 * Runs every read model in the worker, one engine per read model so each can
 * move to a new generation on its own: when a rebuild (`factledger rebuild`)
 * switches readers to a newer generation of the same code, the runner of the
 * old one ends as superseded and this service starts following the new one.
 */
@Injectable()
export class ProjectorService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('projector');
  private readonly engines = new Map<string, ProjectionEngine>();
  private stopping = false;
  private readonly options: ProjectorOptions;

  constructor(
    @Inject(KYSELY) private readonly db: Kysely<EngineDb>,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(PROJECTOR_OPTIONS) options?: ProjectorOptions,
    @Optional() private readonly metrics?: ReadModelMetrics,
    @Optional() @Inject(INSTANCE_ID) private readonly instanceId?: string,
  ) {
    this.options = options ?? {};
  }

  /** Sets every read model up (ensureProjection) before the app reports started, then runs them. */
  async onModuleInit(): Promise<void> {
    for (const spec of this.options.readModels ?? READ_MODELS) await this.run(spec);
  }

  /** Graceful: batches in flight commit, locks and connections are released. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.engines.values()].map((engine) => engine.stop()));
    this.engines.clear();
  }

  status(): Promise<ProjectionStatus[]> {
    return projectionStatus(this.db);
  }

  /** Whether this process currently applies the read model (holds its lock). */
  isLeading(name: string): boolean {
    return this.engines.get(name)?.isLeading(name) ?? false;
  }

  private async run(spec: ReadModelSpec): Promise<void> {
    const definition = await workerDefinition(this.db, spec, { headEstimateBudgetMs: this.config.headEstimateBudgetMs });
    const { readModels: _readModels, ...tuning } = this.options;
    // The app's instance id as the owner: GET /v1/projections then says which worker applies each read model.
    const owner = tuning.owner ?? this.instanceId;
    const engine = new ProjectionEngine({
      db: this.db,
      connectionString: this.config.databaseUrl,
      definitions: [definition],
      logger: this.logger,
      onBatch: this.metrics?.onBatch,
      ...tuning,
      owner,
    });
    this.engines.set(spec.name, engine);
    await engine.start();
    void engine.exited(spec.name)?.then((exit) => (exit === 'superseded' ? this.follow(spec, engine, definition.version) : undefined));
  }

  private async follow(spec: ReadModelSpec, engine: ProjectionEngine, version: number): Promise<void> {
    await engine.stop();
    if (this.stopping || this.engines.get(spec.name) !== engine) return;
    const next = await workerDefinition(this.db, spec, { headEstimateBudgetMs: this.config.headEstimateBudgetMs });
    if (next.version <= version || !isOwnGeneration(spec, next.version)) {
      this.logger.warn(`read model ${spec.name}: v${version} was superseded by code this worker does not have; it leaves it to newer workers`);
      this.engines.delete(spec.name);
      return;
    }
    this.logger.log(`read model ${spec.name}: following the rebuilt generation v${next.version}`);
    await this.run(spec).catch((e: Error) => this.logger.error(`read model ${spec.name}: could not start v${next.version}: ${e.message}`, e.stack));
  }
}

/** The worker side of the read models. Needs PlatformModule (KYSELY, CONFIG). */
@Module({ providers: [ProjectorService, ReadModelMetrics], exports: [ProjectorService] })
export class ProjectorWorkerModule {
  static forRoot(options: ProjectorOptions = {}): DynamicModule {
    return { module: ProjectorWorkerModule, providers: [{ provide: PROJECTOR_OPTIONS, useValue: options }] };
  }
}
