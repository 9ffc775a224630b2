import * as fs from 'node:fs/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { sql } from 'kysely';
import { CONFIG, KYSELY, type AppConfig, type SqlConnection } from '@factledger/platform';

export const WORKER_HEARTBEAT_MS = 10_000;

/**
 * The worker serves no HTTP, so a container healthcheck reads the age of a
 * file instead: touched while the event loop turns and the database answers,
 * left to age when either stops (WORKER_HEARTBEAT_FILE; off when unset).
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('worker');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(KYSELY) private readonly db: SqlConnection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const file = this.config.workerHeartbeatFile;
    if (!file) return;
    await this.beat(file);
    this.timer = setInterval(() => void this.beat(file), WORKER_HEARTBEAT_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.config.workerHeartbeatFile) await fs.rm(this.config.workerHeartbeatFile, { force: true });
  }

  private async beat(file: string): Promise<void> {
    try {
      await sql`SELECT 1`.execute(this.db);
      await fs.writeFile(file, `${new Date().toISOString()}\n`);
    } catch (e) {
      this.logger.warn(`heartbeat skipped: ${(e as Error).message}`);
    }
  }
}
