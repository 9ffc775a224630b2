import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { KYSELY, REDIS_PROBE, type RedisProbe } from '@factledger/platform';

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

  /** 200 while the database answers; Redis down only degrades (ingestion pauses, reads and writes go on). */
  @Get()
  @ApiOperation({ summary: 'Database and Redis status' })
  async health(@Res({ passthrough: true }) reply: { status(code: number): unknown }) {
    const [database, redis] = await Promise.all([
      timed(async () => (await sql`SELECT 1 AS ok`.execute(this.db)).rows.length === 1),
      timed(() => this.redis.isUp()),
    ]);
    const status = database.status === 'down' ? 'down' : redis.status === 'down' ? 'degraded' : 'ok';
    reply.status(database.status === 'down' ? 503 : 200);
    return { status, checks: { database, redis } };
  }
}
