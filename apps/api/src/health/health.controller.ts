import { Controller, Get, Inject } from '@nestjs/common';
import { DomainError } from '@factledger/shared';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { readSealerStatus, type SealerStatus } from '@factledger/audit';
import { Contract, KYSELY, PublicRoute, REDIS_PROBE, type RedisProbe } from '@factledger/platform';
import { HealthReport } from './health.schema';

interface Check {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

async function timed(probe: () => Promise<boolean>): Promise<Check> {
  const start = performance.now();
  try {
    const up = await probe();
    return { status: up ? 'up' : 'down', latencyMs: Math.round(performance.now() - start) };
  } catch (e) {
    return { status: 'down', latencyMs: Math.round(performance.now() - start), error: (e as Error).message };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(KYSELY) private readonly db: Kysely<any>,
    @Inject(REDIS_PROBE) private readonly redis: RedisProbe,
  ) {}

  /**
   * 200 while the database answers. Redis down only degrades (ingestion
   * pauses, reads and writes go on); so does a stalled sealer (writes and
   * reads go on, but no new event is sealed or checkpointed: tamper evidence
   * stops growing). The sealer check is `GET /v1/checkpoints/status` in short.
   */
  @PublicRoute()
  @Get()
  // 503 is an error like any other (problem+json, code health.down), with the checks as an extension member.
  @Contract({ responses: { 200: HealthReport('The database answers: ok, or degraded (Redis or the sealer down)') }, errors: { 503: ['health.down'] } })
  @ApiOperation({ summary: 'Database, Redis and sealer status; 503 problem+json (code health.down, with the same `checks`) when the database does not answer' })
  async health() {
    let sealerStatus: SealerStatus | null = null;
    const [database, redis, sealerProbe] = await Promise.all([
      timed(async () => (await sql`SELECT 1 AS ok`.execute(this.db)).rows.length === 1),
      timed(() => this.redis.isUp()),
      timed(async () => {
        sealerStatus = await readSealerStatus(this.db);
        return sealerStatus.state === 'running';
      }),
    ]);
    const s = sealerStatus as SealerStatus | null;
    const sealer = {
      ...sealerProbe,
      ...(s ? { state: s.state, treeSize: s.treeSize, lagEvents: s.lagEvents, lastCheckpointAt: s.lastCheckpoint?.issuedAt ?? null } : {}),
      ...(s?.lastError ? { error: s.lastError.message, eventId: s.lastError.eventId, position: s.lastError.position } : {}),
    };
    const checks = { database, redis, sealer };
    if (database.status === 'down') throw new DomainError('health.down', 'unavailable', `The database does not answer: ${database.error ?? 'no answer'}`, { checks });
    return { status: redis.status === 'down' || sealer.status === 'down' ? 'degraded' : 'ok', checks };
  }
}
