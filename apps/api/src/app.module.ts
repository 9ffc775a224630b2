import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule, ContractValidationInterceptor, PlatformModule, ProblemDetailsFilter, type AppConfig } from '@factledger/platform';
import { AuditApiModule } from '@factledger/audit';
import { IngestionApiModule } from '@factledger/ingestion';
import { LedgerModule } from '@factledger/ledger';
import { ReadApiModule } from '@factledger/projections';
import { HealthController } from './health/health.controller';
import { FiguresController } from './ledger/figures.controller';
import { MetricsController } from './ledger/metrics.controller';
import { ReportsController } from './ledger/reports.controller';
import { SourcesController } from './ledger/sources.controller';
import { KeysController } from './keys/keys.controller';
import { SubjectsController } from './subjects/subjects.controller';
import { TimelinePageController } from './timeline/timeline-page.controller';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { PrometheusController } from './observability/prometheus.controller';
import { QueueDashboardModule } from './admin/queue-dashboard.module';

@Module({})
export class AppModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ config, applicationName: 'factledger-api', metricsListen: 'metricsListen' }),
        AuthModule,
        CqrsModule.forRoot(),
        LedgerModule,
        AuditApiModule,
        IngestionApiModule,
        ReadApiModule,
        QueueDashboardModule,
      ],
      controllers: [
        HealthController,
        PrometheusController,
        KeysController,
        SubjectsController,
        MetricsController,
        SourcesController,
        ReportsController,
        FiguresController,
        TimelinePageController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Contract validation first: a malformed request is refused before idempotency records anything.
        { provide: APP_INTERCEPTOR, useClass: ContractValidationInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
