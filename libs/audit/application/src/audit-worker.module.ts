import { Inject, Logger, Module, Optional, type DynamicModule, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AppendListener } from '@factledger/event-store';
import { CONFIG, createDatabase, INSTANCE_ID, type AppConfig } from '@factledger/platform';
import { AUDIT_WORKER_OPTIONS, DEFAULT_AUDIT_WORKER_OPTIONS, type AuditWorkerOptions } from './audit.options';
import { Sealer } from './sealer/sealer';
import { CheckpointArchive } from './archive/checkpoint-archive';
import { checkArchiveOnStart } from './archive/archive-on-start';
import { retiredKeyProblem } from './sealer/key-rotation';
import { loadOrCreateSigningKey, SigningKeyError } from './sealer/signing-key';
import { SealerMetrics } from './sealer/sealer-metrics';

/** Starts the sealer with the worker and stops it (finishing the batch in flight) on shutdown. */
class SealerLifecycle implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('audit');
  private sealer: Sealer | null = null;
  private listener: AppendListener | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(AUDIT_WORKER_OPTIONS) private readonly options?: Partial<AuditWorkerOptions>,
    @Optional() @Inject(INSTANCE_ID) private readonly instanceId?: string,
  ) {}

  async onModuleInit(): Promise<void> {
    const options = { ...DEFAULT_AUDIT_WORKER_OPTIONS, ...this.options };
    const key = await loadOrCreateSigningKey(this.config.signingKeyFile, this.logger, { production: this.config.nodeEnv === 'production' });
    const connectionString = this.config.sealerDatabaseUrl ?? this.config.databaseUrl;
    const archive = this.config.checkpointArchiveDir ? new CheckpointArchive(this.config.checkpointArchiveDir) : undefined;
    // A key that handed over (or was revoked) would sign checkpoints no verifier's chain reaches.
    const check = createDatabase(connectionString, { max: 1, applicationName: 'factledger-key-check' });
    try {
      const problem = await retiredKeyProblem(check.db, key);
      if (problem) throw new SigningKeyError(problem);
      // The restore rule: never seal on top of a log that ends before (or differs from) the last published checkpoint.
      if (archive) await checkArchiveOnStart(check.db, archive, this.logger);
    } finally {
      await check.close();
    }
    this.listener = new AppendListener(this.config.databaseUrl);
    // Not awaited: the listener reconnects on its own, and the sealer polls meanwhile.
    this.listener.start().catch((e: Error) => this.logger.warn(`append listener: ${e.message}`));
    // Its own role (SEALER_DATABASE_URL): the application role that the API shares cannot write the audit tables.
    this.sealer = new Sealer({ connectionString, key, wakeups: this.listener, logger: this.logger, archive, owner: this.instanceId, ...options });
    this.sealer.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sealer?.stop();
    await this.listener?.stop();
  }
}

/** The worker side of auditing: the sealer. Needs PlatformModule (CONFIG). */
@Module({ providers: [SealerLifecycle, SealerMetrics] })
export class AuditWorkerModule {
  static forRoot(options: Partial<AuditWorkerOptions> = {}): DynamicModule {
    return { module: AuditWorkerModule, providers: [{ provide: AUDIT_WORKER_OPTIONS, useValue: options }] };
  }
}
