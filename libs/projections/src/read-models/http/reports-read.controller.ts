import { Controller, Get, Inject, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { getReport } from '../query/catalog.query';
import type { ReadContext } from '../query/read-snapshot';
import { PagedReadQuery, SLUG_EXPLAIN, SlugIdParams, type PagedReadQueryInput } from './read-schemas';
import { ReportResponse } from './read-views';
import { READ_CONTEXT } from './read-context.provider';
import { Contract, ReadAccess, RevealPersonalData } from '@factledger/platform';
import { ReadErrors } from './read-errors';

@ApiTags('reports')
@UseInterceptors(RevealPersonalData)
@Controller('v1/reports')
export class ReportsReadController {
  constructor(@Inject(READ_CONTEXT) private readonly ctx: ReadContext) {}

  @ReadAccess('reader')
  @Get(':id')
  @Contract({ params: SlugIdParams, query: PagedReadQuery, responses: { 200: ReportResponse }, errors: ReadErrors.report, explain: SLUG_EXPLAIN })
  @ApiOperation({ summary: 'A report as held at the basis, with the figures that cite it (paged)' })
  get(@Param('id') id: string, @Query() query: PagedReadQueryInput) {
    return getReport(this.ctx, id, query);
  }
}
