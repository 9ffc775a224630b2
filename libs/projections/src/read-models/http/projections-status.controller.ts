import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { projectionStatus } from '../../engine';
import type { ReadContext } from '../query/read-snapshot';
import { EstimateCacheService } from './estimate-cache.service';
import { READ_CONTEXT } from './read-context.provider';
import { Contract, ReadAccess } from '@factledger/platform';
import { ProjectionsStatusResponse } from './status-views';

@ApiTags('projections')
@Controller('v1/projections')
export class ProjectionsStatusController {
  constructor(
    @Inject(READ_CONTEXT) private readonly ctx: ReadContext,
    private readonly estimates: EstimateCacheService,
  ) {}

  @ReadAccess('reader')
  @Get()
  @Contract({ responses: { 200: ProjectionsStatusResponse }, errors: {} })
  @ApiOperation({
    summary:
      "Every read-model version: state (running or rebuilding while a live instance holds its lock; stopped when none does; failed; retired = superseded), checkpoint, lag in events and seconds, owner; and this API process's estimate cache counters (estimateCache: hits, misses, invalidations, partial invalidations, entries)",
  })
  async status() {
    return { data: await projectionStatus(this.ctx.db), estimateCache: this.estimates.stats() };
  }
}
