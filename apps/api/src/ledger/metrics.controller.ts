import { Body, Controller, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegisterMetricCommand, UpdateMetricCommand } from '@factledger/ledger';
import { RegisterMetricDto, UpdateMetricDto } from './dto/metric.dto';
import { Write, writeContext, writeResponse, type HttpWrite } from './write-http';
import { WRITE_HEADERS } from './write-headers';
import { RequireRoles } from '@factledger/platform';

type Reply = { header(name: string, value: string): unknown };

@ApiTags('metrics')
@ApiHeader(WRITE_HEADERS.idempotencyKey)
@Controller('v1/metrics')
export class MetricsController {
  constructor(private readonly commands: CommandBus) {}

  @RequireRoles('editor')
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a metric (a tracked quantity)' })
  async register(@Body() body: RegisterMetricDto, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    const result = await this.commands.execute(new RegisterMetricCommand(body, writeContext(write)));
    return writeResponse(reply, result, `/v1/metrics/${result.id}`);
  }

  @RequireRoles('editor')
  @Patch(':key')
  @ApiHeader(WRITE_HEADERS.ifMatch)
  @ApiOperation({ summary: "Change a metric's label, description, aliases or patterns" })
  async update(@Param('key') key: string, @Body() body: UpdateMetricDto, @Write() write: HttpWrite, @Res({ passthrough: true }) reply: Reply) {
    return writeResponse(reply, await this.commands.execute(new UpdateMetricCommand({ ...body, key }, writeContext(write))));
  }
}
