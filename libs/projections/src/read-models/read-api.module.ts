import { Module } from '@nestjs/common';
import { FiguresReadController } from './http/figures-read.controller';
import { MetricsReadController } from './http/metrics-read.controller';
import { ProjectionsStatusController } from './http/projections-status.controller';
import { readContextProvider } from './http/read-context.provider';
import { ReadModelDigestController } from './http/read-model-digest.controller';
import { ReportsReadController } from './http/reports-read.controller';
import { SourcesReadController } from './http/sources-read.controller';

/**
 * The read side's HTTP API: metrics, estimates, figures, histories, sources'
 * and reports' figures, projection status. Needs PlatformModule (KYSELY,
 * CONFIG); the app provides the problem+json filter and the validation pipe.
 */
@Module({
  controllers: [MetricsReadController, FiguresReadController, SourcesReadController, ReportsReadController, ProjectionsStatusController, ReadModelDigestController],
  providers: [readContextProvider],
})
export class ReadApiModule {}
