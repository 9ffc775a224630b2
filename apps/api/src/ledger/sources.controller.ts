import { Body, Controller, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegisterSourceCommand, UpdateSourceCommand } from '@factledger/ledger';
import {
  SourceIdParams,
  SourceWriteResult,
  RegisterSourceBody,
  UpdateSourceBody,
  type RegisterSourceInput,
  type UpdateSourceInput,
} from './dto/source.schema';
import { Write, writeContext, writeResponse, type HttpWrite } from './write-http';
import { WRITE_HEADERS } from './write-headers';
import { Contract, RequireRoles } from '@factledger/platform';
import { SourceErrors } from './write-errors';

type Reply = { header(name: string, value: string): unknown };

@ApiTags('sources')
@ApiHeader(WRITE_HEADERS.idempotencyKey)
@Controller('v1/sources')
export class SourcesController {
  constructor(private readonly commands: CommandBus) {}

  @RequireRoles('editor')
  @Post()
  @HttpCode(201)
  @Contract({ body: RegisterSourceBody, responses: { 201: SourceWriteResult }, errors: SourceErrors.register })
  @ApiOperation({ summary: 'Register a source (who asserts figures)' })
  async register(@Body() body: RegisterSourceInput, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    const result = await this.commands.execute(new RegisterSourceCommand(body, writeContext(write)));
    return writeResponse(reply, result, `/v1/sources/${result.id}`);
  }

  @RequireRoles('editor')
  @Patch(':id')
  @Contract({ params: SourceIdParams, body: UpdateSourceBody, responses: { 200: SourceWriteResult }, errors: SourceErrors.update })
  @ApiHeader(WRITE_HEADERS.ifMatch)
  @ApiOperation({ summary: 'Change a source' })
  async update(@Param('id') sourceId: string, @Body() body: UpdateSourceInput, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    return writeResponse(reply, await this.commands.execute(new UpdateSourceCommand({ ...body, sourceId }, writeContext(write))));
  }
}
