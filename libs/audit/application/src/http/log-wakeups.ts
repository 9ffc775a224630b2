import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AppendListener } from '@factledger/event-store';
import { CONFIG, type AppConfig } from '@factledger/platform';

/**
 * One LISTEN connection per API process for every open tail, started by the
 * first tail. Tails still poll, so a dropped listener only adds latency.
 * Module shutdown (before the HTTP server closes) ends every open tail.
 */
@Injectable()
export class LogWakeups implements OnModuleDestroy {
  private listener: AppendListener | null = null;
  private readonly logger = new Logger('audit');
  private readonly shutdown = new AbortController();

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  get(): AppendListener {
    if (!this.listener) {
      this.listener = new AppendListener(this.config.databaseUrl);
      this.listener.setMaxListeners(0); // one per open tail
      this.listener.start().catch((e: Error) => this.logger.warn(`append listener: ${e.message}; tails fall back to polling`));
    }
    return this.listener;
  }

  get shutdownSignal(): AbortSignal {
    return this.shutdown.signal;
  }

  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    await this.listener?.stop();
    this.listener = null;
  }
}
