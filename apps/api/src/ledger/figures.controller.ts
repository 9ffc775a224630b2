import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CorroborateFigureCommand,
  GetFigureQuery,
  ReportFigureCommand,
  RetractFigureCommand,
  ReviseFigureCommand,
  seededFigureId,
} from '@factledger/ledger';
import { LedgerErrorCodes } from '@factledger/ledger-domain';
import { notFound } from '@factledger/shared';
import {
  CorroborateFigureBody,
  FigureIdParams,
  FigureRead,
  FigureWriteResult,
  ReportFigureBody,
  RetractFigureBody,
  ReviseFigureBody,
  type CorroborateFigureInput,
  type ReportFigureInput,
  type RetractFigureInput,
  type ReviseFigureInput,
} from './dto/figure.schema';
import { Write, writeContext, writeResponse, type HttpWrite } from './write-http';
import { WRITE_HEADERS } from './write-headers';
import { Contract, ReadAccess, RequireRoles } from '@factledger/platform';
import { FigureErrors } from './write-errors';

type Reply = { header(name: string, value: string): unknown };

@ApiTags('figures')
@ApiHeader(WRITE_HEADERS.idempotencyKey)
@Controller('v1/figures')
export class FiguresController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @RequireRoles('reporter')
  @Post()
  @HttpCode(201)
  @Contract({ body: ReportFigureBody, responses: { 201: FigureWriteResult }, errors: FigureErrors.report })
  @ApiOperation({ summary: 'Report a figure: source S says metric M has value V as of date D, in report R' })
  async report(@Body() body: ReportFigureInput, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    // With an Idempotency-Key the id is derived from it, so a retry after a lost response finds the same figure.
    const figureId = body.figureId ?? (write.idempotencySeed ? seededFigureId(write.idempotencySeed) : randomUUID());
    const result = await this.commands.execute(new ReportFigureCommand({ ...body, figureId }, writeContext(write)));
    return writeResponse(reply, result, `/v1/figures/${figureId}`);
  }

  @RequireRoles('reporter')
  @Post(':id/revisions')
  @HttpCode(201)
  @Contract({ params: FigureIdParams, body: ReviseFigureBody, responses: { 201: FigureWriteResult }, errors: FigureErrors.revise })
  @ApiHeader(WRITE_HEADERS.ifMatch)
  @ApiOperation({ summary: 'Revise a figure: a correction (same validAt) or an update (later validAt)' })
  async revise(@Param('id') figureId: string, @Body() body: ReviseFigureInput, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    return writeResponse(reply, await this.commands.execute(new ReviseFigureCommand({ ...body, figureId }, writeContext(write, body.reason))));
  }

  @RequireRoles('reporter')
  @Post(':id/corroborations')
  @HttpCode(201)
  @Contract({ params: FigureIdParams, body: CorroborateFigureBody, responses: { 201: FigureWriteResult }, errors: FigureErrors.corroborate })
  @ApiHeader(WRITE_HEADERS.ifMatch)
  @ApiOperation({ summary: 'Corroborate: another report repeats the claim (a citation is added; a report already cited changes nothing)' })
  async corroborate(
    @Param('id') figureId: string,
    @Body() body: CorroborateFigureInput,
    @Write() write: HttpWrite,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return writeResponse(reply, await this.commands.execute(new CorroborateFigureCommand({ ...body, figureId }, writeContext(write))));
  }

  @RequireRoles('reporter')
  @Post(':id/retractions')
  @HttpCode(201)
  @Contract({ params: FigureIdParams, body: RetractFigureBody, responses: { 201: FigureWriteResult }, errors: FigureErrors.retract })
  @ApiHeader(WRITE_HEADERS.ifMatch)
  @ApiOperation({ summary: 'Retract a figure; it can no longer be revised or corroborated' })
  async retract(
    @Param('id') figureId: string,
    @Body() body: RetractFigureInput,
    @Write() write: HttpWrite,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return writeResponse(reply, await this.commands.execute(new RetractFigureCommand({ ...body, figureId }, writeContext(write, body.reason))));
  }

  @ReadAccess('reader')
  @Get(':id')
  @Contract({ params: FigureIdParams, responses: { 200: FigureRead }, errors: FigureErrors.read })
  @ApiOperation({ summary: 'A figure with every version and citation, folded from its stream' })
  async get(@Param('id') figureId: string, @Res({ passthrough: true }) reply: Reply) {
    const found = await this.queries.execute(new GetFigureQuery(figureId));
    if (!found) throw notFound(LedgerErrorCodes.figureNotFound, `Figure ${figureId} does not exist`, { figureId });
    reply.header('etag', `"${found.streamVersion}"`);
    return { data: found.view, streamVersion: found.streamVersion };
  }
}
