import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { sourceFigures } from '../query/figures.query';
import type { ReadContext } from '../query/read-snapshot';
import { SlugIdParams, SourceFiguresQueryDto } from './dto/read-query.dto';
import { READ_CONTEXT } from './read-context.provider';
import { ReadAccess } from '@factledger/platform';

@ApiTags('sources')
@Controller('v1/sources')
export class SourcesReadController {
  constructor(@Inject(READ_CONTEXT) private readonly ctx: ReadContext) {}

  @ReadAccess('reader')
  @Get(':id/figures')
  @ApiOperation({ summary: "A source's figures held at the basis, each in its version valid at validAt" })
  figures(@Param() { id }: SlugIdParams, @Query() query: SourceFiguresQueryDto) {
    return sourceFigures(this.ctx, id, query);
  }
}
