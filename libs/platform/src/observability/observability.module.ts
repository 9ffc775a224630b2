import { Inject, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/config.schema';
import { CONFIG, METRICS, METRICS_LISTEN_SETTING } from '../nest/tokens';
import type { MetricsRegistry } from './metrics-registry';
import { MetricsServer } from './metrics-server';

/** Which setting holds this app's private metrics address: the API's METRICS_LISTEN or the worker's WORKER_METRICS_LISTEN. */
export type MetricsListenSetting = 'metricsListen' | 'workerMetricsListen';

/** Opens the unauthenticated metrics listener when this app's setting names an address. */
export class MetricsListener implements OnModuleInit, OnApplicationShutdown {
  private readonly server: MetricsServer;
  private readonly logger = new Logger('metrics');
  /** Where it listens (null: off), e.g. for a test that chose port 0. */
  address: { host: string; port: number } | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(METRICS) metrics: MetricsRegistry,
    @Inject(METRICS_LISTEN_SETTING) private readonly setting: MetricsListenSetting | null,
  ) {
    this.server = new MetricsServer(metrics);
  }

  async onModuleInit(): Promise<void> {
    const listen = this.setting ? this.config[this.setting] : null;
    if (!listen) return;
    const address = await this.server.listen(listen).catch((e: NodeJS.ErrnoException) => {
      // Another process (a second worker on this host) holds the port: work goes on, without this listener.
      if (e.code !== 'EADDRINUSE') throw e;
      this.logger.warn(
        `metrics: ${listen} is in use; this process serves no metrics listener (give it its own ${this.setting === 'workerMetricsListen' ? 'WORKER_METRICS_LISTEN' : 'METRICS_LISTEN'})`,
      );
      return null;
    });
    if (!address) return;
    this.address = { host: address.address, port: address.port };
    this.logger.log(
      `metrics (no authentication) on http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}
