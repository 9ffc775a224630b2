import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetReportTextQuery,
  RedactReportTextCommand,
  RegisterReportCommand,
  StoreReportTextCommand,
  UpdateReportCommand,
} from '@factledger/ledger';
import { RegisterReportDto, ReportTextDto, UpdateReportDto } from './dto/report.dto';
import { Write, writeContext, writeResponse, type HttpWrite } from './write-http';
import { WRITE_HEADERS } from './write-headers';
import { ReadAccess, RequireRoles } from '@factledger/platform';

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
  @ApiOperation({ summary: 'Register a report (a publication carrying figures), optionally with its raw text' })
  async register(@Body() { text, ...body }: RegisterReportDto, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    const result = await this.commands.execute(new RegisterReportCommand(body, writeContext(write), text));
    return writeResponse(reply, result, `/v1/reports/${result.id}`);
  }

  @RequireRoles('reporter')
  @Patch(':id')
  @ApiHeader(WRITE_HEADERS.ifMatch)
  @ApiOperation({ summary: 'Change a report' })
  async update(@Param('id') reportId: string, @Body() body: UpdateReportDto, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    return writeResponse(reply, await this.commands.execute(new UpdateReportCommand({ ...body, reportId }, writeContext(write))));
  }

  @RequireRoles('reporter')
  @Put(':id/text')
  @ApiOperation({ summary: "Store (or restore) a report's raw text; it must hash to the report's contentHash" })
  storeText(@Param('id') reportId: string, @Body() { text }: ReportTextDto) {
    return this.commands.execute(new StoreReportTextCommand(reportId, text));
  }

  @ReadAccess('reader')
  @Get(':id/text')
  @ApiOperation({ summary: "A report's raw text, unless redacted" })
  text(@Param('id') reportId: string) {
    return this.queries.execute(new GetReportTextQuery(reportId));
  }

  @RequireRoles('editor')
  @Delete(':id/text')
  @ApiOperation({ summary: 'Redact the raw text; the events and the content hash stay' })
  redact(@Param('id') reportId: string) {
    return this.commands.execute(new RedactReportTextCommand(reportId));
  }
}
