import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { getMetric, listMetrics } from '../query/catalog.query';
import { metricEstimate } from '../query/estimate.query';
import { metricFigures } from '../query/figures.query';
import type { ReadContext } from '../query/read-snapshot';
import { EstimateCacheService } from './estimate-cache.service';
import { EstimateQueryDto, MetricFiguresQueryDto, MetricKeyParams, PagedReadQueryDto, ReadQueryDto } from './dto/read-query.dto';
import { READ_CONTEXT } from './read-context.provider';
import { ReadAccess } from '@factledger/platform';

@ApiTags('metrics')
@Controller('v1/metrics')
export class MetricsReadController {
  constructor(
    @Inject(READ_CONTEXT) private readonly ctx: ReadContext,
    private readonly estimates: EstimateCacheService,
  ) {}

  @ReadAccess('reader')
  @Get()
  @ApiOperation({ summary: 'Metrics in key order, as registered at the basis' })
  list(@Query() query: PagedReadQueryDto) {
    return listMetrics(this.ctx, query);
  }

  @ReadAccess('reader')
  @Get(':key')
  @ApiOperation({ summary: 'A metric as it stood at the basis' })
  get(@Param() { key }: MetricKeyParams, @Query() query: ReadQueryDto) {
    return getMetric(this.ctx, key, query);
  }

  @ReadAccess('reader')
  @Get(':key/estimate')
  @ApiOperation({
    summary:
      "Consensus estimate: each source's latest figure held at the basis and valid at validAt, normalised; median, envelope, the figures behind it; version 2 (default) leaves out unverified sources and lists what it left out (algorithms in the README)",
  })
  estimate(@Param() { key }: MetricKeyParams, @Query() { excludeParties, includeUnverified, ...query }: EstimateQueryDto) {
    const filters = { excludeParties, includeUnverified };
    // Cached hits are mostly answered earlier, by the fast path (estimate-fast-path.ts).
    return this.estimates.cache.estimate(key, query, filters, () => metricEstimate(this.ctx, key, query, filters));
  }

  @ReadAccess('reader')
  @Get(':key/figures')
  @ApiOperation({ summary: "The metric's figures held at the basis, each in its version valid at validAt" })
  figures(@Param() { key }: MetricKeyParams, @Query() query: MetricFiguresQueryDto) {
    return metricFigures(this.ctx, key, query);
  }
}
