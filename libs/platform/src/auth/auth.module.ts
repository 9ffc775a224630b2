import { Global, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import type { EventStore } from '@factledger/event-store';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config/config.schema';
import { API_KEYS, CONFIG, EVENT_STORE, KYSELY, RATE_LIMITS, STREAM_SLOTS } from '../nest/tokens';
import { AccessGuard } from './access.guard';
import { ApiKeys } from './api-keys.service';
import type { AuthTables } from './api-keys.repository';
import { RateLimits } from './rate-limits';
import { StreamSlots } from './stream-slots';

/** Turns the rate limits on once Nest has set up its HTTP server (an application context without one limits nothing). */
class RateLimitInstaller implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(RATE_LIMITS) private readonly limits: RateLimits,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    if (this.adapterHost.httpAdapter?.getInstance()) this.limits.install();
  }

  onApplicationShutdown(): void {
    this.limits.close();
  }
}

/** Keys, the access guard on every route, rate limits and stream slots (needs PlatformModule). */
@Global()
@Module({
  providers: [
    {
      provide: API_KEYS,
      inject: [KYSELY, EVENT_STORE, CONFIG],
      useFactory: (db: Kysely<AuthTables>, store: EventStore, config: AppConfig) => new ApiKeys(db, store, config.apiKeyCacheTtlMs),
    },
    { provide: RATE_LIMITS, inject: [CONFIG], useFactory: (config: AppConfig) => new RateLimits(config) },
    { provide: STREAM_SLOTS, inject: [CONFIG], useFactory: (config: AppConfig) => new StreamSlots(config.maxOpenStreamsPerPrincipal) },
    { provide: APP_GUARD, useClass: AccessGuard },
    RateLimitInstaller,
  ],
  exports: [API_KEYS, RATE_LIMITS, STREAM_SLOTS],
})
export class AuthModule {}
