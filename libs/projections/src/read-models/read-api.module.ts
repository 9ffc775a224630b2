import { Inject, Module, Optional, type OnModuleInit } from '@nestjs/common';
import { CONFIG, RATE_LIMITS, type AppConfig, type RateLimits } from '@factledger/platform';
import { HttpAdapterHost } from '@nestjs/core';
import { installEstimateFastPath } from './estimate-cache/estimate-fast-path';
import { EstimateCacheMetrics } from './http/estimate-cache.metrics';
import { EstimateCacheService } from './http/estimate-cache.service';
import { FiguresReadController } from './http/figures-read.controller';
import { MetricsReadController } from './http/metrics-read.controller';
import { ProjectionsStatusController } from './http/projections-status.controller';
import { ReadModelMetrics } from './read-model-metrics';
import { readContextProvider } from './http/read-context.provider';
import { ReadModelDigestController } from './http/read-model-digest.controller';
import { ReportsReadController } from './http/reports-read.controller';
import { SourcesReadController } from './http/sources-read.controller';
import { TimelineReadController } from './http/timeline-read.controller';

/**
 * The read side's HTTP API: metrics, estimates, figures, histories, sources'
 * and reports' figures, projection status. Needs PlatformModule (KYSELY,
 * CONFIG); the app provides the problem+json filter and the validation pipe.
 * On Fastify, cached head estimates are answered before Nest's pipeline.
 */
@Module({
  controllers: [
    MetricsReadController,
    TimelineReadController,
    FiguresReadController,
    SourcesReadController,
    ReportsReadController,
    ProjectionsStatusController,
    ReadModelDigestController,
  ],
  providers: [readContextProvider, EstimateCacheService, ReadModelMetrics, EstimateCacheMetrics],
  exports: [EstimateCacheService],
})
export class ReadApiModule implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly estimates: EstimateCacheService,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(RATE_LIMITS) private readonly limits?: RateLimits,
  ) {}

  onModuleInit(): void {
    const adapter = this.host.httpAdapter;
    // Before Nest's access guard: only while anyone may read; a hit spends the reads budget the guard would.
    const limits = this.limits;
    if (this.estimates.enabled && this.config.readAccess === 'public' && adapter?.getType() === 'fastify')
      installEstimateFastPath(adapter.getInstance(), this.estimates.cache, limits && ((request) => limits.spendNow(request, 'reads')));
  }
}
