import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Contract, errorCodes, requestMetaOf, RequireRoles } from '@factledger/platform';
import { notFound } from '@factledger/shared';
import { LedgerErrorCodes as L } from '@factledger/ledger-domain';
import { IngestionErrorCodes, ReviewErrorCodes as R } from '../domain';
import { IngestionJobs } from '../queue/ingestion-jobs.service';
import { CandidateReviewService, type ReviewRequest } from '../review/candidate-review.service';
import {
  CandidateDecision,
  CandidateJobParams,
  CandidateList,
  CandidateParams,
  RejectCandidateBody,
  type RejectCandidateInput,
} from './candidate.schema';

/** A decision: the candidate, then the store (a concurrent decision); accepting also reports the figure through the ledger. */
const DECIDE_ERRORS = errorCodes({
  400: [R.invalidId],
  404: [R.notFound],
  409: [R.alreadyDecided, 'stream.event_id_conflict', 'stream.concurrent_write'],
  412: ['stream.version_conflict'],
});
const ACCEPT_ERRORS = errorCodes(DECIDE_ERRORS, {
  400: [L.figureInvalidField, L.figureAmountInvalid, L.figureValidAtInvalid],
  404: [L.sourceNotFound, L.reportNotFound],
  409: [L.figureAlreadyReported],
  422: [
    IngestionErrorCodes.metricNotFound,
    L.figureAmountInvalid,
    L.figureAmountNegative,
    L.figureValidAtInvalid,
    L.figureValidAtInFuture,
    L.figureStatedAtInFuture,
    L.figureUnitMismatch,
  ],
});

type Request = { headers: Record<string, unknown>; idempotencySeed?: string };

const reviewRequest = (request: Request): ReviewRequest => ({
  meta: requestMetaOf(request),
  ...(request.idempotencySeed !== undefined ? { idempotencySeed: request.idempotencySeed } : {}),
});

/**
 * An ingestion's candidates for review (figures below the confidence
 * threshold) and the editor's decisions. Editors only, listing included:
 * candidates are what the ledger has not taken, not published figures.
 */
@ApiTags('ingestions')
@Controller('v1/ingestions/:id/candidates')
export class CandidatesController {
  constructor(
    private readonly review: CandidateReviewService,
    private readonly jobs: IngestionJobs,
  ) {}

  @RequireRoles('editor')
  @Get()
  @Contract({
    params: CandidateJobParams,
    responses: { 200: CandidateList },
    errors: { 400: [R.invalidId], 404: [IngestionErrorCodes.notFound], 503: [IngestionErrorCodes.queueUnavailable] },
  })
  @ApiOperation({
    summary: "An ingestion's candidates for review: quote, confidence, source and date basis, and each one's decision (pending, accepted, rejected)",
  })
  async list(@Param('id') jobId: string) {
    const items = await this.review.list(jobId);
    // Candidates outlive the queue's record of their job; a job with none and no record is unknown.
    if (items.length === 0 && !(await this.jobs.find(jobId))) throw notFound(IngestionErrorCodes.notFound, `No ingestion job ${jobId}`, { jobId });
    return { jobId, items, total: items.length };
  }

  @RequireRoles('editor')
  @Post(':candidateId/accept')
  @HttpCode(201)
  @Contract({ params: CandidateParams, responses: { 201: CandidateDecision }, errors: ACCEPT_ERRORS })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key and body gets the first response and writes nothing',
  })
  @ApiOperation({
    summary: 'Accept a candidate: it is reported as a figure with the editor as actor (an unknown source stays unverified); 409 once decided',
  })
  async accept(@Param('id') jobId: string, @Param('candidateId') candidateId: string, @Req() request: Request) {
    return this.review.accept(jobId, candidateId, reviewRequest(request));
  }

  @RequireRoles('editor')
  @Post(':candidateId/reject')
  @HttpCode(201)
  @Contract({ params: CandidateParams, body: RejectCandidateBody, bodyRequired: false, responses: { 201: CandidateDecision }, errors: DECIDE_ERRORS })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key and body gets the first response and writes nothing',
  })
  @ApiOperation({ summary: 'Reject a candidate, with an optional reason; recorded as an event, 409 once decided' })
  async reject(
    @Param('id') jobId: string,
    @Param('candidateId') candidateId: string,
    @Body() body: RejectCandidateInput | undefined,
    @Req() request: Request,
  ) {
    return this.review.reject(jobId, candidateId, body?.reason ?? null, reviewRequest(request));
  }
}
