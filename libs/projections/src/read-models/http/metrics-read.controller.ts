import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { getMetric, listMetrics } from '../query/catalog.query';
import { metricEstimate } from '../query/estimate.query';
import { metricFigures } from '../query/figures.query';
import type { ReadContext } from '../query/read-snapshot';
import { EstimateCacheService } from './estimate-cache.service';
import { READ_CONTEXT } from './read-context.provider';
import { Contract, ReadAccess } from '@factledger/platform';
import { EstimateQuery, MetricFiguresQuery, MetricKeyParams, PagedReadQuery, READ_EXPLAIN, ReadQuery, type EstimateQueryInput, type MetricFiguresQueryInput, type PagedReadQueryInput, type ReadQueryInput } from './read-schemas';
import { EstimateResponse, FigurePageResponse, MetricListResponse, MetricResponse } from './read-views';
import { ReadErrors } from './read-errors';

@ApiTags('metrics')
@Controller('v1/metrics')
export class MetricsReadController {
  constructor(
    @Inject(READ_CONTEXT) private readonly ctx: ReadContext,
    private readonly estimates: EstimateCacheService,
  ) {}

  @ReadAccess('reader')
  @Get()
  @Contract({ query: PagedReadQuery, responses: { 200: MetricListResponse }, errors: ReadErrors.list, explain: READ_EXPLAIN })
  @ApiOperation({ summary: 'Metrics in key order, as registered at the basis' })
  list(@Query() query: PagedReadQueryInput) {
    return listMetrics(this.ctx, query);
  }

  @ReadAccess('reader')
  @Get(':key')
  @Contract({ params: MetricKeyParams, query: ReadQuery, responses: { 200: MetricResponse }, errors: ReadErrors.metric, explain: READ_EXPLAIN })
  @ApiOperation({ summary: 'A metric as it stood at the basis' })
  get(@Param('key') key: string, @Query() query: ReadQueryInput) {
    return getMetric(this.ctx, key, query);
  }

  @ReadAccess('reader')
  @Get(':key/estimate')
  @Contract({ params: MetricKeyParams, query: EstimateQuery, responses: { 200: EstimateResponse }, errors: ReadErrors.metric, explain: READ_EXPLAIN })
  @ApiOperation({
    summary:
      "Consensus estimate: each source's latest figure held at the basis and valid at validAt, normalised; median, envelope, the figures behind it; version 2 (default) leaves out unverified sources and lists what it left out (algorithms in the README)",
  })
  estimate(@Param('key') key: string, @Query() { excludeParties, includeUnverified, ...query }: EstimateQueryInput) {
    const filters = { excludeParties, includeUnverified };
    // Cached hits are mostly answered earlier, by the fast path (estimate-fast-path.ts).
    return this.estimates.cache.estimate(key, query, filters, () => metricEstimate(this.ctx, key, query, filters));
  }

  @ReadAccess('reader')
  @Get(':key/figures')
  @Contract({ params: MetricKeyParams, query: MetricFiguresQuery, responses: { 200: FigurePageResponse }, errors: ReadErrors.metric, explain: READ_EXPLAIN })
  @ApiOperation({ summary: "The metric's figures held at the basis, each in its version valid at validAt" })
  figures(@Param('key') key: string, @Query() query: MetricFiguresQueryInput) {
    return metricFigures(this.ctx, key, query);
  }
}
