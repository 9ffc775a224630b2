import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Contract, RateBudget, ReadAccess, REDIS_PROBE, type RedisProbe, requestMetaOf, RequireRoles } from '@factledger/platform';
import type { Static } from '@sinclair/typebox';
import { notFound } from '@factledger/shared';
import {
  CSV_HEADER,
  IngestionErrorCodes,
  parseCsvSubmission,
  parseIngestionPayload,
  ProblemList,
  isRejection,
  parseFigureLine,
  type IngestionPayload,
} from '../domain';
import { IngestionJobs, LISTABLE_STATES, queueUnavailable } from '../queue/ingestion-jobs.service';
import { statusUrlOf } from '../queue/ingestion-job-view';
import { isCsv } from './csv-body';
import { IngestionBody, IngestionCsvBody, IngestionQuery, IngestionSubmission } from './ingestion-body.schema';
import { IngestionJob, IngestionJobList, IngestionJobParams, ListIngestionsQuery } from './ingestion-job.schema';

type ListIngestionsInput = Static<typeof ListIngestionsQuery>;
type IngestionQueryInput = Static<typeof IngestionQuery>;

type Reply = { header(name: string, value: string): unknown };
type Request = { headers: Record<string, unknown> };

@ApiTags('ingestions')
@Controller('v1/ingestions')
export class IngestionsController {
  constructor(
    private readonly jobs: IngestionJobs,
    @Inject(REDIS_PROBE) private readonly redis: RedisProbe,
  ) {}

  @RequireRoles('reporter')
  @RateBudget('ingestions')
  @Post()
  @HttpCode(202)
  @ApiConsumes('application/json', 'text/csv')
  @Contract({
    query: IngestionQuery,
    body: IngestionBody,
    bodies: { 'text/csv': IngestionCsvBody },
    responses: { 202: IngestionSubmission },
    errors: {
      400: [IngestionErrorCodes.invalidPayload, IngestionErrorCodes.invalidCsv],
      422: [IngestionErrorCodes.invalidPayload],
      503: [IngestionErrorCodes.queueUnavailable],
    },
  })
  @ApiOperation({
    summary: 'Submit a structured report (JSON or CSV) or an article for ingestion; answers 202 with the job',
    description:
      `JSON: {kind:'structured', report, figures} or {kind:'article', report, text}. ` +
      `CSV (content-type text/csv): header ${CSV_HEADER} (required: metric_key, source, qualifier, valid_at, quote), ` +
      'report metadata as query parameters publisher, title, publishedAt, language, url, reportId. ' +
      'The job id derives from the content: the same content again answers the same job and appends nothing. ' +
      '503 when Redis is down.',
  })
  async submit(
    @Body() body: unknown,
    @Query() query: IngestionQueryInput,
    @Headers('content-type') contentType: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    await this.requireQueue();
    const today = new Date().toISOString().slice(0, 10);
    const { payload, lines } = isCsv(contentType)
      ? parseCsvSubmission(typeof body === 'string' ? body : '', query, today)
      : { payload: parseIngestionPayload(body, today), lines: undefined };
    assertSomeFigureValid(payload, today, lines);
    const submission = await this.jobs.submit(payload, { lines, submittedBy: requestMetaOf(request) });
    reply.header('location', statusUrlOf(submission.jobId));
    return { ...submission, statusUrl: statusUrlOf(submission.jobId) };
  }

  @ReadAccess('reader')
  @Get()
  @Contract({ query: ListIngestionsQuery, responses: { 200: IngestionJobList }, errors: { 503: [IngestionErrorCodes.queueUnavailable] } })
  @ApiOperation({ summary: 'Ingestion jobs, newest first (e.g. ?state=failed)' })
  async list(@Query() query: ListIngestionsInput) {
    await this.requireQueue();
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    const { items, total } = await this.jobs.list(query.state ? [query.state] : LISTABLE_STATES, offset, limit);
    return { items, total, offset, limit };
  }

  @ReadAccess('reader')
  @Get(':id')
  @Contract({
    params: IngestionJobParams,
    responses: { 200: IngestionJob },
    errors: { 404: [IngestionErrorCodes.notFound], 503: [IngestionErrorCodes.queueUnavailable] },
  })
  @ApiOperation({ summary: 'A job: state, progress, and its result (figures reported, corroborations, revisions, rejected lines with reasons)' })
  async get(@Param('id') id: string) {
    await this.requireQueue();
    const view = await this.jobs.find(id);
    if (!view) throw notFound(IngestionErrorCodes.notFound, `No ingestion job ${id}`, { jobId: id });
    return view;
  }

  /** At once, not after a connect timeout: the rest of the API is unaffected. */
  private async requireQueue(): Promise<void> {
    if (!(await this.redis.isUp())) throw queueUnavailable();
  }
}

/** A structured report none of whose figures could be read is refused now (422), not queued to fail later. */
function assertSomeFigureValid(payload: IngestionPayload, today: string, lines?: number[]): void {
  if (payload.kind !== 'structured') return;
  const checked = payload.figures.map((f, index) => parseFigureLine(f, lines ? { index, line: lines[index]! } : { index }, today));
  if (checked.some((c) => !isRejection(c))) return;
  const problems = new ProblemList();
  for (const c of checked) if (isRejection(c)) problems.add(c.line !== undefined ? `line ${c.line}` : `figures[${c.index}]`, c.reason, 'rule');
  problems.throwIfAny(IngestionErrorCodes.invalidPayload, 'No figure of the report is valid');
}
