import { Body, Controller, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegisterMetricCommand, UpdateMetricCommand } from '@factledger/ledger';
import {
  MetricKeyParams,
  MetricWriteResult,
  RegisterMetricBody,
  UpdateMetricBody,
  type RegisterMetricInput,
  type UpdateMetricInput,
} from './dto/metric.schema';
import { Write, writeContext, writeResponse, type HttpWrite } from './write-http';
import { WRITE_HEADERS } from './write-headers';
import { Contract, RequireRoles } from '@factledger/platform';
import { MetricErrors } from './write-errors';

type Reply = { header(name: string, value: string): unknown };

@ApiTags('metrics')
@ApiHeader(WRITE_HEADERS.idempotencyKey)
@Controller('v1/metrics')
export class MetricsController {
  constructor(private readonly commands: CommandBus) {}

  @RequireRoles('editor')
  @Post()
  @HttpCode(201)
  @Contract({ body: RegisterMetricBody, responses: { 201: MetricWriteResult }, errors: MetricErrors.register })
  @ApiOperation({ summary: 'Register a metric (a tracked quantity)' })
  async register(@Body() body: RegisterMetricInput, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    const result = await this.commands.execute(new RegisterMetricCommand(body, writeContext(write)));
    return writeResponse(reply, result, `/v1/metrics/${result.id}`);
  }

  @RequireRoles('editor')
  @Patch(':key')
  @Contract({ params: MetricKeyParams, body: UpdateMetricBody, responses: { 200: MetricWriteResult }, errors: MetricErrors.update })
  @ApiHeader(WRITE_HEADERS.ifMatch)
  @ApiOperation({ summary: "Change a metric's label, description, aliases or patterns" })
  async update(@Param('key') key: string, @Body() body: UpdateMetricInput, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    return writeResponse(reply, await this.commands.execute(new UpdateMetricCommand({ ...body, key }, writeContext(write))));
  }
}
