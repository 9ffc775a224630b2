import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditWorkerModule } from '@factledger/audit';
import { IngestionWorkerModule } from '@factledger/ingestion';
import { PlatformModule, type AppConfig } from '@factledger/platform';
import { ProjectorWorkerModule } from '@factledger/projections';
import { WorkerHeartbeat } from './worker-heartbeat';

/** Background work: projections, sealing and ingestion (each in its own module), and the liveness heartbeat. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot({ config, applicationName: 'factledger-worker', metricsListen: 'workerMetricsListen', connections: 'worker' }),
        CqrsModule.forRoot(),
        ProjectorWorkerModule.forRoot(),
        AuditWorkerModule,
        IngestionWorkerModule,
      ],
      providers: [WorkerHeartbeat],
    };
  }
}
