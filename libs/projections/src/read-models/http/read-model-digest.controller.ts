import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { liveReadModelDigests } from '../digest/live-digests';
import { liveTableRows } from '../digest/live-rows';
import type { ReadContext } from '../query/read-snapshot';
import {
  DigestResponse,
  DigestsResponse,
  ReadModelNameParams,
  ReadModelRowsQuery,
  ROWS_EXPLAIN,
  RowsResponse,
  type ReadModelRowsQueryInput,
} from './digest-schemas';
import { READ_CONTEXT } from './read-context.provider';
import { Contract, RequireRoles } from '@factledger/platform';
import { DigestErrors } from './read-errors';

/** Digests of the live read models, for `factledger verify --replay`. Each reads every row: an audit call, not a hot path. */
@ApiTags('projections')
@Controller('v1/read-models')
export class ReadModelDigestController {
  constructor(@Inject(READ_CONTEXT) private readonly ctx: ReadContext) {}

  @RequireRoles('auditor', 'admin')
  @Get('digest')
  @Contract({ responses: { 200: DigestsResponse }, errors: DigestErrors.all })
  @ApiOperation({
    summary: 'Every live read model: version, checkpoint (position, transactionId) and a digest of its rows and of each table, all from one snapshot',
  })
  async all() {
    return { data: await liveReadModelDigests(this.ctx.db) };
  }

  @RequireRoles('auditor', 'admin')
  @Get(':name/digest')
  @Contract({ params: ReadModelNameParams, responses: { 200: DigestResponse }, errors: DigestErrors.one })
  @ApiOperation({ summary: 'One live read model: version, checkpoint and the digest of its rows at that checkpoint' })
  async one(@Param('name') name: string) {
    const [digest] = await liveReadModelDigests(this.ctx.db, [name]);
    return { data: digest };
  }

  @RequireRoles('auditor', 'admin')
  @Get(':name/rows')
  @Contract({
    params: ReadModelNameParams,
    query: ReadModelRowsQuery,
    responses: { 200: RowsResponse },
    errors: DigestErrors.rows,
    explain: ROWS_EXPLAIN,
  })
  @ApiOperation({
    summary: 'A table of a live read model in digest order (row hash, primary key, row), at the position compared; for locating a digest mismatch',
  })
  async rows(@Param('name') name: string, @Query() query: ReadModelRowsQueryInput) {
    return {
      data: await liveTableRows(this.ctx.db, {
        name,
        table: query.table,
        position: query.position,
        after: query.after ?? null,
        limit: query.limit ?? 500,
      }),
    };
  }
}
