import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { METRICS, RequireRoles, type MetricsRegistry } from '@factledger/platform';

/**
 * Prometheus metrics on the API's own port, for admins only: they reveal
 * traffic and internals. A scraper on a private network uses METRICS_LISTEN
 * instead. Not an API operation, so not in the OpenAPI document.
 */
@ApiExcludeController()
@Controller('metrics')
export class PrometheusController {
  constructor(@Inject(METRICS) private readonly metrics: MetricsRegistry) {}

  @RequireRoles('admin')
  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: { header(name: string, value: string): unknown }): Promise<string> {
    reply.header('content-type', this.metrics.contentType);
    return this.metrics.text();
  }
}
