import { Module, type DynamicModule } from '@nestjs/common';
import { AUDIT_API_OPTIONS, type AuditApiOptions } from './audit.options';
import { CheckpointRequests } from './http/checkpoint-requests';
import { CheckpointsController } from './http/checkpoints.controller';
import { EventsController } from './http/events.controller';
import { LogWakeups } from './http/log-wakeups';
import { ProofsController } from './http/proofs.controller';
import { SealerMetrics } from './sealer/sealer-metrics';

/**
 * The auditors' HTTP API: history (`/v1/events`, export, tail, streams),
 * checkpoints, proofs and the public key. Needs PlatformModule; the app
 * provides the problem+json filter and the validation pipe.
 */
@Module({
  controllers: [EventsController, CheckpointsController, ProofsController],
  providers: [LogWakeups, CheckpointRequests, SealerMetrics],
})
export class AuditApiModule {
  static forRoot(options: Partial<AuditApiOptions> = {}): DynamicModule {
    return { module: AuditApiModule, providers: [{ provide: AUDIT_API_OPTIONS, useValue: options }] };
  }
}
