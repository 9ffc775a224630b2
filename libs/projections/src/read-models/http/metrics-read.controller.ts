import { Controller, Get, Headers, Inject, Optional, Param, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { getMetric, listMetrics } from '../query/catalog.query';
import { metricEstimate } from '../query/estimate.query';
import { metricFigures } from '../query/figures.query';
import type { ReadContext } from '../query/read-snapshot';
import { EstimateCacheService } from './estimate-cache.service';
import { READ_CONTEXT } from './read-context.provider';
import { Contract, RATE_LIMITS, ReadAccess, STREAM_SLOTS, type RateLimits, type StreamSlots, RevealPersonalData } from '@factledger/platform';
import { wantsCsv } from './csv/csv-export';
import { estimateSourcesCsv, metricFiguresCsv, type CsvAnswer } from './csv/read-csv';
import { ESTIMATE_CSV, FIGURES_CSV } from './csv/read-csv-contract';
import {
  EstimateQuery,
  MetricFiguresQuery,
  MetricKeyParams,
  PagedReadQuery,
  READ_EXPLAIN,
  ReadQuery,
  type EstimateQueryInput,
  type MetricFiguresQueryInput,
  type PagedReadQueryInput,
  type ReadQueryInput,
} from './read-schemas';
import { EstimateResponse, FigurePageResponse, MetricListResponse, MetricResponse } from './read-views';
import { ReadErrors } from './read-errors';

type LimitedRequest = Parameters<StreamSlots['acquire']>[0];
interface CsvReply {
  header(name: string, value: string): unknown;
  raw: { once(event: 'close', listener: () => void): unknown };
}

@ApiTags('metrics')
@UseInterceptors(RevealPersonalData)
@Controller('v1/metrics')
export class MetricsReadController {
  constructor(
    @Inject(READ_CONTEXT) private readonly ctx: ReadContext,
    private readonly estimates: EstimateCacheService,
    @Optional() @Inject(RATE_LIMITS) private readonly limits?: RateLimits,
    @Optional() @Inject(STREAM_SLOTS) private readonly slots?: StreamSlots,
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
  @Contract({
    params: MetricKeyParams,
    query: EstimateQuery,
    responses: { 200: EstimateResponse },
    errors: ReadErrors.metric,
    csv: ESTIMATE_CSV,
    explain: READ_EXPLAIN,
  })
  @ApiOperation({
    summary:
      "Consensus estimate: each source's latest figure held at the basis and valid at validAt, normalised; median, envelope, the figures behind it; version 2 (default) leaves out unverified sources and lists what it left out (algorithms in the README). As CSV: the sources table",
  })
  async estimate(
    @Param('key') key: string,
    @Query() { excludeParties, includeUnverified, format, ...query }: EstimateQueryInput,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: CsvReply,
  ) {
    const filters = { excludeParties, includeUnverified };
    // Cached hits are mostly answered earlier, by the fast path (estimate-fast-path.ts).
    const { answer, body } = await this.estimates.cache.served(key, query, filters, () => metricEstimate(this.ctx, key, query, filters));
    if (wantsCsv(format, accept)) return this.send(reply, estimateSourcesCsv(key, answer));
    if (body === undefined) return answer;
    // The answer's JSON, serialised once per computation (joined misses and hits share it); Fastify sends the bytes as they are.
    reply.header('content-type', 'application/json; charset=utf-8');
    return body;
  }

  @ReadAccess('reader')
  @Get(':key/figures')
  @Contract({
    params: MetricKeyParams,
    query: MetricFiguresQuery,
    responses: { 200: FigurePageResponse },
    errors: ReadErrors.metric,
    csv: FIGURES_CSV,
    explain: READ_EXPLAIN,
  })
  @ApiOperation({
    summary: "The metric's figures held at the basis, each in its version valid at validAt. As CSV: every figure (from `cursor` on), streamed",
  })
  async figures(
    @Param('key') key: string,
    @Query() { format, ...query }: MetricFiguresQueryInput,
    @Headers('accept') accept: string | undefined,
    @Req() request: LimitedRequest,
    @Res({ passthrough: true }) reply: CsvReply,
  ) {
    if (!wantsCsv(format, accept)) return metricFigures(this.ctx, key, query);
    // A whole list streamed is an export: it spends the exports budget too and holds one of the caller's stream slots.
    await this.limits?.spend(request, 'tails');
    const release = this.slots?.acquire(request);
    try {
      const csv = await metricFiguresCsv(this.ctx, key, query);
      if (release) {
        csv.file.getStream().once('close', release);
        reply.raw.once('close', release);
      }
      return this.send(reply, csv);
    } catch (error) {
      release?.();
      throw error;
    }
  }

  private send(reply: CsvReply, csv: CsvAnswer) {
    for (const [name, value] of Object.entries(csv.headers)) reply.header(name, value);
    return csv.file;
  }
}
