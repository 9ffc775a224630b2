import { Controller, Get, Inject, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { figureHistory } from '../query/figures.query';
import type { ReadContext } from '../query/read-snapshot';
import { FIGURE_EXPLAIN, FigureIdParams, ReadQuery, type ReadQueryInput } from './read-schemas';
import { FigureHistoryResponse } from './read-views';
import { READ_CONTEXT } from './read-context.provider';
import { Contract, ReadAccess, RevealPersonalData } from '@factledger/platform';
import { ReadErrors } from './read-errors';

@ApiTags('figures')
@UseInterceptors(RevealPersonalData)
@Controller('v1/figures')
export class FiguresReadController {
  constructor(@Inject(READ_CONTEXT) private readonly ctx: ReadContext) {}

  @ReadAccess('reader')
  @Get(':id/history')
  @Contract({
    params: FigureIdParams,
    query: ReadQuery,
    responses: { 200: FigureHistoryResponse },
    errors: ReadErrors.figure,
    explain: FIGURE_EXPLAIN,
  })
  @ApiOperation({
    summary:
      'Every version of a figure, who recorded it and why, and the periods the ledger held it (recorded and valid ranges), as known at the basis',
  })
  history(@Param('id') id: string, @Query() query: ReadQueryInput) {
    return figureHistory(this.ctx, id, query);
  }
}
