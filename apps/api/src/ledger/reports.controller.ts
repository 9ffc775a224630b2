import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetReportTextQuery, RedactReportTextCommand, RegisterReportCommand, StoreReportTextCommand, UpdateReportCommand } from '@factledger/ledger';
import {
  RedactedText,
  RegisterReportBody,
  ReportIdParams,
  ReportTextBody,
  ReportTextRead,
  ReportWriteResult,
  StoredText,
  UpdateReportBody,
  type RegisterReportInput,
  type ReportTextInput,
  type UpdateReportInput,
} from './dto/report.schema';
import { Write, writeContext, writeResponse, type HttpWrite } from './write-http';
import { WRITE_HEADERS } from './write-headers';
import { Contract, ReadAccess, RequireRoles } from '@factledger/platform';
import { ReportErrors } from './write-errors';

type Reply = { header(name: string, value: string): unknown };

@ApiTags('reports')
@ApiHeader(WRITE_HEADERS.idempotencyKey)
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @RequireRoles('reporter')
  @Post()
  @HttpCode(201)
  @Contract({ body: RegisterReportBody, responses: { 201: ReportWriteResult }, errors: ReportErrors.register })
  @ApiOperation({ summary: 'Register a report (a publication carrying figures), optionally with its raw text' })
  async register(@Body() { text, ...body }: RegisterReportInput, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    const result = await this.commands.execute(new RegisterReportCommand(body, writeContext(write), text));
    return writeResponse(reply, result, `/v1/reports/${result.id}`);
  }

  @RequireRoles('reporter')
  @Patch(':id')
  @Contract({ params: ReportIdParams, body: UpdateReportBody, responses: { 200: ReportWriteResult }, errors: ReportErrors.update })
  @ApiHeader(WRITE_HEADERS.ifMatch)
  @ApiOperation({ summary: 'Change a report' })
  async update(@Param('id') reportId: string, @Body() body: UpdateReportInput, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    return writeResponse(reply, await this.commands.execute(new UpdateReportCommand({ ...body, reportId }, writeContext(write))));
  }

  @RequireRoles('reporter')
  @Put(':id/text')
  @Contract({ params: ReportIdParams, body: ReportTextBody, responses: { 200: StoredText }, errors: ReportErrors.storeText })
  @ApiOperation({ summary: "Store (or restore) a report's raw text; it must hash to the report's contentHash" })
  storeText(@Param('id') reportId: string, @Body() { text }: ReportTextInput) {
    return this.commands.execute(new StoreReportTextCommand(reportId, text));
  }

  @ReadAccess('reader')
  @Get(':id/text')
  @Contract({ params: ReportIdParams, responses: { 200: ReportTextRead }, errors: ReportErrors.readText })
  @ApiOperation({ summary: "A report's raw text, unless redacted" })
  text(@Param('id') reportId: string) {
    return this.queries.execute(new GetReportTextQuery(reportId));
  }

  @RequireRoles('editor')
  @Delete(':id/text')
  @Contract({ params: ReportIdParams, responses: { 200: RedactedText }, errors: ReportErrors.redactText })
  @ApiOperation({ summary: 'Redact the raw text; the events and the content hash stay' })
  redact(@Param('id') reportId: string) {
    return this.commands.execute(new RedactReportTextCommand(reportId));
  }
}
