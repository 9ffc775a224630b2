import { Controller, Get, Inject } from '@nestjs/common';
import { DomainError } from '@factledger/shared';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { readSealerStatus, type AuditDb, type SealerStatus } from '@factledger/audit';
import { CONFIG, Contract, KYSELY, PublicRoute, READ_KYSELY, REDIS_PROBE, type AppConfig, type RedisProbe } from '@factledger/platform';
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

interface OldestTransaction {
  pid: number;
  age_ms: string;
  state: string | null;
  application_name: string | null;
  database: string | null;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(KYSELY) private readonly db: Kysely<AuditDb>,
    @Inject(READ_KYSELY) private readonly readDb: Kysely<AuditDb>,
    @Inject(REDIS_PROBE) private readonly redis: RedisProbe,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * 200 while the database answers. Redis down only degrades (ingestion
   * pauses, reads and writes go on); so does a stalled sealer (writes and
   * reads go on, but no new event is sealed or checkpointed: tamper evidence
   * stops growing). The sealer check is `GET /v1/checkpoints/status` in short.
   * So does a transaction open anywhere in the cluster, holding a transaction
   * id, for longer than HEALTH_OPEN_TRANSACTION_MAX_AGE_MS: gap-safe readers
   * (projectors, the sealer, log readers) see nothing committed after it began.
   * So does a read replica (READ_DATABASE_URL) that does not answer.
   */
  @PublicRoute()
  @Get()
  // 503 is an error like any other (problem+json, code health.down), with the checks as an extension member.
  @Contract({
    responses: { 200: HealthReport('The database answers: ok, or degraded (Redis or the sealer down, or a transaction open too long elsewhere)') },
    errors: { 503: ['health.down'] },
  })
  @ApiOperation({
    summary:
      'Database, Redis, sealer, open-transaction and read-replica status; 503 problem+json (code health.down, with the same `checks`) when the database does not answer',
  })
  async health() {
    let sealerStatus: SealerStatus | null = null;
    let oldest: OldestTransaction | undefined;
    const maxAgeMs = this.config.healthOpenTransactionMaxAgeMs;
    const [database, redis, sealerProbe, transactionProbe, replica] = await Promise.all([
      timed(async () => (await sql`SELECT 1 AS ok`.execute(this.db)).rows.length === 1),
      timed(() => this.redis.isUp()),
      timed(async () => {
        sealerStatus = await readSealerStatus(this.db);
        return sealerStatus.state === 'running';
      }),
      timed(async () => {
        oldest = (
          await sql<OldestTransaction>`SELECT pid, age_ms, state, application_name, database FROM factledger_oldest_transaction()`.execute(this.db)
        ).rows[0];
        return !oldest || Number(oldest.age_ms) <= maxAgeMs;
      }),
      this.readDb === this.db ? undefined : this.replica(),
    ]);
    const o = oldest as OldestTransaction | undefined;
    const transactions = {
      ...transactionProbe,
      maxAgeMs,
      oldest: o ? { pid: o.pid, ageMs: Number(o.age_ms), state: o.state, applicationName: o.application_name, database: o.database } : null,
      ...(transactionProbe.status === 'down' && o
        ? { error: `a transaction has been open for ${Math.round(Number(o.age_ms) / 1000)} s (pid ${o.pid}): readers wait behind it` }
        : {}),
    };
    const s = sealerStatus as SealerStatus | null;
    const sealer = {
      ...sealerProbe,
      ...(s ? { state: s.state, treeSize: s.treeSize, lagEvents: s.lagEvents, lastCheckpointAt: s.lastCheckpoint?.issuedAt ?? null } : {}),
      ...(s?.lastError ? { error: s.lastError.message, eventId: s.lastError.eventId, position: s.lastError.position } : {}),
    };
    const checks = { database, redis, sealer, transactions, ...(replica ? { replica } : {}) };
    if (database.status === 'down')
      throw new DomainError('health.down', 'unavailable', `The database does not answer: ${database.error ?? 'no answer'}`, { checks });
    const degraded = [redis, sealer, transactions, replica].some((c) => c?.status === 'down');
    return { status: degraded ? 'degraded' : 'ok', checks };
  }

  /**
   * The read replica (READ_DATABASE_URL): it answers and is a standby, and how far its replay is behind the
   * primary's WAL, in bytes (0 when caught up; a standby that does not answer leaves reads failing: degraded).
   */
  private async replica() {
    let standby: boolean | null = null;
    let lagBytes: number | null = null;
    const probe = await timed(async () => {
      const [
        {
          rows: [r],
        },
        {
          rows: [p],
        },
      ] = await Promise.all([
        sql<{ standby: boolean; replayed: string | null }>`SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed`.execute(
          this.readDb,
        ),
        sql<{ current: string }>`SELECT pg_current_wal_lsn()::text AS current`.execute(this.db),
      ]);
      standby = r!.standby;
      if (r!.replayed)
        lagBytes = Math.max(
          0,
          Number(
            (await sql<{ lag: string }>`SELECT pg_wal_lsn_diff(${p!.current}::pg_lsn, ${r!.replayed}::pg_lsn)::text AS lag`.execute(this.db)).rows[0]!
              .lag,
          ),
        );
      return standby;
    });
    // Assigned inside the probe: TypeScript does not follow assignments in callbacks.
    return {
      ...probe,
      standby: standby as boolean | null,
      lagBytes: lagBytes as number | null,
      ...(probe.status === 'down' && !probe.error ? { error: 'READ_DATABASE_URL is not a standby (pg_is_in_recovery() is false)' } : {}),
    };
  }
}
