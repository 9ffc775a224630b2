import { Controller, Get, Inject, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { sourceFigures } from '../query/figures.query';
import type { ReadContext } from '../query/read-snapshot';
import { SLUG_EXPLAIN, SlugIdParams, SourceFiguresQuery, type SourceFiguresQueryInput } from './read-schemas';
import { FigurePageResponse } from './read-views';
import { READ_CONTEXT } from './read-context.provider';
import { Contract, ReadAccess, RevealPersonalData } from '@factledger/platform';
import { ReadErrors } from './read-errors';

@ApiTags('sources')
@UseInterceptors(RevealPersonalData)
@Controller('v1/sources')
export class SourcesReadController {
  constructor(@Inject(READ_CONTEXT) private readonly ctx: ReadContext) {}

  @ReadAccess('reader')
  @Get(':id/figures')
  @Contract({
    params: SlugIdParams,
    query: SourceFiguresQuery,
    responses: { 200: FigurePageResponse },
    errors: ReadErrors.source,
    explain: SLUG_EXPLAIN,
  })
  @ApiOperation({ summary: "A source's figures held at the basis, each in its version valid at validAt" })
  figures(@Param('id') id: string, @Query() query: SourceFiguresQueryInput) {
    return sourceFigures(this.ctx, id, query);
  }
}
