import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { API_KEYS, CONFIG, type ApiKeys, type AppConfig } from '@factledger/platform';
import { INGESTION_QUEUE } from '@factledger/ingestion';
import { AdminAccess } from './admin-access';
import { AdminSessions } from './admin-sessions';
import { installAdminRoutes } from './admin-routes';

/**
 * The operator pages: /admin/login, /admin/session, /admin/logout and the
 * bull-board queue dashboard at /admin/queues (admin role only). They are
 * raw Fastify routes (bull-board brings its own), so they stay out of the
 * OpenAPI document and are guarded by AdminAccess, not the Nest AccessGuard.
 * Installed once Nest has set up Fastify, as the rate-limit plugin is.
 */
@Injectable()
class QueueDashboardInstaller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sessions: AdminSessions;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    @Inject(API_KEYS) private readonly keys: ApiKeys,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.sessions = new AdminSessions(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance() as FastifyInstance | undefined;
    if (!fastify) return;
    const queue = this.moduleRef.get<Queue>(getQueueToken(INGESTION_QUEUE), { strict: false });
    await installAdminRoutes(fastify, { access: new AdminAccess(this.keys, this.sessions), sessions: this.sessions, queues: [queue] });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sessions.shutdown();
  }
}

/** Needs PlatformModule, AuthModule and the ingestion queue (IngestionApiModule). */
@Module({ providers: [QueueDashboardInstaller] })
export class QueueDashboardModule {}
