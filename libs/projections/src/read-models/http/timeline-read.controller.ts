import { Controller, Get, Inject, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Contract, ReadAccess, RevealPersonalData } from '@factledger/platform';
import { metricTimeline } from '../query/timeline.query';
import type { ReadContext } from '../query/read-snapshot';
import { MetricKeyParams, READ_EXPLAIN, ReadQuery, type ReadQueryInput } from './read-schemas';
import { TimelineResponse } from './read-views';
import { READ_CONTEXT } from './read-context.provider';
import { ReadErrors } from './read-errors';

@ApiTags('metrics')
@UseInterceptors(RevealPersonalData)
@Controller('v1/metrics')
export class TimelineReadController {
  constructor(@Inject(READ_CONTEXT) private readonly ctx: ReadContext) {}

  @ReadAccess('reader')
  @Get(':key/timeline')
  @Contract({ params: MetricKeyParams, query: ReadQuery, responses: { 200: TimelineResponse }, errors: ReadErrors.metric, explain: READ_EXPLAIN })
  @ApiOperation({
    summary:
      "Every figure of the metric recorded by the basis (retracted ones too), each with every version, who recorded it and why, and its corroborations: a figure history for the whole metric in one read (the timeline page's chart)",
  })
  timeline(@Param('key') key: string, @Query() query: ReadQueryInput) {
    return metricTimeline(this.ctx, key, query);
  }
}
