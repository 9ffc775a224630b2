import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { getReport } from '../query/catalog.query';
import type { ReadContext } from '../query/read-snapshot';
import { PagedReadQueryDto, SlugIdParams } from './dto/read-query.dto';
import { READ_CONTEXT } from './read-context.provider';
import { ReadAccess } from '@factledger/platform';

@ApiTags('reports')
@Controller('v1/reports')
export class ReportsReadController {
  constructor(@Inject(READ_CONTEXT) private readonly ctx: ReadContext) {}

  @ReadAccess('reader')
  @Get(':id')
  @ApiOperation({ summary: 'A report as held at the basis, with the figures that cite it (paged)' })
  get(@Param() { id }: SlugIdParams, @Query() query: PagedReadQueryDto) {
    return getReport(this.ctx, id, query);
  }
}
